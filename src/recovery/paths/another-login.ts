import { decodePrivateKey, encodePrivateKey } from '../../keys';
import { loadKeySource } from '../../keys/key-source';
import { AppError } from '../../ipc/app-error';
import { recoveryErrorCodes } from '../recovery-errors';
import { addKeyScript, removeKeyScript, type AuthorizedKeyAction } from '../scripts/authorized-key-script';
import { parseScriptResult, type ScriptResult } from '../scripts/script-result';
import type { HostKeyPolicy, SshConnector, SshSession } from '../ssh/ssh-port';

/**
 * The "another working login" path: log in as a user who can become root (root itself, or
 * passwordless sudo), run the authorized-keys script for the target user, read its result line.
 * `keyrescue authorize --host` uses it today; the recovery executor reuses it.
 */
export interface AnotherLoginInput {
  host: string;
  port?: number;
  loginUser: string;
  /** The login key as OpenSSH text, already decrypted (see {@link readLoginKey}). */
  loginKey: string;
  targetUser: string;
  /** One OpenSSH public key line. */
  publicKey: string;
  /** Names the public key in errors (its file path). */
  publicKeySource?: string;
  action: AuthorizedKeyAction;
  hostKey: HostKeyPolicy;
  signal?: AbortSignal;
}

/** How the script became root: it was root already, or passwordless sudo. */
export type RunAs = 'root' | 'sudo';

export interface AnotherLoginResult {
  hostKeyFingerprint: string;
  runAs: RunAs;
  result: ScriptResult;
}

/**
 * Reads the login key with the key module (PEM, OpenSSH, PPK; encrypted or not) and returns it as
 * unencrypted OpenSSH text in memory only, so ssh2 can use keys it cannot read itself (PPK v3).
 */
export async function readLoginKey(path: string, passphrase?: string, signal?: AbortSignal): Promise<string> {
  const { data } = await loadKeySource({ kind: 'file', path });
  const key = await decodePrivateKey(data, {
    source: path,
    ...(passphrase ? { passphrase } : {}),
    ...(signal ? { signal } : {}),
  });
  return encodePrivateKey(key, { format: 'openssh' });
}

/** Stays far below the SSH limits; sudo's refusal is one or two lines. */
const maxReasonChars = 300;

function firstLines(text: string): string {
  return text.trim().split(/\r?\n/).slice(0, 3).join(' ').slice(0, maxReasonChars);
}

/**
 * Root as is; else sudo when it works without a password. Never the login user's own shell, even
 * for their own account: the script refuses non-root on a live system (it needs `sshd -T`, chown
 * and the backup rules as root), so that run could only fail; ssh-copy-id is the tool for that.
 */
async function chooseRunAs(session: SshSession, input: AnotherLoginInput): Promise<RunAs> {
  if (input.loginUser === 'root') return 'root';
  const probe = await session.exec('sudo -n true', { timeoutMs: 30_000, ...signalOf(input) });
  if (probe.exitCode === 0) return 'sudo';
  const reason = firstLines(probe.stderr) || `sudo -n true exited with ${probe.exitCode ?? probe.exitSignal}`;
  const own =
    input.targetUser === input.loginUser ? ' For your own account, ssh-copy-id does it without root.' : '';
  throw new AppError(
    recoveryErrorCodes.sudoUnavailable,
    `${input.loginUser} on ${input.host} cannot run commands as root without a password (${reason}). Log in as root or as a user with passwordless sudo, or run the script as root yourself (keyrescue authorize --print-script). Nothing was changed.${own}`,
    { host: input.host, user: input.loginUser, reason },
  );
}

function signalOf(input: AnotherLoginInput): { signal?: AbortSignal } {
  return input.signal ? { signal: input.signal } : {};
}

const commandFor: Record<RunAs, string> = { root: 'sh', sudo: 'sudo -n sh' };

/** Connects, runs the add (or remove) script as root, and returns what the script reports. */
export async function authorizeViaLogin(
  connector: SshConnector,
  input: AnotherLoginInput,
): Promise<AnotherLoginResult> {
  const scriptInput = {
    targetUser: input.targetUser,
    publicKey: input.publicKey,
    ...(input.publicKeySource ? { publicKeySource: input.publicKeySource } : {}),
  };
  // Built before connecting: a bad user name or key line fails without touching the host.
  const script = input.action === 'add' ? addKeyScript(scriptInput) : removeKeyScript(scriptInput);
  const session = await connector.connect({
    host: input.host,
    ...(input.port !== undefined ? { port: input.port } : {}),
    username: input.loginUser,
    credentials: { privateKey: input.loginKey },
    hostKey: input.hostKey,
    ...signalOf(input),
  });
  try {
    const runAs = await chooseRunAs(session, input);
    const run = await session.exec(commandFor[runAs], { stdin: script, ...signalOf(input) });
    let result: ScriptResult;
    try {
      result = parseScriptResult(run.stdout);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const stderr = firstLines(run.stderr);
      throw new AppError(
        error.code,
        `${error.message} It ran as "${commandFor[runAs]}" on ${input.host} and exited with ${run.exitCode ?? run.exitSignal}${stderr ? `: ${stderr}` : ''}.`,
        { host: input.host },
      );
    }
    return { hostKeyFingerprint: session.hostKeyFingerprint, runAs, result };
  } finally {
    await session.close();
  }
}
