import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bootInstance } from './cloud-init.js';
import type { InstanceSshServer } from './ssh-server.js';
import { startInstanceSshServer } from './ssh-server.js';
import { makeKey, newInstanceOs, runSsh, testTempDir } from './test-support.js';

// Real peer: OpenSSH's own `ssh` client (Debian openssh-client) against the ssh2 server.
const servers: InstanceSshServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function bootedServer(
  image: 'al2023' | 'debian-12',
  publicKey: string,
  extra?: (user: string) => string[],
) {
  const os = newInstanceOs(image);
  const boot = await bootInstance(os, { instanceId: 'i-ssh', keyPairPublicKey: publicKey });
  const server = await startInstanceSshServer({ os, ...(extra ? { extraAuthorizedKeys: extra } : {}) });
  servers.push(server);
  return { os, server, boot };
}

describe('startInstanceSshServer with the OpenSSH client', () => {
  it('logs in with the key pair key, runs the command as that user and returns its exit status; another key is refused', async () => {
    const good = makeKey('ed25519');
    const other = makeKey('rsa');
    const { server } = await bootedServer('al2023', good.publicLine);
    const ok = await runSsh({
      key: good.privatePath,
      port: server.port,
      user: 'ec2-user',
      command: 'id -un; echo to-stderr >&2; exit 7',
    });
    expect(ok).toEqual({ status: 7, stdout: 'ec2-user\n', stderr: 'to-stderr\n' });
    const refused = await runSsh({
      key: other.privatePath,
      port: server.port,
      user: 'ec2-user',
      command: 'true',
    });
    expect(refused.status).toBe(255);
    expect(refused.stderr).toContain('Permission denied (publickey)');
    // root only gets cloud-init's "please login as" forced command (exit 142).
    const root = await runSsh({ key: good.privatePath, port: server.port, user: 'root', command: 'id' });
    expect(root.status).toBe(142);
    expect(root.stdout).toBe('Please login as the user "ec2-user" rather than the user "root".\n\n');
  }, 60_000);

  it('serves the host key made at first boot (fingerprint matches the console output)', async () => {
    const key = makeKey('ed25519');
    const { server, boot } = await bootedServer('al2023', key.publicLine);
    const knownHosts = join(testTempDir('keyrescue-kh-'), 'known_hosts');
    const r = await runSsh({
      key: key.privatePath,
      port: server.port,
      user: 'ec2-user',
      command: 'true',
      extra: ['-o', 'StrictHostKeyChecking=accept-new', '-o', `UserKnownHostsFile=${knownHosts}`],
    });
    expect(r.status).toBe(0);
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-f', knownHosts], { encoding: 'utf8' }).split(
      ' ',
    )[1];
    expect(fingerprint).toBe(boot.hostKeyFingerprint);
  }, 60_000);

  it('runs stdin scripts (append a key with sudo), after which the new key logs in', async () => {
    const launch = makeKey('ed25519');
    const fresh = makeKey('rsa');
    const { server, os } = await bootedServer('al2023', launch.publicLine);
    const script = `set -eu\nf=/home/ec2-user/.ssh/authorized_keys\nif ! grep -qF '${fresh.publicLine.split(' ')[1]}' "$f"; then echo '${fresh.publicLine}' | tee -a "$f" >/dev/null; fi\nchmod 600 "$f"\nstat -c '%U %a' "$f"\n`;
    const r = await runSsh({
      key: launch.privatePath,
      port: server.port,
      user: 'ec2-user',
      command: 'sudo bash -s',
      input: script,
    });
    expect(r).toEqual({ status: 0, stdout: 'ec2-user 600\n', stderr: '' });
    const login = await runSsh({
      key: fresh.privatePath,
      port: server.port,
      user: 'ec2-user',
      command: 'wc -l < ~/.ssh/authorized_keys',
    });
    expect(login).toEqual({ status: 0, stdout: '2\n', stderr: '' });
    // StrictModes: a group-writable home makes sshd ignore the file.
    await os.exec('chmod 775 /home/ec2-user', { user: 'ec2-user' });
    expect(
      (await runSsh({ key: fresh.privatePath, port: server.port, user: 'ec2-user', command: 'true' })).status,
    ).toBe(255);
  }, 60_000);

  it('honours Instance Connect keys only where ec2-instance-connect is installed', async () => {
    const launch = makeKey('ed25519');
    const eic = makeKey('ed25519');
    let live: string[] = [eic.publicLine];
    const al = await bootedServer('al2023', launch.publicLine, () => live);
    expect(
      await runSsh({ key: eic.privatePath, port: al.server.port, user: 'ec2-user', command: 'whoami' }),
    ).toEqual({ status: 0, stdout: 'ec2-user\n', stderr: '' });
    live = []; // the 60-second window is over
    expect(
      (await runSsh({ key: eic.privatePath, port: al.server.port, user: 'ec2-user', command: 'whoami' }))
        .status,
    ).toBe(255);
    const debian = await bootedServer('debian-12', launch.publicLine, () => [eic.publicLine]);
    expect(
      (await runSsh({ key: eic.privatePath, port: debian.server.port, user: 'admin', command: 'whoami' }))
        .status,
    ).toBe(255);
    expect(
      (await runSsh({ key: launch.privatePath, port: debian.server.port, user: 'admin', command: 'whoami' }))
        .stdout,
    ).toBe('admin\n');
  }, 60_000);

  it('gives an interactive shell over a pty that keeps the working directory between lines', async () => {
    const key = makeKey('ed25519');
    const { server } = await bootedServer('debian-12', key.publicLine);
    const r = await runSsh({
      key: key.privatePath,
      port: server.port,
      user: 'admin',
      extra: ['-tt', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null'],
      input: 'cd /etc\npwd\nexit\n',
    });
    expect(r.status).toBe(0);
    // Typed-ahead input is echoed as it arrives (as a tty does), so only the order is fixed.
    expect(r.stdout).toMatch(
      /^\[admin@ip-172-31-0-10 ~\]\$ cd \/etc\r\n[\s\S]*\[admin@ip-172-31-0-10 etc\]\$ [\s\S]*\/etc\r\n/,
    );
  }, 60_000);

  it('refuses to start for a Windows instance', async () => {
    await expect(startInstanceSshServer({ os: newInstanceOs('windows-2022') })).rejects.toThrow(
      'Windows sandbox instances do not run an SSH server',
    );
  });
});
