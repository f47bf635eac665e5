import { resolve } from 'node:path';
import { AppError } from '../../ipc/app-error';
import { readPassphraseFile } from '../../keys/passphrase-file';
import { keyErrorCodes } from '../../keys/key-errors';
import { authorizeViaLogin, readLoginKey } from '../../recovery/paths/another-login';
import { scriptOutcomeText, scriptWarningText } from '../../recovery/paths/script-outcome-text';
import { recoveryErrorCodes } from '../../recovery/recovery-errors';
import { readPublicKeyLine } from '../../recovery/scripts/public-key-file';
import { checkTargetUser } from '../../recovery/scripts/script-inputs';
import { ssh2Connector } from '../../recovery/ssh/ssh2-session';
import type { HostKeyPolicy } from '../../recovery/ssh/ssh-port';
import { UsageError, type CliContext } from '../cli-types';
import { oneLine } from '../terminal-text';

/** The `authorize` options this mode reads (parsed by authorize.ts). */
export interface AuthorizeHostValues {
  host?: string;
  port?: string;
  root?: string;
  'login-user'?: string;
  'login-key'?: string;
  'login-passphrase-file'?: string;
  user?: string;
  'public-key'?: string;
  'host-key'?: string;
  'accept-new-host-key'?: boolean;
  remove?: boolean;
  json?: boolean;
  /** The host is this EC2 instance: a refused host key is compared with its console output. */
  instance?: string;
  profile?: string;
  region?: string;
  endpoint?: string;
}

function portOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) < 1 || Number(value) > 65535)
    throw new UsageError(`--port must be a port number from 1 to 65535, not "${value.slice(0, 40)}".`);
  return Number(value);
}

function hostKeyPolicy(values: AuthorizeHostValues): HostKeyPolicy {
  const pin = values['host-key'];
  if (pin !== undefined && values['accept-new-host-key'])
    throw new UsageError('use either --host-key or --accept-new-host-key, not both.');
  if (pin !== undefined) return { kind: 'pinned', fingerprint: pin };
  return values['accept-new-host-key'] ? { kind: 'accept-new' } : { kind: 'refuse-unknown' };
}

/** The console output's host keys of `--instance`, compared with the refused key (never throws). */
async function consoleComparison(
  values: AuthorizeHostValues,
  instanceId: string,
  fingerprint: string,
  ctx: CliContext,
): Promise<string[]> {
  const { resolveCliAccount } = await import('./aws-options');
  const { consoleComparisonLines } = await import('./host-keys');
  try {
    const account = await resolveCliAccount(ctx, values);
    (await ctx.core.aws()).accounts.useForThisProcess(account);
    return await consoleComparisonLines(
      ctx,
      { accountId: account.id, instanceId, region: values.region ?? account.region },
      fingerprint,
    );
  } catch (error) {
    const reason = oneLine(error instanceof Error ? error.message : String(error)).slice(0, 300);
    return [`The console output of ${instanceId} could not be read: ${reason}`];
  }
}

/** `authorize --host`: the another-login path, printed for a terminal or as one JSON object. */
export async function authorizeOverSsh(values: AuthorizeHostValues, ctx: CliContext): Promise<number> {
  const host = values.host!;
  if (!host || host.length > 253 || /[\s\0]/.test(host))
    throw new UsageError('give the host name or address with --host.');
  if (values.root !== undefined) throw new UsageError('--root applies only to --print-script.');
  if (!values['login-user']) throw new UsageError('give the user to log in as with --login-user.');
  if (!values['login-key']) throw new UsageError('give the login private key file with --login-key.');
  if (!values.user) throw new UsageError('give the target user with --user.');
  if (!values['public-key']) throw new UsageError('give the public key file with --public-key.');
  const port = portOf(values.port);
  const hostKey = hostKeyPolicy(values);
  const loginUser = checkTargetUser(values['login-user']);
  const targetUser = checkTargetUser(values.user);
  const publicKeyPath = resolve(ctx.cwd, values['public-key']);
  const publicKey = await readPublicKeyLine(publicKeyPath);
  const passphrase = values['login-passphrase-file']
    ? await readPassphraseFile(resolve(ctx.cwd, values['login-passphrase-file']))
    : undefined;
  const loginKeyPath = resolve(ctx.cwd, values['login-key']);
  let loginKey: string;
  try {
    loginKey = await readLoginKey(loginKeyPath, passphrase, ctx.signal);
  } catch (error) {
    if (error instanceof AppError && error.code === keyErrorCodes.passphraseRequired)
      throw new AppError(
        error.code,
        `${error.message} Give it with --login-passphrase-file FILE.`,
        error.details,
      );
    throw error;
  }
  const where = `${host}:${port ?? 22}`;
  try {
    const outcome = await authorizeViaLogin(ssh2Connector, {
      host,
      ...(port !== undefined ? { port } : {}),
      loginUser,
      loginKey,
      targetUser,
      publicKey: publicKey.line,
      publicKeySource: publicKeyPath,
      action: values.remove ? 'remove' : 'add',
      hostKey,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    const { result } = outcome;
    const ok = result.status !== 'refused' && result.status !== 'failed';
    if (values.json) {
      ctx.stdout(
        `${JSON.stringify({ ok, host, port: port ?? 22, loginUser, targetUser, runAs: outcome.runAs, hostKeyFingerprint: outcome.hostKeyFingerprint, hostKeyPolicy: hostKey.kind, ...result })}\n`,
      );
      return ok ? 0 : 1;
    }
    const out = ok ? ctx.stdout : ctx.stderr;
    out(`${ok ? '' : 'keyrescue authorize: '}${scriptOutcomeText(result, targetUser)}\n`);
    for (const warning of result.warnings)
      ctx.stderr(`keyrescue authorize: warning: ${scriptWarningText[warning]}.\n`);
    ctx.stdout(
      `Host key of ${where}: ${outcome.hostKeyFingerprint}${hostKey.kind === 'accept-new' ? ` (accepted; pin it next time with --host-key ${outcome.hostKeyFingerprint})` : ' (pinned)'}\n`,
    );
    return ok ? 0 : 1;
  } catch (error) {
    if (error instanceof AppError && error.code === recoveryErrorCodes.sshHostKeyUnknown) {
      const fingerprint = String(error.details?.fingerprint ?? '');
      const comparison = values.instance
        ? await consoleComparison(values, values.instance, fingerprint, ctx)
        : [];
      ctx.stderr(
        `keyrescue authorize: ${error.message}\n${comparison.map((line) => `${line}\n`).join('')}To trust it: --host-key ${fingerprint} (or --accept-new-host-key). Nothing was changed.\n`,
      );
      return 1;
    }
    throw error;
  }
}
