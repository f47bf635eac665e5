import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectSsh2 } from '../../ssh/ssh2-session';
import type { SshAddress } from '../ssh-target';

/** A key made by the real ssh-keygen: its private key file and its public line. */
export interface TestKey {
  file: string;
  publicLine: string;
  /** The base64 blob: what "the key is there" means, whatever the comment. */
  blob: string;
  /** The private key file's text, as a step that logs in with it takes it. */
  privateText: string;
  /** `SHA256:…`, as `ssh-keygen -l` prints it. */
  fingerprint: string;
}

export function sshKeygen(
  dir: string,
  name: string,
  type: 'ed25519' | 'rsa' = 'ed25519',
  comment = `${name} (test)`,
): TestKey {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', comment, '-f', file]);
  const publicLine = readFileSync(`${file}.pub`, 'utf8').trim();
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-f', `${file}.pub`], { encoding: 'utf8' }).split(
    ' ',
  )[1];
  return {
    file,
    publicLine,
    blob: publicLine.split(' ')[1] ?? '',
    privateText: readFileSync(file, 'utf8'),
    fingerprint: fingerprint ?? '',
  };
}

/**
 * The real OpenSSH client with only this key (no agent, no config), host keys recorded in
 * `knownHosts` on first sight (accept-new) and checked after. Async: the sandbox's sshd runs in
 * this process.
 */
export function openSshLogin(
  endpoint: SshAddress,
  user: string,
  identity: string,
  knownHosts: string,
  command = 'true',
): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = [
    '-F',
    '/dev/null',
    '-i',
    identity,
    '-p',
    String(endpoint.port),
    '-o',
    'BatchMode=yes',
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'IdentityAgent=none',
    '-o',
    `UserKnownHostsFile=${knownHosts}`,
    '-o',
    'StrictHostKeyChecking=accept-new',
    '-o',
    'LogLevel=ERROR',
    '-o',
    'ConnectTimeout=15',
    `${user}@${endpoint.host}`,
    command,
  ];
  return new Promise((resolve) => {
    execFile('ssh', args, { encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 255) : 0, stdout, stderr });
    });
  });
}

/** A user's authorized_keys, read over SSH with a key that logs in (ssh2, accept-new). */
export async function authorizedKeysOf(
  endpoint: SshAddress,
  user: string,
  privateKey: string,
): Promise<string> {
  const session = await connectSsh2({
    ...endpoint,
    username: user,
    credentials: { privateKey },
    hostKey: { kind: 'accept-new' },
  });
  try {
    return (await session.exec('cat ~/.ssh/authorized_keys')).stdout;
  } finally {
    await session.close();
  }
}

/** `ssh-keygen -lf` of a known_hosts file: the SHA256 fingerprint of each host key in it. */
export function knownHostFingerprints(knownHosts: string): string[] {
  return execFileSync('ssh-keygen', ['-lf', knownHosts], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '');
}
