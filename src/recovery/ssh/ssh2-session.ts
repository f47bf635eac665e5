import { Socket } from 'node:net';
import { Client, utils, type ClientChannel, type ConnectConfig } from 'ssh2';
import { AppError, ipcErrorCodes } from '../../ipc/app-error';
import { isSha256Fingerprint, sha256Fingerprint } from './host-key-fingerprint';
import {
  cancelledError,
  commandTimedOutError,
  connectionError,
  hostKeyMismatchError,
  hostKeyUnknownError,
  keyUnusableError,
  type SshTarget,
} from './ssh-errors';
import type { SshConnectOptions, SshConnector, SshExecOptions, SshExecResult, SshSession } from './ssh-port';

const defaults = { connectTimeoutMs: 20_000, execTimeoutMs: 120_000, maxOutputBytes: 1024 * 1024 };

/** Keeps the first `limit` bytes of a stream and notes whether more came. */
class BoundedBuffer {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;
  constructor(private readonly limit: number) {}
  push(chunk: Buffer): void {
    const room = this.limit - this.size;
    if (chunk.length > room) this.truncated = true;
    if (room <= 0) return;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(kept);
    this.size += kept.length;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

function authConfig(options: SshConnectOptions): Partial<ConnectConfig> {
  const { credentials } = options;
  if ('password' in credentials) return { password: credentials.password, tryKeyboard: true };
  // Parsed here first so a bad or still-encrypted key is its own clear error, not a login failure.
  const parsed = utils.parseKey(credentials.privateKey, credentials.passphrase);
  if (parsed instanceof Error) throw keyUnusableError(parsed.message);
  return {
    privateKey: credentials.privateKey,
    ...(credentials.passphrase ? { passphrase: credentials.passphrase } : {}),
  };
}

class Ssh2Session implements SshSession {
  private closed = false;
  constructor(
    private readonly client: Client,
    private readonly target: SshTarget,
    readonly hostKeyFingerprint: string,
  ) {
    client.once('close', () => {
      this.closed = true;
    });
  }

  exec(command: string, options: SshExecOptions = {}): Promise<SshExecResult> {
    const limit = options.maxOutputBytes ?? defaults.maxOutputBytes;
    const timeoutMs = options.timeoutMs ?? defaults.execTimeoutMs;
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) return reject(cancelledError(this.target));
      if (this.closed)
        return reject(
          connectionError(new Error('The connection is closed'), this.target, progressAfterLogin(timeoutMs)),
        );
      this.client.exec(command, (error, channel: ClientChannel) => {
        if (error) return reject(connectionError(error, this.target, progressAfterLogin(timeoutMs)));
        const stdout = new BoundedBuffer(limit);
        const stderr = new BoundedBuffer(limit);
        let exitCode: number | null = null;
        let exitSignal: string | undefined;
        let settled = false;
        const cleanup = () => {
          settled = true;
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', onAbort);
        };
        // A timed-out or cancelled command fails at once; the remote process is told to die.
        const stop = (why: AppError) => {
          if (settled) return;
          cleanup();
          reject(why);
          try {
            channel.signal('KILL');
          } catch {
            // Older servers do not take signals; closing the channel is all there is.
          }
          channel.close();
        };
        const timer = setTimeout(() => stop(commandTimedOutError(this.target, timeoutMs)), timeoutMs);
        const onAbort = () => stop(cancelledError(this.target));
        options.signal?.addEventListener('abort', onAbort, { once: true });
        channel.on('data', (chunk: Buffer) => stdout.push(chunk));
        channel.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
        channel.on('exit', (code: number | null, signal?: string) => {
          exitCode = typeof code === 'number' ? code : null;
          if (signal) exitSignal = signal;
        });
        channel.on('close', () => {
          if (settled) return;
          cleanup();
          resolve({
            exitCode,
            ...(exitSignal ? { exitSignal } : {}),
            stdout: stdout.text(),
            stderr: stderr.text(),
            stdoutTruncated: stdout.truncated,
            stderrTruncated: stderr.truncated,
          });
        });
        if (options.stdin !== undefined) channel.end(options.stdin);
        else channel.end();
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      this.client.once('close', () => resolve());
      this.client.end();
    });
  }
}

function progressAfterLogin(timeoutMs: number) {
  return { tcpConnected: true, serverSpoke: true, timeoutMs };
}

/**
 * Opens a session with ssh2 over a socket this adapter owns, so it knows how far a failed attempt
 * got (TCP refused, closed before the server spoke, timed out, login refused) and can say which.
 */
export function connectSsh2(options: SshConnectOptions): Promise<SshSession> {
  const target: SshTarget = { host: options.host, port: options.port ?? 22, username: options.username };
  const timeoutMs = options.timeoutMs ?? defaults.connectTimeoutMs;
  const policy = options.hostKey;
  const pins =
    policy.kind === 'pinned' ? [policy.fingerprint] : policy.kind === 'console' ? policy.fingerprints : [];
  const badPin = pins.find((pin) => !isSha256Fingerprint(pin));
  if (badPin !== undefined || (policy.kind === 'console' && pins.length === 0))
    return Promise.reject(
      new AppError(
        ipcErrorCodes.invalidInput,
        `The pinned host key must be a SHA256 fingerprint as ssh-keygen -l prints it (SHA256: and 43 characters), not "${(badPin ?? '').slice(0, 80)}".`,
      ),
    );
  let auth: Partial<ConnectConfig>;
  try {
    auth = authConfig(options);
  } catch (error) {
    return Promise.reject(error as Error);
  }
  if (options.signal?.aborted) return Promise.reject(cancelledError(target));
  return new Promise((resolve, reject) => {
    const client = new Client();
    const socket = new Socket();
    let tcpConnected = false;
    let fingerprint = '';
    let hostKeyProblem: AppError | undefined;
    let settled = false;
    const finish = (outcome: { session?: SshSession; error?: AppError }) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      if (outcome.session) return resolve(outcome.session);
      client.end();
      socket.destroy();
      reject(outcome.error);
    };
    const onAbort = () => finish({ error: cancelledError(target) });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      tcpConnected = true;
    });
    client.on('ready', () => finish({ session: new Ssh2Session(client, target, fingerprint) }));
    client.on('error', (error) => {
      const progress = { tcpConnected, serverSpoke: socket.bytesRead > 0, timeoutMs };
      finish({ error: hostKeyProblem ?? connectionError(error, target, progress) });
    });
    client.on('close', () =>
      finish({
        error:
          hostKeyProblem ??
          connectionError(new Error('Connection lost before handshake'), target, {
            tcpConnected,
            serverSpoke: socket.bytesRead > 0,
            timeoutMs,
          }),
      }),
    );
    socket.connect({ host: target.host, port: target.port });
    client.connect({
      sock: socket,
      username: options.username,
      readyTimeout: timeoutMs,
      ...auth,
      hostVerifier: (key: Buffer) => {
        fingerprint = sha256Fingerprint(key);
        if (policy.kind === 'accept-new') return true;
        if (pins.includes(fingerprint)) return true;
        hostKeyProblem =
          pins.length > 0
            ? hostKeyMismatchError(target, pins.join(' or '), fingerprint)
            : hostKeyUnknownError(target, fingerprint);
        return false;
      },
    });
  });
}

/** The production SSH connector. */
export const ssh2Connector: SshConnector = { connect: connectSsh2 };
