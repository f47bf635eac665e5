import { decodePrivateKey, encodePrivateKey } from '../../keys';
import { loadKeySource } from '../../keys/key-source';
import { addKeyScript, removeKeyScript, type AuthorizedKeyAction } from '../scripts/authorized-key-script';
import type { HostKeyPolicy, SshConnector, SshCredentials } from '../ssh/ssh-port';
import { runScriptOverSsh, type ScriptOverSshResult } from './script-over-ssh';

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

export type { RunAs } from './script-over-ssh';

export type AnotherLoginResult = LoginScriptResult;

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

/** One login that can become root: where, as whom, with what, and which host key to trust. */
export interface LoginConnection {
  host: string;
  port?: number;
  loginUser: string;
  credentials: SshCredentials;
  hostKey: HostKeyPolicy;
  signal?: AbortSignal;
}

export interface LoginScriptResult extends ScriptOverSshResult {
  hostKeyFingerprint: string;
}

/**
 * Logs in, runs one authorized-keys script as root (root, or `sudo -n`), closes. The one
 * implementation behind `keyrescue authorize --host` and the recovery's another-login runner.
 */
export async function runScriptViaLogin(
  connector: SshConnector,
  login: LoginConnection,
  script: string,
  targetUser?: string,
): Promise<LoginScriptResult> {
  const signal = login.signal ? { signal: login.signal } : {};
  const session = await connector.connect({
    host: login.host,
    ...(login.port !== undefined ? { port: login.port } : {}),
    username: login.loginUser,
    credentials: login.credentials,
    hostKey: login.hostKey,
    ...signal,
  });
  try {
    const run = await runScriptOverSsh(session, {
      script,
      loginUser: login.loginUser,
      host: login.host,
      ...(targetUser ? { targetUser } : {}),
      ...signal,
    });
    return { hostKeyFingerprint: session.hostKeyFingerprint, ...run };
  } finally {
    await session.close();
  }
}

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
  return runScriptViaLogin(
    connector,
    {
      host: input.host,
      ...(input.port !== undefined ? { port: input.port } : {}),
      loginUser: input.loginUser,
      credentials: { privateKey: input.loginKey },
      hostKey: input.hostKey,
      ...(input.signal ? { signal: input.signal } : {}),
    },
    script,
    input.targetUser,
  );
}
