import { execFileSync } from 'node:child_process';
import { chmod, chown, link, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addKeyScript, removeKeyScript } from './authorized-key-script';
import { runScript, shells, type Shell } from './test-support/run-script';
import {
  backupsOf,
  makeVolume,
  ownerAndMode,
  readBytes,
  volumeUser,
  type Volume,
} from './test-support/volume';

// The script under real bash, dash and busybox sh against real files in a mounted-system layout
// (root prefix mode), so the cases need no real account. Runs as root, as CI does (chown to
// another uid, chattr +i); a non-root run fails loudly here rather than skipping.
const user = volumeUser;

let keys: string;
let newKey: string;
let oldRsa: string;
let oldEcdsa: string;
/** A file the comment's `$(...)` and backticks would create if anything ever evaluated them. */
let marker: string;

function sshKeygen(type: string, comment: string, path: string): string {
  execFileSync('ssh-keygen', [
    '-q',
    '-t',
    type,
    ...(type === 'rsa' ? ['-b', '2048'] : []),
    '-N',
    '',
    '-C',
    comment,
    '-f',
    path,
  ]);
  return execFileSync('cat', [`${path}.pub`], { encoding: 'utf8' }).trim();
}

beforeAll(async () => {
  expect(process.getuid?.(), 'these tests run as root, as CI does').toBe(0);
  keys = await mkdtemp(join(tmpdir(), 'keyrescue-script-keys-'));
  marker = join(keys, 'injected');
  newKey = sshKeygen(
    'ed25519',
    `it's "new" $(touch ${marker}) \`touch ${marker}\` ; rm -rf x`,
    join(keys, 'new'),
  );
  oldRsa = sshKeygen('rsa', 'old rsa', join(keys, 'rsa'));
  oldEcdsa = sshKeygen('ecdsa', 'old ecdsa', join(keys, 'ecdsa'));
});
afterAll(async () => {
  await rm(keys, { recursive: true, force: true });
});

const blobOf = (line: string) => line.split(' ')[1]!;
const count = (text: string, needle: string) => text.split(needle).length - 1;

describe.each(shells)('the authorized-keys script under $name', (shell: Shell) => {
  let v: Volume;
  beforeEach(async () => {
    v = await makeVolume();
  });
  afterEach(async () => {
    await v.remove();
    await expect(readFile(marker)).rejects.toThrow();
  });

  const add = (publicKey = newKey, rootPrefix = v.root) =>
    runScript(shell, addKeyScript({ targetUser: user.name, publicKey, rootPrefix }), v.dir);
  const remove = (publicKey: string, rootPrefix = v.root) =>
    runScript(shell, removeKeyScript({ targetUser: user.name, publicKey, rootPrefix }), v.dir);
  const writeKeys = async (content: string, mode = 0o600) => {
    await mkdir(v.ssh, { mode: 0o700 });
    await chown(v.ssh, user.uid, user.gid);
    await writeFile(v.keysFile, content, { mode });
    await chmod(v.keysFile, mode);
    await chown(v.keysFile, user.uid, user.gid);
  };
  const expectOwnedModes = async () => {
    expect(await ownerAndMode(v.ssh)).toEqual({ mode: 0o700, uid: user.uid, gid: user.gid });
    expect(await ownerAndMode(v.keysFile)).toEqual({ mode: 0o600, uid: user.uid, gid: user.gid });
  };
  const expectOneBackupOf = async (original: string, meta: { mode: number; uid: number; gid: number }) => {
    const backups = await backupsOf(v.ssh);
    expect(backups).toHaveLength(1);
    expect(await readBytes(backups[0]!)).toBe(original);
    expect(await ownerAndMode(backups[0]!)).toEqual(meta);
    return backups[0]!;
  };

  it('creates a missing .ssh (0700) and authorized_keys (0600) owned by the user, with the key once', async () => {
    const run = await add();
    expect(run.result).toMatchObject({
      status: 'added',
      file: v.keysFile,
      backup: null,
      lines: 1,
      reason: null,
      keysFileFrom: 'default',
      warnings: [],
    });
    expect(run.code).toBe(0);
    expect(await readBytes(v.keysFile)).toBe(`${newKey}\n`);
    await expectOwnedModes();
    expect(await backupsOf(v.ssh)).toEqual([]);
  });

  it('adds the missing final line break first, keeps every old line and a backup of the file', async () => {
    const original = `${oldRsa}\n${oldEcdsa}`;
    await writeKeys(original);
    const run = await add();
    expect(run.result.status).toBe('added');
    expect(await readBytes(v.keysFile)).toBe(`${original}\n${newKey}\n`);
    const backup = await expectOneBackupOf(original, { mode: 0o600, uid: user.uid, gid: user.gid });
    expect(run.result.backup).toBe(backup);
    await expectOwnedModes();
  });

  it('keeps a CRLF file byte for byte and appends one LF line', async () => {
    const original = `${oldRsa}\r\n${oldEcdsa}\r\n`;
    await writeKeys(original);
    expect((await add()).result.status).toBe('added');
    expect(await readBytes(v.keysFile)).toBe(`${original}${newKey}\n`);
    await expectOneBackupOf(original, { mode: 0o600, uid: user.uid, gid: user.gid });
  });

  it('keeps restrict,command="…" lines of other keys and adds the new one', async () => {
    const original = `restrict,command="echo 'a b' \\"c\\"" ${oldRsa}\nfrom="10.0.0.1",no-pty ${oldEcdsa}\n# a comment\n\n`;
    await writeKeys(original);
    expect((await add()).result).toMatchObject({ status: 'added', lines: 1 });
    expect(await readBytes(v.keysFile)).toBe(`${original}${newKey}\n`);
  });

  it('finds the key already there with another comment or behind options, and changes nothing', async () => {
    for (const line of [
      `ssh-ed25519 ${blobOf(newKey)} another comment`,
      `restrict,command="echo \\"hi there\\"" ssh-ed25519 ${blobOf(newKey)}`,
      `ssh-ed25519 ${blobOf(newKey)}\r`,
    ]) {
      const original = `${oldRsa}\n${line}\n${oldEcdsa}`;
      await rm(v.ssh, { recursive: true, force: true });
      await writeKeys(original, 0o640);
      const run = await add();
      expect(run.result).toMatchObject({ status: 'alreadyPresent', lines: 1, backup: null });
      expect(await readBytes(v.keysFile)).toBe(original);
      expect((await ownerAndMode(v.keysFile)).mode).toBe(0o640);
      expect(await backupsOf(v.ssh)).toEqual([]);
    }
  });

  it('is idempotent: a second run finds the key it added', async () => {
    await writeKeys(`${oldRsa}\n`);
    expect((await add()).result.status).toBe('added');
    expect((await add()).result).toMatchObject({ status: 'alreadyPresent', lines: 1 });
    expect(count(await readBytes(v.keysFile), blobOf(newKey))).toBe(1);
  });

  it('fixes wrong owner and modes of .ssh and the file; the backup keeps the old ones', async () => {
    const original = `${oldRsa}\n`;
    await writeKeys(original, 0o666);
    await chmod(v.ssh, 0o777);
    await chown(v.ssh, 0, 0);
    await chown(v.keysFile, 0, 0);
    expect((await add()).result.status).toBe('added');
    await expectOwnedModes();
    await expectOneBackupOf(original, { mode: 0o666, uid: 0, gid: 0 });
  });

  it('reports a home owned by another uid or writable by others (StrictModes would refuse)', async () => {
    await chown(v.home, 999, 999);
    await chmod(v.home, 0o777);
    const run = await add();
    expect(run.result).toMatchObject({ status: 'added', warnings: ['homeWritable', 'homeOwner'] });
    expect(await ownerAndMode(v.home)).toEqual({ mode: 0o777, uid: 999, gid: 999 });
  });

  it('appends the comment with quotes, $(...) and backticks as text; nothing runs', async () => {
    expect((await add()).result.status).toBe('added');
    expect(await readBytes(v.keysFile)).toBe(`${newKey}\n`);
    expect(newKey).toContain('$(touch');
  });

  it('refuses a symlinked .ssh and leaves its target alone', async () => {
    const elsewhere = join(v.dir, 'elsewhere');
    await mkdir(elsewhere);
    await writeFile(join(elsewhere, 'authorized_keys'), `${oldRsa}\n`);
    await symlink(elsewhere, v.ssh);
    const run = await add();
    expect(run.result).toMatchObject({ status: 'refused', reason: 'symlink', detail: v.ssh });
    expect(run.code).toBe(2);
    expect(await readBytes(join(elsewhere, 'authorized_keys'))).toBe(`${oldRsa}\n`);
    expect(await backupsOf(elsewhere)).toEqual([]);
  });

  it('refuses a symlinked authorized_keys (relative or absolute) and leaves its target alone', async () => {
    for (const target of ['../../../etc/passwd', join(v.dir, 'host-file')]) {
      await rm(v.ssh, { recursive: true, force: true });
      await writeFile(join(v.dir, 'host-file'), 'host\n');
      await mkdir(v.ssh, { mode: 0o700 });
      await symlink(target, v.keysFile);
      const passwd = await readBytes(join(v.root, 'etc', 'passwd'));
      const run = await add();
      expect(run.result).toMatchObject({ status: 'refused', reason: 'symlink', detail: v.keysFile });
      expect(await readBytes(join(v.root, 'etc', 'passwd'))).toBe(passwd);
      expect(await readBytes(join(v.dir, 'host-file'))).toBe('host\n');
    }
  });

  it('refuses a hard-linked authorized_keys (root would append to the other name too)', async () => {
    await writeKeys(`${oldRsa}\n`);
    await link(v.keysFile, join(v.dir, 'other-name'));
    const run = await add();
    expect(run.result).toMatchObject({ status: 'refused', reason: 'hardLinked' });
    expect(await readBytes(join(v.dir, 'other-name'))).toBe(`${oldRsa}\n`);
  });

  it('refuses a prefix whose home resolves outside it through an absolute symlink', async () => {
    const hostHome = join(v.dir, 'host', 'home');
    await mkdir(join(hostHome, user.name), { recursive: true });
    await rm(join(v.root, 'home'), { recursive: true });
    await symlink(hostHome, join(v.root, 'home'));
    const run = await add();
    expect(run.result).toMatchObject({
      status: 'refused',
      reason: 'outsideRoot',
      detail: join(v.root, 'home', user.name),
    });
    expect(
      execFileSync('find', [join(v.dir, 'host')], { encoding: 'utf8' })
        .trim()
        .split('\n'),
    ).toHaveLength(3);
  });

  it('refuses a prefix whose etc is an absolute symlink (the host passwd would be read)', async () => {
    const hostEtc = join(v.dir, 'host-etc');
    await mkdir(hostEtc);
    await writeFile(join(hostEtc, 'passwd'), `${user.name}:x:0:0::/:/bin/sh\n`);
    await rm(join(v.root, 'etc'), { recursive: true });
    await symlink(hostEtc, join(v.root, 'etc'));
    expect((await add()).result).toMatchObject({ status: 'refused', reason: 'outsideRoot' });
  });

  it('reports an immutable authorized_keys instead of forcing it', async () => {
    await writeKeys(`${oldRsa}\n`);
    execFileSync('chattr', ['+i', v.keysFile]);
    const run = await add();
    expect(run.result).toMatchObject({ status: 'refused', reason: 'immutable', detail: v.keysFile });
    execFileSync('chattr', ['-i', v.keysFile]);
    expect(await readBytes(v.keysFile)).toBe(`${oldRsa}\n`);
    expect(await backupsOf(v.ssh)).toEqual([]);
  });

  it('writes where sshd_config says (Include, %u, Match blocks skipped) and the first listed file', async () => {
    const etcSsh = join(v.root, 'etc', 'ssh');
    await mkdir(join(etcSsh, 'sshd_config.d'));
    await mkdir(join(etcSsh, 'keys'));
    await writeFile(
      join(etcSsh, 'sshd_config'),
      'Include /etc/ssh/sshd_config.d/*.conf\nAuthorizedKeysFile .ssh/ignored\n',
    );
    await writeFile(
      join(etcSsh, 'sshd_config.d', '50-keys.conf'),
      'Match User other\n  AuthorizedKeysFile /nowhere/%u\nMatch all\nauthorizedkeysfile = /etc/ssh/keys/%u.%%  .ssh/authorized_keys\n',
    );
    const run = await add();
    const file = join(etcSsh, 'keys', `${user.name}.%`);
    expect(run.result).toMatchObject({ status: 'added', file, keysFileFrom: join(etcSsh, 'sshd_config') });
    expect(await readBytes(file)).toBe(`${newKey}\n`);
    expect(await ownerAndMode(file)).toEqual({ mode: 0o600, uid: user.uid, gid: user.gid });
  });

  it('expands %h and relative paths under the home; refuses AuthorizedKeysFile none', async () => {
    const config = join(v.root, 'etc', 'ssh', 'sshd_config');
    await writeFile(config, 'AuthorizedKeysFile\t"%h/.config/ssh keys"\n');
    const run = await add();
    expect(run.result).toMatchObject({ status: 'added', file: join(v.home, '.config', 'ssh keys') });
    expect(await ownerAndMode(join(v.home, '.config'))).toEqual({
      mode: 0o700,
      uid: user.uid,
      gid: user.gid,
    });
    await writeFile(config, 'AuthorizedKeysFile none\n');
    expect((await add()).result).toMatchObject({ status: 'refused', reason: 'noAuthorizedKeysFile' });
  });

  it('ignores a hostile PATH and CDPATH: the tools come from the system', async () => {
    const evil = join(v.dir, 'evil');
    await mkdir(join(evil, '.ssh'), { recursive: true });
    for (const tool of ['awk', 'chown', 'chmod', 'cp', 'mkdir', 'getent', 'ls', 'sed'])
      await writeFile(join(evil, tool), `#!/bin/sh\ntouch ${marker}\nexit 1\n`, { mode: 0o755 });
    const script = addKeyScript({ targetUser: user.name, publicKey: newKey, rootPrefix: v.root });
    const run = await runScript(shell, script, v.dir, {
      env: { PATH: `${evil}:/usr/bin:/bin`, CDPATH: evil },
    });
    expect(run.result).toMatchObject({ status: 'added', file: v.keysFile });
    expect(await readBytes(v.keysFile)).toBe(`${newKey}\n`);
  });

  it('refuses to run on a live system as anyone but root (chown would fail half-way)', async () => {
    await chmod(v.dir, 0o711);
    const run = await runScript(shell, addKeyScript({ targetUser: 'root', publicKey: newKey }), v.dir, {
      asUid: 65534,
    });
    expect(run.result).toMatchObject({ status: 'refused', reason: 'notRoot', detail: 'nobody' });
    expect(run.code).toBe(2);
  });

  it('refuses a user the system does not have', async () => {
    const run = await runScript(
      shell,
      addKeyScript({ targetUser: 'nobody-here', publicKey: newKey, rootPrefix: v.root }),
      v.dir,
    );
    expect(run.result).toMatchObject({ status: 'refused', reason: 'userNotFound', detail: 'nobody-here' });
  });

  it('removeKey drops only the lines with the blob; every other line stays byte for byte', async () => {
    const kept = [`restrict,command="echo 'x'" ${oldRsa}\r`, '# note', '', `${oldEcdsa}`];
    const original = [
      kept[0],
      `ssh-ed25519 ${blobOf(newKey)} old comment`,
      kept[1],
      kept[2],
      `no-pty,command="a \\" b" ssh-ed25519 ${blobOf(newKey)}`,
      kept[3],
    ].join('\n');
    await writeKeys(original, 0o644);
    const run = await remove(newKey);
    expect(run.result).toMatchObject({ status: 'removed', lines: 2, file: v.keysFile });
    expect(await readBytes(v.keysFile)).toBe(kept.join('\n'));
    await expectOwnedModes();
    await expectOneBackupOf(original, { mode: 0o644, uid: user.uid, gid: user.gid });
    expect((await remove(newKey)).result).toMatchObject({ status: 'notPresent', lines: 0, backup: null });
  });

  it('removeKey keeps the final line break as it was and refuses symlinks too', async () => {
    await writeKeys(`${oldRsa}\n${newKey}\n`);
    expect((await remove(newKey)).result.status).toBe('removed');
    expect(await readBytes(v.keysFile)).toBe(`${oldRsa}\n`);
    await rm(v.ssh, { recursive: true });
    await mkdir(v.ssh);
    await symlink(join(v.dir, 'host-file'), v.keysFile);
    expect((await remove(oldRsa)).result).toMatchObject({ status: 'refused', reason: 'symlink' });
    await rm(v.ssh, { recursive: true });
    expect((await remove(oldRsa)).result).toMatchObject({ status: 'notPresent' });
  });
});
