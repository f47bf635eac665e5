/**
 * The recovery engine's port to SSH: open one authenticated session to a host, run commands, close.
 * Paths (another login, Instance Connect) and the verification login use it; the ssh2 adapter is
 * ssh2-session.ts. Host keys are never trusted silently: see {@link HostKeyPolicy}.
 */

/**
 * What to do with the server's host key. `pinned`: only this SHA256 fingerprint (ssh-keygen's
 * `SHA256:…` form) is accepted, any other is a loud mismatch. `accept-new`: the key is accepted
 * and its fingerprint reported (to pin for the next login). `refuse-unknown`: the connection is
 * refused with the key's fingerprint, so the user can compare it (e.g. with the console output).
 * `console`: one of the fingerprints the instance printed to its console output at this boot
 * (read through EC2's API, so a server in between cannot forge them); any other is a mismatch.
 */
export type HostKeyPolicy =
  | { kind: 'pinned'; fingerprint: string }
  | { kind: 'console'; fingerprints: string[] }
  | { kind: 'accept-new' }
  | { kind: 'refuse-unknown' };

/** How to log in: a private key (with its passphrase when encrypted) or a password. */
export type SshCredentials = { privateKey: string | Buffer; passphrase?: string } | { password: string };

export interface SshConnectOptions {
  host: string;
  /** Default 22. */
  port?: number;
  username: string;
  credentials: SshCredentials;
  hostKey: HostKeyPolicy;
  /** Limit on TCP connect + SSH handshake + authentication, in ms (default 20 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface SshExecOptions {
  /** Sent to the command's stdin, then EOF. */
  stdin?: string | Buffer;
  /** Limit on the command's run time, in ms (default 120 s). */
  timeoutMs?: number;
  /** Bytes kept of stdout and of stderr each (default 1 MiB); the rest is dropped and flagged. */
  maxOutputBytes?: number;
  signal?: AbortSignal;
}

export interface SshExecResult {
  /** The command's exit status; null when it died of a signal. */
  exitCode: number | null;
  /** The signal name (`KILL`) when it died of one. */
  exitSignal?: string;
  stdout: string;
  stderr: string;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
}

/** One logged-in SSH connection. */
export interface SshSession {
  /** The server's host key fingerprint, `SHA256:…` as `ssh-keygen -l` prints it. */
  readonly hostKeyFingerprint: string;
  exec(command: string, options?: SshExecOptions): Promise<SshExecResult>;
  /** Ends the connection; resolves once it is closed. */
  close(): Promise<void>;
}

/** Opens SSH sessions (the ssh2 adapter in production; tests may use it against real servers). */
export interface SshConnector {
  connect(options: SshConnectOptions): Promise<SshSession>;
}
