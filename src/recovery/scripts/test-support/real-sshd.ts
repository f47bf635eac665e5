import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';

/** A real OpenSSH sshd on a high loopback port with its own config and host key (needs root). */
export interface RealSshd {
  port: number;
  endpoint: string;
  /** What sshd wrote to stderr (-e): the reason a login was refused. */
  log: () => string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited (${child.exitCode}): ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sshd did not listen on 127.0.0.1:${port}: ${log()}`);
}

/**
 * Runs a user-management command, retrying while another test holds /etc/passwd's lock (the
 * test files create accounts too, possibly at the same moment).
 */
export function accountCommand(command: string, args: string[]): void {
  for (let attempt = 0; ; attempt++) {
    try {
      execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      return;
    } catch (error) {
      const stderr = String((error as { stderr?: Buffer }).stderr ?? '');
      if (attempt >= 50 || !/lock/i.test(stderr)) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
}

/** Starts `sshd -D -e` with StrictModes on and public keys only, as a stock server has them. */
export async function startRealSshd(
  dir: string,
  options: { passwordAuthentication?: boolean } = {},
): Promise<RealSshd> {
  // sshd refuses to start without its privilege-separation folder; the openssh-server package
  // creates it at service start, which never happens in a container. Left in place: it is the
  // system's own folder, not a test artefact.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const hostKey = join(dir, 'ssh_host_ed25519_key');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'keyrescue-test-host', '-f', hostKey]);
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  await writeFile(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'AuthorizedKeysFile .ssh/authorized_keys',
      'PubkeyAuthentication yes',
      `PasswordAuthentication ${options.passwordAuthentication ? 'yes' : 'no'}`,
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes yes',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-20_000);
  });
  const log = () => stderr;
  try {
    await waitForPort(port, child, log);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    port,
    endpoint: `127.0.0.1:${port}`,
    log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A real Linux account (useradd) whose home the test owns; `remove` deletes the account again. */
export interface LinuxUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
  remove(): void;
}

export function createLinuxUser(home: string): LinuxUser {
  const name = `krt${randomBytes(4).toString('hex')}`;
  accountCommand('useradd', ['-M', '-d', home, '-s', '/bin/sh', '-c', 'KeyRescue test', name]);
  // "*" is "no password" without "locked": with UsePAM no, sshd refuses key logins to a locked ("!") account.
  accountCommand('usermod', ['-p', '*', name]);
  const [uid, gid] = ['-u', '-g'].map((flag) =>
    Number(execFileSync('id', [flag, name], { encoding: 'utf8' })),
  );
  return {
    name,
    uid: uid!,
    gid: gid!,
    home,
    remove: () => {
      accountCommand('userdel', [name]);
    },
  };
}
