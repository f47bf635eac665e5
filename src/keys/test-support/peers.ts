import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Test helpers that drive the real peers (puttygen 0.78, ssh-keygen, openssl) in a temp folder.
 * Only used by tests.
 */
export interface PeerDir {
  dir: string;
  path(name: string): string;
  write(name: string, data: string | Uint8Array, mode?: number): string;
  read(name: string): string;
  readBytes(name: string): Buffer;
  cleanup(): void;
}

export function makePeerDir(prefix = 'keyrescue-keys-'): PeerDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    path: (name) => join(dir, name),
    write(name, data, mode = 0o600) {
      const p = join(dir, name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, data, { mode });
      return p;
    },
    read: (name) => readFileSync(join(dir, name), 'utf8'),
    readBytes: (name) => readFileSync(join(dir, name)),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs a peer command; throws with its stderr when it fails. */
export function peer(cmd: string, args: string[], input?: string): string {
  return execFileSync(cmd, args, {
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(input !== undefined ? { input } : {}),
  });
}

/** Runs a peer command and returns its exit status and output without throwing. */
export function peerStatus(
  cmd: string,
  args: string[],
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** ssh-keygen key in OpenSSH format (optionally encrypted). */
export function sshKeygen(
  d: PeerDir,
  name: string,
  type: 'rsa' | 'ed25519' | 'ecdsa',
  bits: number | undefined,
  comment: string,
  passphrase = '',
): string {
  const p = d.path(name);
  peer('ssh-keygen', [
    '-q',
    '-t',
    type,
    ...(bits ? ['-b', String(bits)] : []),
    '-C',
    comment,
    '-N',
    passphrase,
    '-f',
    p,
  ]);
  return p;
}
