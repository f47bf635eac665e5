import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readPassphraseFile } from '../../keys/passphrase-file';
import { stepStates } from '../../recovery/engine/executor-state';
import type { JournalEntry } from '../../recovery/journal';
import { runCliOperation } from '../cli-operation';
import { UsageError, type CliContext } from '../cli-types';
import { parseCommandArgs } from '../parse-args';
import { oneLine } from '../terminal-text';

/** The steps a rollback will look at (begun and not undone), last first, with their journaled undo. */
export function undoPlan(entries: readonly JournalEntry[]): string[] {
  const undoOf = new Map<string, string>();
  for (const entry of entries) if (entry.type === 'intent') undoOf.set(entry.stepId, entry.undo);
  const lines: string[] = [];
  for (const [stepId, state] of stepStates(entries)) {
    if (state.kind !== 'done' && state.kind !== 'interrupted' && state.kind !== 'undoInterrupted') continue;
    const how =
      state.kind === 'done'
        ? 'done'
        : state.kind === 'interrupted'
          ? 'interrupted, checked first'
          : 'undo interrupted';
    lines.unshift(`  ${stepId} (${how}): ${oneLine(undoOf.get(stepId) ?? 'nothing recorded')}`);
  }
  return lines;
}

const hintOptions: Record<string, string> = {
  newKey: 'the passphrase in a file with --passphrase-file F',
  loginKey: 'the passphrase in a file with --login-passphrase-file F',
  loginPassword: 'the login password in a file with --login-password-file F',
};

/**
 * The option that brings an encrypted key file's passphrase or the login's password, after a
 * resume or rollback refused for it.
 */
export function passphraseHint(error: unknown, ctx: CliContext): void {
  const { code, details } = (error ?? {}) as { code?: string; details?: { key?: string } };
  const refusals = [
    'recoveryRun.resumePassphraseNeeded',
    'recoveryRun.resumeWrongPassphrase',
    'recoveryRun.resumePasswordNeeded',
    'recoveryRun.resumeWrongPassword',
  ];
  if (code && refusals.includes(code))
    ctx.stderr(`keyrescue journal: give ${hintOptions[details?.key ?? ''] ?? hintOptions.newKey}.\n`);
}

/**
 * What a resume or rollback of a journal brings: its key files' passphrases and the login's
 * password (from files, never argv), the account set.
 */
export async function journaledRunInputs(
  ctx: CliContext,
  values: {
    'passphrase-file'?: string;
    'login-passphrase-file'?: string;
    'login-password-file'?: string;
    profile?: string;
    region?: string;
    endpoint?: string;
  },
): Promise<{ newKeyPassphrase?: string; loginKeyPassphrase?: string; loginPassword?: string }> {
  const passphrase = async (name: 'passphrase-file' | 'login-passphrase-file' | 'login-password-file') =>
    values[name] ? readPassphraseFile(resolve(ctx.cwd, values[name])) : undefined;
  const newKeyPassphrase = await passphrase('passphrase-file');
  const loginKeyPassphrase = await passphrase('login-passphrase-file');
  const loginPassword = await passphrase('login-password-file');
  // The account is the journal's own; --profile/--endpoint give it again when this process cannot
  // resolve it by itself (an endpoint account); the terminal answers its MFA prompt.
  const { resolveCliAccount } = await import('./aws-options');
  const account = await resolveCliAccount(ctx, values);
  if (values.profile || values.endpoint) (await ctx.core.aws()).accounts.useForThisProcess(account);
  return {
    ...(newKeyPassphrase ? { newKeyPassphrase } : {}),
    ...(loginKeyPassphrase ? { loginKeyPassphrase } : {}),
    ...(loginPassword ? { loginPassword } : {}),
  };
}

/**
 * Undoes an unfinished recovery from its journal, on the account it started on: lists what will be
 * undone, and changes nothing without --yes (exit 2). Progress as resume prints it.
 */
export async function rollbackCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(parseArgs, {
    args,
    allowPositionals: true,
    options: {
      yes: { type: 'boolean' },
      json: { type: 'boolean' },
      'host-key': { type: 'string' },
      'accept-new-host-key': { type: 'boolean' },
      'passphrase-file': { type: 'string' },
      'login-passphrase-file': { type: 'string' },
      'login-password-file': { type: 'string' },
      profile: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('journal rollback takes exactly one recovery ID');
  const id = positionals[0] ?? '';
  const { hostKeyChoice } = await import('./recover');
  const hostKey = hostKeyChoice(values);
  const { entries, started } = await ctx.core.journals.read(id);
  if (values.region && values.region !== started.region)
    throw new UsageError(
      `recovery ${id} ran in ${started.region}, not ${values.region}; nothing was changed.`,
    );
  const plan = undoPlan(entries);
  ctx.stderr(
    plan.length
      ? `Rolling back ${id} (${started.instanceId}) undoes, last step first:\n${plan.join('\n')}\n`
      : `Recovery ${id} has no step to undo; rolling back only closes its journal.\n`,
  );
  if (!values.yes) {
    ctx.stderr('keyrescue journal: nothing was changed: run again with --yes to roll back.\n');
    return 2;
  }
  const passphrases = await journaledRunInputs(ctx, values);
  const result = await runCliOperation(ctx, {
    command: 'journal',
    kind: 'recovery.rollback',
    json: Boolean(values.json),
    start: () => ctx.api.invoke('recovery:rollback', { recoveryId: id, hostKey, ...passphrases }),
  }).catch((error: unknown) => {
    passphraseHint(error, ctx);
    throw error;
  });
  if (values.json) ctx.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const undone = result.steps.filter((step) => step.state === 'undone').length;
    ctx.stdout(
      `Rolled back ${id}: ${undone} step${undone === 1 ? '' : 's'} undone on ${result.instanceId}.\n`,
    );
  }
  return 0;
}
