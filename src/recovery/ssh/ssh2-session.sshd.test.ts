import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../ipc/app-error';
import { recoveryErrorCodes } from '../recovery-errors';
import { connectSsh2 } from './ssh2-session';
import type { SshConnectOptions } from './ssh-port';
import { startTestSshd, type TestSshd } from './test-support/openssh-server';

// The ssh2 adapter against a real OpenSSH sshd on a loopback high port (CI runs as root).
const dir = mkdtempSync(join(tmpdir(), 'kr-ssh2-session-'));
let sshd: TestSshd;
let hostFingerprint: string;
let loginKey: string;

function keygen(name: string, passphrase = ''): string {
  const path = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', name, '-f', path]);
  return path;
}

/** The fingerprint ssh-keygen prints for a public key file (the second field of `-lf`). */
function keygenFingerprint(publicKeyFile: string): string {
  return execFileSync('ssh-keygen', ['-lf', publicKeyFile], { encoding: 'utf8' }).split(' ')[1] ?? '';
}

function options(overrides: Partial<SshConnectOptions> = {}): SshConnectOptions {
  return {
    host: sshd.host,
    port: sshd.port,
    username: sshd.user,
    credentials: { privateKey: loginKey },
    hostKey: { kind: 'pinned', fingerprint: hostFingerprint },
    timeoutMs: 10_000,
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the connection to fail');
}

beforeAll(async () => {
  const key = keygen('login');
  const encrypted = keygen('encrypted', 'correct horse');
  loginKey = readFileSync(key, 'utf8');
  sshd = await startTestSshd(
    dir,
    `${readFileSync(`${key}.pub`, 'utf8')}${readFileSync(`${encrypted}.pub`, 'utf8')}`,
  );
  hostFingerprint = keygenFingerprint(sshd.hostPublicKeyFile);
});

afterAll(async () => {
  try {
    await sshd?.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('host keys', () => {
  it('refuses an unknown host key with the fingerprint ssh-keygen -lf prints for it', async () => {
    const error = await failure(connectSsh2(options({ hostKey: { kind: 'refuse-unknown' } })));
    expect(error.code).toBe(recoveryErrorCodes.sshHostKeyUnknown);
    expect(hostFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(error.details.fingerprint).toBe(hostFingerprint);
    expect(error.message).toContain(hostFingerprint);
  });

  it('logs in with the pinned fingerprint and reports it', async () => {
    const session = await connectSsh2(options());
    try {
      expect(session.hostKeyFingerprint).toBe(hostFingerprint);
      expect((await session.exec('id -un')).stdout).toBe(`${sshd.user}\n`);
    } finally {
      await session.close();
    }
  });

  it('a different pinned fingerprint is a loud mismatch naming both, and nothing is run', async () => {
    const other = keygenFingerprint(`${keygen('impostor')}.pub`);
    const error = await failure(connectSsh2(options({ hostKey: { kind: 'pinned', fingerprint: other } })));
    expect(error.code).toBe(recoveryErrorCodes.sshHostKeyMismatch);
    expect(error.details).toMatchObject({ expected: other, actual: hostFingerprint });
    expect(error.message).toMatch(/^WARNING: the host key of 127\.0\.0\.1:\d+ does not match/);
  });

  it("the console's fingerprints: one of them matching logs in; none matching is a mismatch naming them", async () => {
    const other = keygenFingerprint(`${keygen('console-other')}.pub`);
    const session = await connectSsh2(
      options({ hostKey: { kind: 'console', fingerprints: [other, hostFingerprint] } }),
    );
    expect(session.hostKeyFingerprint).toBe(hostFingerprint);
    await session.close();
    const error = await failure(
      connectSsh2(options({ hostKey: { kind: 'console', fingerprints: [other] } })),
    );
    expect(error.code).toBe(recoveryErrorCodes.sshHostKeyMismatch);
    expect(error.details).toMatchObject({ expected: other, actual: hostFingerprint });
    const none = await failure(connectSsh2(options({ hostKey: { kind: 'console', fingerprints: [] } })));
    expect(none.message).toContain('SHA256 fingerprint');
  });

  it('accept-new logs in and reports the fingerprint to pin', async () => {
    const session = await connectSsh2(options({ hostKey: { kind: 'accept-new' } }));
    expect(session.hostKeyFingerprint).toBe(hostFingerprint);
    await session.close();
  });

  it('a pin that is not a SHA256 fingerprint is refused before connecting', async () => {
    const error = await failure(
      connectSsh2(options({ hostKey: { kind: 'pinned', fingerprint: 'MD5:aa:bb' } })),
    );
    expect(error.message).toContain('SHA256 fingerprint');
  });
});

describe('exec', () => {
  it('returns the exit code, stdout and stderr, feeds stdin, and bounds what it keeps', async () => {
    const session = await connectSsh2(options());
    try {
      const result = await session.exec("printf 'out\\n'; printf 'err\\n' >&2; exit 3");
      expect(result).toEqual({
        exitCode: 3,
        stdout: 'out\n',
        stderr: 'err\n',
        stdoutTruncated: false,
        stderrTruncated: false,
      });
      const echoed = await session.exec('cat; echo " done"', { stdin: 'line from stdin' });
      expect(echoed.stdout).toBe('line from stdin done\n');
      expect(echoed.exitCode).toBe(0);
      const big = await session.exec('head -c 300000 /dev/zero | tr "\\0" x', { maxOutputBytes: 1000 });
      expect(big.stdout).toBe('x'.repeat(1000));
      expect(big.stdoutTruncated).toBe(true);
      expect(big.exitCode).toBe(0);
      const started = Date.now();
      const slow = await failure(session.exec('sleep 3', { timeoutMs: 300 }));
      expect(slow.code).toBe(recoveryErrorCodes.sshCommandTimedOut);
      expect(Date.now() - started).toBeLessThan(2000);
      // The session outlives a timed-out command.
      expect((await session.exec('echo still')).stdout).toBe('still\n');
    } finally {
      await session.close();
    }
  });
});

describe('logins', () => {
  it('a key the account does not list is sshAuthFailed, and the error carries no key material', async () => {
    const stranger = readFileSync(keygen('stranger'), 'utf8');
    const error = await failure(connectSsh2(options({ credentials: { privateKey: stranger } })));
    expect(error.code).toBe(recoveryErrorCodes.sshAuthFailed);
    expect(error.details).toMatchObject({ user: sshd.user, host: '127.0.0.1', port: sshd.port });
    const base64Body = stranger.split('\n')[1] ?? '';
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(
      base64Body.slice(0, 20),
    );
  });

  it('a password logs in; a wrong one is sshAuthFailed and never appears in the error', async () => {
    const session = await connectSsh2(options({ credentials: { password: sshd.password } }));
    expect((await session.exec('id -un')).stdout).toBe(`${sshd.user}\n`);
    await session.close();
    const wrong = 'not-the-password-4711';
    const error = await failure(connectSsh2(options({ credentials: { password: wrong } })));
    expect(error.code).toBe(recoveryErrorCodes.sshAuthFailed);
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(wrong);
  });

  it('an encrypted key needs its passphrase (sshKeyUnusable without it) and logs in with it', async () => {
    const encrypted = readFileSync(join(dir, 'encrypted'), 'utf8');
    const error = await failure(connectSsh2(options({ credentials: { privateKey: encrypted } })));
    expect(error.code).toBe(recoveryErrorCodes.sshKeyUnusable);
    expect(error.message).toContain('passphrase');
    const session = await connectSsh2(
      options({ credentials: { privateKey: encrypted, passphrase: 'correct horse' } }),
    );
    await session.close();
  });
});

describe('reachability', () => {
  let silent: Server;
  let silentPort: number;
  const accepted: Socket[] = [];
  beforeAll(async () => {
    // Accepts TCP and never speaks, like a host whose sshd hangs.
    silent = createServer((socket) => accepted.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of accepted) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('nothing listening: sshPortClosed (connection refused)', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const error = await failure(connectSsh2(options({ port: closed })));
    expect(error.code).toBe(recoveryErrorCodes.sshPortClosed);
    expect(error.details).toMatchObject({ host: '127.0.0.1', port: closed, reason: 'ECONNREFUSED' });
  });

  it('a server that never speaks: sshTimedOut after the limit', async () => {
    const started = Date.now();
    const error = await failure(connectSsh2(options({ port: silentPort, timeoutMs: 400 })));
    expect(error.code).toBe(recoveryErrorCodes.sshTimedOut);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a name that does not resolve: sshHostUnreachable', async () => {
    const error = await failure(connectSsh2(options({ host: 'no-such-host.invalid' })));
    expect(error.code).toBe(recoveryErrorCodes.sshHostUnreachable);
  });

  it('an AbortSignal cancels a connection in progress: sshCancelled', async () => {
    const controller = new AbortController();
    const pending = connectSsh2(options({ port: silentPort, timeoutMs: 10_000, signal: controller.signal }));
    setTimeout(() => controller.abort(), 100);
    expect((await failure(pending)).code).toBe(recoveryErrorCodes.sshCancelled);
  });
});
