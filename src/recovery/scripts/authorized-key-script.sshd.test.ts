import { execFileSync } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSsh } from '../../sandbox/test-support/openssh';
import { addKeyScript, removeKeyScript } from './authorized-key-script';
import { createLinuxUser, startRealSshd, type LinuxUser, type RealSshd } from './test-support/real-sshd';
import { runScript, shells } from './test-support/run-script';
import { backupsOf, ownerAndMode, readBytes } from './test-support/volume';

// The live-system mode end to end: a real account (useradd), the script run as root by each
// shell with no prefix (so it asks `sshd -T` where keys go), then a real OpenSSH sshd with
// StrictModes on accepts the new key. CI runs as root; without root this fails, it does not skip.
let dir: string;
let sshd: RealSshd;
let account: LinuxUser;
let oldKey: string;

function keygen(name: string, comment: string): string {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', join(dir, name)]);
  return execFileSync('cat', [join(dir, `${name}.pub`)], { encoding: 'utf8' }).trim();
}

beforeAll(async () => {
  expect(process.getuid?.(), 'these tests run as root, as CI does (useradd, sshd)').toBe(0);
  dir = await mkdtemp(join(tmpdir(), 'keyrescue-script-sshd-'));
  // sshd reads authorized_keys as the user, who must be able to walk down to the home.
  await chmod(dir, 0o711);
  const home = join(dir, 'home');
  await mkdir(home, { mode: 0o755 });
  account = createLinuxUser(home);
  await chown(home, account.uid, account.gid);
  sshd = await startRealSshd(dir);
  oldKey = keygen('old', 'old key');
});
afterAll(async () => {
  await sshd?.stop();
  account?.remove();
  await rm(dir, { recursive: true, force: true });
});

const login = (identity: string) => openSsh(sshd.endpoint, account.name, join(dir, identity), 'true');

describe.each(shells)('the script on a live system, run by $name, then sshd', (shell) => {
  it('adds a key OpenSSH then accepts; the other key keeps working; removeKey takes it away', async () => {
    const ssh = join(account.home, '.ssh');
    await rm(ssh, { recursive: true, force: true });
    // An existing file without a final line break, holding the key that still works.
    await mkdir(ssh, { mode: 0o755 });
    await chown(ssh, account.uid, account.gid);
    await writeFile(join(ssh, 'authorized_keys'), oldKey, { mode: 0o644 });
    await chown(join(ssh, 'authorized_keys'), account.uid, account.gid);
    const keyName = `new-${shell.command.join('-')}`;
    const newKey = keygen(keyName, `it's "${shell.name}" $(id)`);
    expect((await login(keyName)).code).toBe(255);

    const added = await runScript(shell, addKeyScript({ targetUser: account.name, publicKey: newKey }), dir);
    const file = join(ssh, 'authorized_keys');
    expect(added.result).toMatchObject({
      status: 'added',
      file,
      keysFileFrom: 'sshd -T',
      lines: 1,
      warnings: [],
    });
    expect(await readBytes(file)).toBe(`${oldKey}\n${newKey}\n`);
    expect(await ownerAndMode(ssh)).toEqual({ mode: 0o700, uid: account.uid, gid: account.gid });
    expect(await ownerAndMode(file)).toEqual({ mode: 0o600, uid: account.uid, gid: account.gid });
    const [backup] = await backupsOf(ssh);
    expect(await readFile(backup!, 'utf8')).toBe(oldKey);

    expect(await login(keyName), sshd.log()).toMatchObject({ code: 0, stderr: '' });
    expect((await login('old')).code).toBe(0);

    const removed = await runScript(
      shell,
      removeKeyScript({ targetUser: account.name, publicKey: newKey }),
      dir,
    );
    expect(removed.result).toMatchObject({ status: 'removed', lines: 1, file });
    expect(await readBytes(file)).toBe(`${oldKey}\n`);
    expect((await login(keyName)).code).toBe(255);
    expect((await login('old')).code).toBe(0);
  });
});
