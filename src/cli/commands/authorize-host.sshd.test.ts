import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../app/core';
import { startRealSshd, type LinuxUser, type RealSshd } from '../../recovery/scripts/test-support/real-sshd';
import { openSsh } from '../../sandbox/test-support/openssh';
import { TestAccounts } from '../../recovery/scripts/test-support/test-accounts';
import { runCliCaptured } from '../test-support/run-cli-captured';

// `keyrescue authorize --host` end to end against a real OpenSSH sshd on loopback: a login user
// with passwordless sudo (a real /etc/sudoers.d file), a target user, one without sudo. CI runs
// as root; without root this fails, it does not skip.
let dir: string;
let sshd: RealSshd;
let ops: LinuxUser;
let target: LinuxUser;
let plain: LinuxUser;
let hostFingerprint: string;
let accounts: TestAccounts;

function keygen(name: string, passphrase = ''): string {
  execFileSync('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    passphrase,
    '-C',
    `${name} key`,
    '-f',
    join(dir, name),
  ]);
  return execFileSync('cat', [join(dir, `${name}.pub`)], { encoding: 'utf8' }).trim();
}

const cli = (...argv: string[]) =>
  runCliCaptured(argv, {
    cwd: dir,
    createCore: () => createCore({ userDataDir: join(dir, 'user-data'), runtime: 'cli' }),
  });

const authorize = (login: LinuxUser, loginKey: string, ...rest: string[]) =>
  cli(
    'authorize',
    '--host',
    '127.0.0.1',
    '--port',
    String(sshd.port),
    '--login-user',
    login.name,
    '--login-key',
    loginKey,
    '--user',
    target.name,
    '--public-key',
    'new.pub',
    ...rest,
  );
const asOps = (...rest: string[]) => authorize(ops, 'ops', '--login-passphrase-file', 'ops-pass', ...rest);
const targetFile = () => join(target.home, '.ssh', 'authorized_keys');
const loginAsTarget = () => openSsh(sshd.endpoint, target.name, join(dir, 'new'), 'true');

beforeAll(async () => {
  expect(process.getuid?.(), 'these tests run as root, as CI does (useradd, sudo, sshd)').toBe(0);
  dir = await mkdtemp(join(tmpdir(), 'keyrescue-cli-authorize-host-'));
  accounts = new TestAccounts(dir);
  // sshd reads authorized_keys as each user, who must be able to walk down to their home.
  await chmod(dir, 0o711);
  // The login key is encrypted: it is read with the app's key reader and --login-passphrase-file.
  const opsKey = keygen('ops', 'ops passphrase');
  await writeFile(join(dir, 'ops-pass'), 'ops passphrase\n', { mode: 0o600 });
  const plainKey = keygen('plain');
  keygen('new');
  ops = await accounts.create('ops', opsKey);
  plain = await accounts.create('plain', plainKey);
  target = await accounts.create('target');
  await accounts.allowSudo(ops);
  sshd = await startRealSshd(dir);
  hostFingerprint = execFileSync('ssh-keygen', ['-lf', join(dir, 'ssh_host_ed25519_key.pub')], {
    encoding: 'utf8',
  }).split(' ')[1]!;
});
afterAll(async () => {
  const failures: unknown[] = [];
  await sshd?.stop().catch((error: unknown) => failures.push(error));
  if (accounts) failures.push(...(await accounts.removeAll()));
  await rm(dir, { recursive: true, force: true });
  expect(failures).toEqual([]);
});

describe('keyrescue authorize --host against a real sshd', () => {
  it('refuses an unknown host key with its exact fingerprint, and a wrong pin, changing nothing', async () => {
    expect(hostFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const unknown = await asOps();
    expect(unknown.code, unknown.stderr).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain(
      `The host key of 127.0.0.1:${sshd.port} is not yet trusted (${hostFingerprint}).`,
    );
    expect(unknown.stderr).toContain(
      `To trust it: --host-key ${hostFingerprint} (or --accept-new-host-key).`,
    );

    const wrongPin = `SHA256:${'A'.repeat(43)}`;
    const wrong = await asOps('--host-key', wrongPin);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(
      `does not match the pinned fingerprint (pinned ${wrongPin}, got ${hostFingerprint})`,
    );
    await expect(readFile(targetFile())).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await loginAsTarget()).code).toBe(255);
  });

  it('adds the key via sudo (accept-new, then pinned: already present once), then --remove takes it away', async () => {
    const added = await asOps('--accept-new-host-key');
    expect(added, sshd.log()).toMatchObject({ code: 0, stderr: '' });
    // No file before, so no backup.
    expect(added.stdout.split('\n')[0]).toBe(`Added the key to ${targetFile()}.`);
    expect(added.stdout).toContain(
      `Host key of 127.0.0.1:${sshd.port}: ${hostFingerprint} (accepted; pin it next time with --host-key ${hostFingerprint})\n`,
    );
    const newKey = (await readFile(join(dir, 'new.pub'), 'utf8')).trim();
    expect(await readFile(targetFile(), 'utf8')).toBe(`${newKey}\n`);
    expect(await loginAsTarget(), sshd.log()).toMatchObject({ code: 0, stderr: '' });

    const again = await asOps('--host-key', hostFingerprint);
    expect(again).toMatchObject({
      code: 0,
      stderr: '',
      stdout: `The key is already present in ${targetFile()} (1 line); nothing was changed.\nHost key of 127.0.0.1:${sshd.port}: ${hostFingerprint} (pinned)\n`,
    });
    expect(await readFile(targetFile(), 'utf8')).toBe(`${newKey}\n`);

    const removed = await asOps('--host-key', hostFingerprint, '--remove', '--json');
    expect(removed.code, removed.stderr).toBe(0);
    const json = JSON.parse(removed.stdout) as Record<string, unknown>;
    expect(removed.stdout.trim().split('\n')).toHaveLength(1);
    expect(json).toMatchObject({
      ok: true,
      host: '127.0.0.1',
      port: sshd.port,
      loginUser: ops.name,
      targetUser: target.name,
      runAs: 'sudo',
      hostKeyFingerprint: hostFingerprint,
      hostKeyPolicy: 'pinned',
      action: 'remove',
      status: 'removed',
      lines: 1,
      file: targetFile(),
    });
    expect(json.backup).toEqual(expect.stringContaining(join(target.home, '.ssh', '')));
    expect(await readFile(targetFile(), 'utf8')).toBe('');
    expect((await loginAsTarget()).code).toBe(255);
    // Neither the passphrase nor the login key appear in anything printed.
    const ownKey = await readFile(join(dir, 'ops'), 'utf8');
    for (const run of [added, again, removed])
      for (const text of [run.stdout, run.stderr]) {
        expect(text).not.toContain('ops passphrase');
        expect(text).not.toContain(ownKey.split('\n')[1]);
      }
  });

  it('a login user without sudo gets a clear error and nothing changes (also for their own account)', async () => {
    const before = await readFile(targetFile(), 'utf8').catch(() => null);
    const refused = await authorize(plain, 'plain', '--host-key', hostFingerprint);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(
      `keyrescue authorize: ${plain.name} on 127.0.0.1 cannot run commands as root without a password (sudo: a password is required).`,
    );
    expect(refused.stderr).toContain('Nothing was changed.');
    expect(await readFile(targetFile(), 'utf8').catch(() => null)).toBe(before);

    const own = await cli(
      'authorize',
      '--host',
      '127.0.0.1',
      '--port',
      String(sshd.port),
      '--login-user',
      plain.name,
      '--login-key',
      'plain',
      '--user',
      plain.name,
      '--public-key',
      'new.pub',
      '--host-key',
      hostFingerprint,
    );
    expect(own.code).toBe(1);
    expect(own.stderr).toContain('For your own account, ssh-copy-id does it without root.');
    expect(await readFile(join(plain.home, '.ssh', 'authorized_keys'), 'utf8')).toBe(
      `${(await readFile(join(dir, 'plain.pub'), 'utf8')).trim()}\n`,
    );
  });

  it('an encrypted login key without --login-passphrase-file says how to give it', async () => {
    const run = await authorize(ops, 'ops', '--accept-new-host-key');
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toMatch(
      /^keyrescue authorize: .*ops.* Give it with --login-passphrase-file FILE\.\n$/,
    );
  });
});
