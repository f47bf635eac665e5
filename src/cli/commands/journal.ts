import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../../fs/atomic-write';
import { fileErrorCodes } from '../../fs/file-errors';
import { AppError, isAppError } from '../../ipc/app-error';
import { runCliOperation } from '../cli-operation';
import { UsageError, type CliCommand, type CliContext } from '../cli-types';
import { resolve } from 'node:path';
import { parseCommandArgs } from '../parse-args';
import { journaledRunInputs, passphraseHint, rollbackCommand } from './journal-rollback';

type Subcommand = (args: string[], ctx: CliContext) => Promise<number>;

const pathNames = {
  ssh: 'another login',
  eic: 'Instance Connect',
  ssm: 'SSM Run Command',
  'user-data': 'user data',
  'rescue-volume': 'rescue volume',
} as const;

/** One line per unfinished recovery: id, instance, path and the last step, as the app's prompt shows them. */
const list: Subcommand = async (args, ctx) => {
  const { values, positionals } = parseCommandArgs(parseArgs, {
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' } },
  });
  if (positionals.length) throw new UsageError('journal list takes no arguments');
  const unfinished = await ctx.api.invoke('recovery:unfinished', {});
  if (values.json) {
    ctx.stdout(`${JSON.stringify(unfinished, null, 2)}\n`);
    return 0;
  }
  if (unfinished.recoveries.length === 0) ctx.stdout('No unfinished recoveries.\n');
  for (const recovery of unfinished.recoveries) {
    const step = recovery.lastStep
      ? `${recovery.lastStep.stepId} (${recovery.lastStep.state})`
      : 'no step yet';
    const verified = recovery.verified ? ', new key verified' : '';
    // What `journal resume` will need: the passphrase files of encrypted key files.
    const needs = [
      ...(recovery.encryptedKeys.newKey ? ['--passphrase-file'] : []),
      ...(recovery.encryptedKeys.loginKey ? ['--login-passphrase-file'] : []),
    ];
    const encrypted = needs.length ? `, encrypted keys: resume with ${needs.join(' and ')}` : '';
    // A password login, marked the same way: the journal says only that one was used.
    const password = recovery.passwordLoginUser
      ? `, password login as ${recovery.passwordLoginUser}: resume with --login-password-file`
      : '';
    ctx.stdout(
      `${recovery.id}  ${recovery.instanceId} (${recovery.region})  ${pathNames[recovery.path]} as ${recovery.targetUser}  last step: ${step}${verified}${encrypted}${password}\n`,
    );
  }
  for (const damaged of unfinished.damaged) ctx.stderr(`${damaged.id}: ${damaged.message}\n`);
  if (unfinished.omitted) ctx.stderr(`${unfinished.omitted} more not listed.\n`);
  return 0;
};

function oneId(positionals: string[], sub: string): string {
  if (positionals.length !== 1) throw new UsageError(`journal ${sub} takes exactly one recovery ID`);
  return positionals[0] ?? '';
}

/**
 * Writes what `show` prints to a file, whole or not at all (atomic); an existing file is replaced
 * only with --force.
 */
async function writeOutput(path: string, text: string, force: boolean): Promise<void> {
  try {
    await writeFileAtomic(path, text, { overwrite: force });
  } catch (error) {
    if (isAppError(error) && error.code === fileErrorCodes.exists)
      throw new AppError(
        fileErrorCodes.exists,
        `${path} already exists; nothing was written. Give another file with -o, or add --force to replace it.`,
        { path },
      );
    throw error;
  }
}

/** The report (Markdown), or the journal's entries as they are on disk with --json; to a file with -o. */
const show: Subcommand = async (args, ctx) => {
  const { values, positionals } = parseCommandArgs(parseArgs, {
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      language: { type: 'string' },
      out: { type: 'string', short: 'o' },
      force: { type: 'boolean' },
    },
  });
  const id = oneId(positionals, 'show');
  if (values.force && !values.out) throw new UsageError('--force goes with -o FILE');
  if (values.json && values.language) throw new UsageError('--language is for the report, not --json');
  const language = values.language ?? 'en';
  if (language !== 'en' && language !== 'ja') throw new UsageError('--language is en or ja');
  let text: string;
  if (values.json) {
    const { entries, tornBytes } = await ctx.core.journals.read(id);
    text = `${JSON.stringify({ id, entries, tornBytes }, null, 2)}\n`;
  } else {
    const { markdown } = await ctx.api.invoke('recovery:report', { recoveryId: id, language });
    text = markdown.endsWith('\n') ? markdown : `${markdown}\n`;
  }
  if (!values.out) {
    ctx.stdout(text);
    return 0;
  }
  const path = resolve(ctx.cwd, values.out);
  await writeOutput(path, text, Boolean(values.force));
  ctx.stdout(
    `wrote ${path} (${values.json ? 'the journal entries as JSON' : `the recovery report, ${language}`})\n`,
  );
  return 0;
};

const abandon: Subcommand = async (args, ctx) => {
  const { values, positionals } = parseCommandArgs(parseArgs, {
    args,
    allowPositionals: true,
    options: { reason: { type: 'string' } },
  });
  const id = oneId(positionals, 'abandon');
  await ctx.api.invoke('recovery:abandon', {
    recoveryId: id,
    ...(values.reason ? { reason: values.reason } : {}),
  });
  ctx.stdout(`${id} is abandoned: it is no longer offered for resuming; its journal stays for the report.\n`);
  return 0;
};

/**
 * Goes on with an unfinished recovery from its journal, on the account it started on: the steps
 * done are skipped, an interrupted one is checked or (the idempotent script) repeated.
 */
const resume: Subcommand = async (args, ctx) => {
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
      endpoint: { type: 'string' },
    },
  });
  const id = oneId(positionals, 'resume');
  const { hostKeyChoice } = await import('./recover');
  const hostKey = hostKeyChoice(values);
  if (!values.yes) {
    if (!ctx.stdinIsTTY())
      throw new UsageError('nothing was changed: confirm with --yes when not at a terminal.');
    const answer = await ctx.readLine(`Resume recovery ${id}? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) {
      ctx.stderr('keyrescue journal: nothing was changed.\n');
      return 1;
    }
  }
  const passphrases = await journaledRunInputs(ctx, values);
  const result = await runCliOperation(ctx, {
    command: 'journal',
    kind: 'recovery.run',
    json: Boolean(values.json),
    start: () => ctx.api.invoke('recovery:resume', { recoveryId: id, hostKey, ...passphrases }),
  }).catch((error: unknown) => {
    // An encrypted key file: say which option brings its passphrase.
    passphraseHint(error, ctx);
    throw error;
  });
  if (values.json) ctx.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else
    ctx.stdout(
      `${result.verified ? `Recovered ${result.instanceId}: ${result.targetUser} logs in with the new key (${result.newKeyFingerprint}).` : `Recovery ${id} stopped before verification.`}\n`,
    );
  return result.verified ? 0 : 1;
};

const subcommands: Record<string, Subcommand> = { list, show, resume, rollback: rollbackCommand, abandon };

export const journalCommand: CliCommand = {
  name: 'journal',
  summary: 'List, show, resume, roll back or abandon recoveries from their journals.',
  usage: [
    'keyrescue journal list [--json]',
    '       keyrescue journal show ID [--json | --language en|ja] [-o FILE [--force]]',
    '       keyrescue journal resume ID [--yes] [--host-key SHA256:… | --accept-new-host-key] [--passphrase-file F] [--login-passphrase-file F] [--login-password-file F] [--profile P] [--endpoint URL] [--json]',
    '       keyrescue journal rollback ID [--yes] [--host-key SHA256:… | --accept-new-host-key] [--passphrase-file F] [--login-passphrase-file F] [--login-password-file F] [--profile P] [--region R] [--endpoint URL] [--json]',
    '       keyrescue journal abandon ID [--reason TEXT]',
  ].join('\n'),
  async run(args, ctx) {
    const [sub, ...rest] = args;
    const names = Object.keys(subcommands).join(', ');
    const run = sub ? subcommands[sub] : undefined;
    if (!run)
      throw new UsageError(sub ? `unknown subcommand '${sub}' (${names})` : `missing subcommand (${names})`);
    return run(rest, ctx);
  },
};
