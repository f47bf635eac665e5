import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { accountCommand, startRealSshd } from '../../scripts/test-support/real-sshd';

/** A real OpenSSH sshd on a loopback high port, with one test account (needs root, as CI runs). */
export interface TestSshd {
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
  /** The host key's public file (`ssh-keygen -lf` it for the expected fingerprint). */
  hostPublicKeyFile: string;
  stop(): Promise<void>;
}

/**
 * Starts `sshd -D -e` in `dir` with a fresh ed25519 host key and a new Linux account (home in
 * `dir`, `authorizedKeys` installed, a random password); `stop` ends sshd and deletes the account.
 */
export async function startTestSshd(dir: string, authorizedKeys: string): Promise<TestSshd> {
  // startRealSshd writes its host key here.
  const hostKey = join(dir, 'ssh_host_ed25519_key');
  const user = `krs${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  const home = join(dir, user);
  mkdirSync(join(home, '.ssh'), { recursive: true });
  writeFileSync(join(home, '.ssh', 'authorized_keys'), authorizedKeys, { mode: 0o600 });
  accountCommand('useradd', ['-M', '-d', home, '-s', '/bin/sh', '-c', 'KeyRescue SSH test', user]);
  const hash = execFileSync('openssl', ['passwd', '-6', '-stdin'], {
    input: password,
    encoding: 'utf8',
  }).trim();
  accountCommand('usermod', ['-p', hash, user]);
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }));
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }));
  for (const path of [home, join(home, '.ssh'), join(home, '.ssh', 'authorized_keys')])
    chownSync(path, uid, gid);
  chmodSync(home, 0o755);
  chmodSync(join(home, '.ssh'), 0o700);
  // StrictModes checks every folder up to /: the test folder under /tmp is root's and not writable by others.
  chmodSync(dir, 0o755);
  // -f: a command a test timed out may still be running as the account for a moment.
  const removeUser = () => accountCommand('userdel', ['-f', user]);
  const sshd = await startRealSshd(dir, { passwordAuthentication: true }).catch((error: unknown) => {
    removeUser();
    throw error;
  });
  return {
    host: '127.0.0.1',
    port: sshd.port,
    user,
    password,
    hostPublicKeyFile: `${hostKey}.pub`,
    stop: async () => {
      await sshd.stop();
      removeUser();
    },
  };
}
