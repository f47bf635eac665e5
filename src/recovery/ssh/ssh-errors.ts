import { AppError } from '../../ipc/app-error';
import { recoveryErrorCodes } from '../recovery-errors';

/** Where a connection was going; every SSH error names it (never credentials). */
export interface SshTarget {
  host: string;
  port: number;
  username: string;
}

/** What had happened on the connection when it failed. */
export interface ConnectionProgress {
  /** The TCP connection was established. */
  tcpConnected: boolean;
  /** The server sent at least one byte (its SSH identification). */
  serverSpoke: boolean;
  timeoutMs: number;
}

interface SocketishError {
  code?: string;
  level?: string;
  message?: string;
}

const unreachableCodes = new Set([
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EADDRNOTAVAIL',
  'EHOSTDOWN',
  'ENETDOWN',
]);

function where(target: SshTarget): string {
  return `${target.host}:${target.port}`;
}

export function hostKeyUnknownError(target: SshTarget, fingerprint: string): AppError {
  return new AppError(
    recoveryErrorCodes.sshHostKeyUnknown,
    `The host key of ${where(target)} is not yet trusted (${fingerprint}). Compare it with the fingerprint in the instance's console output and accept it only if they match.`,
    { host: target.host, port: target.port, fingerprint },
  );
}

export function hostKeyMismatchError(target: SshTarget, expected: string, actual: string): AppError {
  return new AppError(
    recoveryErrorCodes.sshHostKeyMismatch,
    `WARNING: the host key of ${where(target)} does not match the pinned fingerprint (pinned ${expected}, got ${actual}). This may be another server pretending to be it; do not connect until the fingerprint is confirmed in the instance's console output.`,
    { host: target.host, port: target.port, expected, actual },
  );
}

export function keyUnusableError(reason: string): AppError {
  return new AppError(recoveryErrorCodes.sshKeyUnusable, `The login key cannot be used: ${reason}.`, {
    reason,
  });
}

export function cancelledError(target: SshTarget): AppError {
  return new AppError(
    recoveryErrorCodes.sshCancelled,
    `The SSH connection to ${where(target)} was cancelled.`,
    {
      host: target.host,
      port: target.port,
    },
  );
}

export function commandTimedOutError(target: SshTarget, timeoutMs: number): AppError {
  const seconds = Math.round(timeoutMs / 1000);
  return new AppError(
    recoveryErrorCodes.sshCommandTimedOut,
    `The command on ${where(target)} did not finish within ${seconds} seconds.`,
    { host: target.host, port: target.port, seconds },
  );
}

/** A failed connect attempt in the user's terms: port closed, timed out, unreachable, login refused. */
export function connectionError(error: unknown, target: SshTarget, progress: ConnectionProgress): AppError {
  const shape = (error ?? {}) as SocketishError;
  const code = shape.code ?? '';
  const reason = (shape.message ?? String(error)).slice(0, 300);
  const facts = { host: target.host, port: target.port };
  if (shape.level === 'client-authentication') {
    return new AppError(
      recoveryErrorCodes.sshAuthFailed,
      `${where(target)} refused the login as ${target.username}: the key or password was not accepted. Check the user name and the key.`,
      { ...facts, user: target.username },
    );
  }
  if (shape.level === 'client-timeout' || code === 'ETIMEDOUT') {
    const seconds = Math.round(progress.timeoutMs / 1000);
    return new AppError(
      recoveryErrorCodes.sshTimedOut,
      progress.tcpConnected
        ? `${where(target)} accepted the connection but did not complete an SSH login within ${seconds} seconds.`
        : `Connecting to ${where(target)} timed out after ${seconds} seconds: a security group, network ACL or firewall is probably dropping tcp/${target.port}.`,
      { ...facts, seconds },
    );
  }
  if (unreachableCodes.has(code)) {
    return new AppError(
      recoveryErrorCodes.sshHostUnreachable,
      `${target.host} cannot be reached (${code}). Check the address and the network path (VPN, routes).`,
      { ...facts, reason: code },
    );
  }
  // A reset can arrive before Node reports the TCP connect (the peer accepted and reset at once).
  const closedBeforeSsh =
    code === 'ECONNREFUSED' ||
    (!progress.serverSpoke &&
      (code === 'ECONNRESET' ||
        code === 'EPIPE' ||
        (progress.tcpConnected && /lost before handshake/i.test(reason))));
  if (closedBeforeSsh) {
    return new AppError(
      recoveryErrorCodes.sshPortClosed,
      `Port ${target.port} on ${target.host} is closed to this computer (${code === 'ECONNREFUSED' ? 'connection refused' : 'connection closed before SSH'}). Check that a security group allows tcp/${target.port} from this computer's address.`,
      { ...facts, reason: code || 'closed' },
    );
  }
  return new AppError(
    recoveryErrorCodes.sshConnectionFailed,
    `The SSH connection to ${where(target)} failed: ${reason}`,
    { ...facts, reason },
  );
}
