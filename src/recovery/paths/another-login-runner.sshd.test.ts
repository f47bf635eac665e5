import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ipcErrorCodes } from '../../ipc/app-error';
import { recoveryErrorCodes } from '../recovery-errors';
import { addKeyScript } from '../scripts/authorized-key-script';
import { ssh2Connector } from '../ssh/ssh2-session';
import type { SshCredentials } from '../ssh/ssh-port';
import {
  accountCommand,
  startRealSshd,
  type LinuxUser,
  type RealSshd,
} from '../scripts/test-support/real-sshd';
import { anotherLoginRunner, loginCredentials } from './another-login-runner';
import { openSshLogin, sshKeygen, type TestKey } from './test-support/ssh-checks';
import { TestAccounts } from '../scripts/test-support/test-accounts';
import { testStepContext } from './test-support/step-context';

// The another-login runner with the generated script against a real OpenSSH sshd on loopback:
// a key login and a password login, each with passwordless sudo (real /etc/sudoers.d files), one
// login without sudo, and a separate target user. CI runs as root; without root this fails.
let dir: string;
let sshd: RealSshd;
let ops: LinuxUser;
let pw: LinuxUser;
let plain: LinuxUser;
let target: LinuxUser;
let opsKey: TestKey;
let plainKey: TestKey;
const password = `pw-${Math.random().toString(36).slice(2)}-Secret`;
let accounts: TestAccounts;

const endpoint = () => ({ host: '127.0.0.1', port: sshd.port });
const targetFile = () => join(target.home, '.ssh', 'authorized_keys');

function runnerAs(user: LinuxUser, credentials: SshCredentials) {
  return anotherLoginRunner({
    connector: ssh2Connector,
    endpoint: endpoint(),
    loginUser: user.name,
    credentials,
    hostKey: { kind: 'accept-new' },
    targetUser: target.name,
  });
}

beforeAll(async () => {
  expect(process.getuid?.(), 'these tests run as root, as CI does (useradd, sudo, sshd)').toBe(0);
  dir = await mkdtemp(join(tmpdir(), 'keyrescue-login-runner-sshd-'));
  accounts = new TestAccounts(dir);
  await chmod(dir, 0o711);
  opsKey = sshKeygen(dir, 'ops');
  // The ops key file is re-encrypted with a passphrase: loginCredentials decrypts it in memory.
  execFileSync('ssh-keygen', ['-q', '-p', '-N', 'ops passphrase', '-P', '', '-f', opsKey.file]);
  plainKey = sshKeygen(dir, 'plain');
  ops = await accounts.create('ops', opsKey.publicLine);
  plain = await accounts.create('plain', plainKey.publicLine);
  pw = await accounts.create('pw');
  target = await accounts.create('target');
  const hash = execFileSync('openssl', ['passwd', '-6', '-stdin'], { input: password, encoding: 'utf8' });
  accountCommand('usermod', ['-p', hash.trim(), pw.name]);
  await accounts.allowSudo(ops);
  await accounts.allowSudo(pw);
  sshd = await startRealSshd(dir, { passwordAuthentication: true });
});

afterAll(async () => {
  const failures: unknown[] = [];
  await sshd?.stop().catch((error: unknown) => failures.push(error));
  if (accounts) failures.push(...(await accounts.removeAll()));
  await rm(dir, { recursive: true, force: true });
  expect(failures).toEqual([]);
});

describe('another-login runner against a real sshd', () => {
  it('key login + sudo: the real script adds the key for another user once; OpenSSH logs in with it', async () => {
    const newKey = sshKeygen(dir, 'new-a');
    const runner = runnerAs(
      ops,
      await loginCredentials({ keyPath: opsKey.file, keyPassphrase: 'ops passphrase' }),
    );
    const script = addKeyScript({ targetUser: target.name, publicKey: newKey.publicLine });
    const first = await runner.run(script, testStepContext('rec-1'));
    expect(first.result, sshd.log()).toMatchObject({ status: 'added', file: targetFile(), lines: 1 });
    expect(first.facts?.runAs).toBe('sudo');
    const hostFingerprint = execFileSync('ssh-keygen', ['-lf', join(dir, 'ssh_host_ed25519_key.pub')], {
      encoding: 'utf8',
    }).split(' ')[1];
    expect(first.facts?.hostKeyFingerprint).toBe(hostFingerprint);

    const second = await runner.run(script, testStepContext('rec-1', first.facts));
    expect(second.result).toMatchObject({ status: 'alreadyPresent', lines: 1 });
    expect(await readFile(targetFile(), 'utf8')).toBe(`${newKey.publicLine}\n`);
    const login = await openSshLogin(endpoint(), target.name, newKey.file, join(dir, 'kh-a'), 'id -un');
    expect(login, sshd.log()).toMatchObject({ code: 0, stdout: `${target.name}\n` });
  });

  it('password login + sudo works the same; a wrong password is sshAuthFailed and never echoed', async () => {
    const before = await readFile(targetFile(), 'utf8');
    const newKey = sshKeygen(dir, 'new-b');
    const script = addKeyScript({ targetUser: target.name, publicKey: newKey.publicLine });
    const runner = runnerAs(pw, await loginCredentials({ password }));
    expect(runner.describe).toBe(`SSH as ${pw.name} (password login, then root)`);
    const run = await runner.run(script, testStepContext('rec-2'));
    expect(run.result.status, sshd.log()).toBe('added');
    expect(await readFile(targetFile(), 'utf8')).toBe(`${before}${newKey.publicLine}\n`);
    expect((await openSshLogin(endpoint(), target.name, newKey.file, join(dir, 'kh-b'))).code).toBe(0);

    const wrong = await runnerAs(pw, { password: `${password}-wrong` })
      .run(script, testStepContext('rec-2'))
      .catch((error: unknown) => error as AppError);
    expect((wrong as AppError).code).toBe(recoveryErrorCodes.sshAuthFailed);
    expect(
      JSON.stringify({ message: (wrong as AppError).message, details: (wrong as AppError).details }),
    ).not.toContain(password);
  });

  it('a login without sudo: sudoUnavailable, and the target file is unchanged', async () => {
    const before = await readFile(targetFile(), 'utf8');
    const newKey = sshKeygen(dir, 'new-c');
    const error = await runnerAs(plain, await loginCredentials({ keyPath: plainKey.file }))
      .run(addKeyScript({ targetUser: target.name, publicKey: newKey.publicLine }), testStepContext('rec-3'))
      .catch((caught: unknown) => caught as AppError);
    expect((error as AppError).code).toBe(recoveryErrorCodes.sudoUnavailable);
    expect((error as AppError).message).toContain('Nothing was changed.');
    expect(await readFile(targetFile(), 'utf8')).toBe(before);
  });

  it('loginCredentials wants exactly one of key file and password', async () => {
    for (const choice of [{}, { keyPath: plainKey.file, password }]) {
      const error = await loginCredentials(choice).catch((caught: unknown) => caught as AppError);
      expect((error as AppError).code).toBe(ipcErrorCodes.invalidInput);
    }
  });
});
