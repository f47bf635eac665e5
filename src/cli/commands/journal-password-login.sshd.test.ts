import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { instanceNamed } from '../../sandbox/test-support/demo-lookup';
import { openSsh } from '../../sandbox/test-support/openssh';
import {
  accountCommand,
  startRealSshd,
  type LinuxUser,
  type RealSshd,
} from '../../recovery/scripts/test-support/real-sshd';
import { TestAccounts } from '../../recovery/scripts/test-support/test-accounts';
import { bundleCli } from '../test-support/cli-child';
import { CrashHarness, type CrashRound } from '../test-support/crash-harness';

// A recovery whose other working login uses a password, cut and resumed or rolled back from its
// journal. Real peers: `keyrescue` as a child process SIGKILLed mid-way (the crash harness) on the
// practice sandbox over HTTP (the endpoint account), and — because the sandbox's guest SSH takes
// keys only — a real OpenSSH sshd on loopback with PasswordAuthentication, a login user with a real
// password and passwordless sudo, and target users (real accounts; CI runs as root). The journal
// records only that a password was used; `journal resume`/`rollback` take it from a file.
let sandbox: RunningSandbox;
let root: string;
let bundle: string;
let harness: CrashHarness;
let instanceId: string;
let sshd: RealSshd;
let accounts: TestAccounts;
let pw: LinuxUser;
let passwordFile: string;
let wrongFile: string;
const password = `login-${Math.random().toString(36).slice(2)}-Secret`;

beforeAll(async () => {
  expect(process.getuid?.(), 'these tests run as root, as CI does (useradd, sudo, sshd)').toBe(0);
  root = await mkdtemp(join(tmpdir(), 'keyrescue-journal-password-'));
  // sshd reads authorized_keys as each user, who must be able to walk down to their home.
  await chmod(root, 0o711);
  [bundle, sandbox] = await Promise.all([
    bundleCli('keyrescue-journal-password-test'),
    startSandbox({ seed: 'demo', keysDir: join(root, 'demo-keys') }),
  ]);
  harness = new CrashHarness(root, bundle, sandbox);
  const ec2 = new EC2Client({
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
  });
  instanceId = (await instanceNamed(ec2, 'legacy-app')).InstanceId ?? '';
  ec2.destroy();
  accounts = new TestAccounts(root);
  pw = await accounts.create('pw');
  const hash = execFileSync('openssl', ['passwd', '-6', '-stdin'], { input: password, encoding: 'utf8' });
  accountCommand('usermod', ['-p', hash.trim(), pw.name]);
  await accounts.allowSudo(pw);
  sshd = await startRealSshd(root, { passwordAuthentication: true });
  passwordFile = join(root, 'login-password.txt');
  wrongFile = join(root, 'wrong-password.txt');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  await writeFile(wrongFile, `${password}-wrong\n`, { mode: 0o600 });
}, 120_000);

afterAll(async () => {
  harness?.stop();
  const failures: unknown[] = [];
  await sshd?.stop().catch((error: unknown) => failures.push(error));
  if (accounts) failures.push(...(await accounts.removeAll()));
  await sandbox?.stop();
  await rm(root, { recursive: true, force: true });
  if (bundle) await rm(dirname(bundle), { recursive: true, force: true });
  expect(failures).toEqual([]);
});

const account = () => ['--endpoint', sandbox.endpoint];

const recoverArgs = (target: LinuxUser) => (r: CrashRound) => [
  ...['recover', instanceId, '--via', 'ssh', '--user', target.name],
  ...['--generate', '-o', r.keyPath, '--accept-new-host-key', '--yes'],
  ...['--login-user', pw.name, '--login-password-file', passwordFile],
  ...['--ssh-host', '127.0.0.1', '--ssh-port', String(sshd.port)],
  ...[...account(), '--region', 'us-east-1', '--egress-address', '203.0.113.7'],
];

const authorizedKeys = async (target: LinuxUser) => {
  const file = join(target.home, '.ssh', 'authorized_keys');
  return existsSync(file) ? readFile(file, 'utf8') : '';
};

/**
 * The target's key lines other than this round's new key: an earlier attempt of the cut that ran
 * past its point (abandoned for a new round, see CrashHarness.cutAt) may have left its own key.
 */
const othersThan = async (target: LinuxUser, newLine: string) =>
  (await authorizedKeys(target))
    .split('\n')
    .filter((line) => line !== '' && line !== newLine)
    .map((line) => `${line}\n`)
    .join('');

/** The child cut while the login's script may be running: the journal ends at its intent or later. */
async function cutRecovery(target: LinuxUser, lines: number, base: number) {
  const cut = await harness.cutAt(lines, base, recoverArgs(target));
  expect(cut.ended.signal, cut.ended.stderr).toBe('SIGKILL');
  expect(cut.journal?.lines.length ?? 0).toBeGreaterThanOrEqual(lines);
  const journal = cut.journal ?? { id: '', lines: [] };
  // Whether, never what: the journal says a password was used.
  expect(journal.lines.join('\n')).toContain('"loginPassword":true');
  expect(journal.lines.join('\n')).not.toContain(password);
  return { r: cut.round, id: journal.id, lines: journal.lines };
}

const neededMessage = (id: string) =>
  `Recovery ${id} logs in as ${pw.name} with a password: enter that password to go on. It is used for this call only and never stored.`;
const wrongMessage = (id: string) =>
  `127.0.0.1:${sshd.port} refused the password of ${pw.name} (the login of recovery ${id}). Check it and try again; nothing was changed.`;
const hint = 'keyrescue journal: give the login password in a file with --login-password-file F.\n';

describe('journal resume and rollback of a recovery whose other login uses a password', () => {
  it('killed mid-way: listed as a password login; resume says it needs the password, refuses a wrong one, and with it ends verified with the key once', async () => {
    const target = await accounts.create('target-resume');
    const { r, id, lines } = await cutRecovery(target, 2, 10);

    const listed = await harness.cli(r, ['journal', 'list']);
    expect(listed.stdout).toContain(
      `${id}  ${instanceId} (us-east-1)  another login as ${target.name}  last step: append-key (`,
    );
    expect(listed.stdout).toContain(`, password login as ${pw.name}: resume with --login-password-file\n`);
    const json = JSON.parse((await harness.cli(r, ['journal', 'list', '--json'])).stdout) as {
      recoveries: { id: string; passwordLoginUser?: string }[];
    };
    expect(json.recoveries).toEqual([expect.objectContaining({ id, passwordLoginUser: pw.name })]);

    const before = await authorizedKeys(target);
    const newLine = (await readFile(`${r.keyPath}.pub`, 'utf8')).trim();
    const others = await othersThan(target, newLine);
    const resume = ['journal', 'resume', id, '--yes', '--accept-new-host-key', ...account()];
    const without = await harness.cli(r, resume);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain(neededMessage(id));
    expect(without.stderr).toContain(hint);
    const wrong = await harness.cli(r, [...resume, '--login-password-file', wrongFile]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(wrongMessage(id));
    expect(wrong.stderr).toContain(hint);
    expect(wrong.stdout + wrong.stderr).not.toContain(password);
    // Neither refusal ran anything: the journal and the target's keys are as the kill left them.
    expect((await harness.journalLines(r))?.lines).toEqual(lines);
    expect(await authorizedKeys(target)).toBe(before);

    const resumed = await harness.cli(r, [...resume, '--login-password-file', passwordFile]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toBe(
      `Recovered ${instanceId}: ${target.name} logs in with the new key (${
        execFileSync('ssh-keygen', ['-lf', r.keyPath], { encoding: 'utf8' }).split(' ')[1]
      }).\n`,
    );
    expect(await authorizedKeys(target)).toBe(`${others}${newLine}\n`);
    expect((await openSsh(sshd.endpoint, target.name, r.keyPath, 'id -un')).stdout).toBe(`${target.name}\n`);
    expect(await readFile(join(r.env.KEYRESCUE_HOME ?? '', 'journals', `${id}.jsonl`), 'utf8')).not.toContain(
      password,
    );
  }, 120_000);

  it('killed after the key went on: rollback says it needs the password, and with it removes the key line', async () => {
    const target = await accounts.create('target-rollback');
    const { r, id } = await cutRecovery(target, 3, 30);
    const newLine = (await readFile(`${r.keyPath}.pub`, 'utf8')).trim();
    const others = await othersThan(target, newLine);
    expect(await authorizedKeys(target)).toBe(`${others}${newLine}\n`);

    const rollback = ['journal', 'rollback', id, '--yes', '--accept-new-host-key', ...account()];
    const without = await harness.cli(r, rollback);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain(neededMessage(id));
    expect(without.stderr).toContain(hint);
    expect(await authorizedKeys(target)).toBe(`${others}${newLine}\n`);

    const rolledBack = await harness.cli(r, [...rollback, '--login-password-file', passwordFile]);
    expect(rolledBack.code, rolledBack.stderr).toBe(0);
    expect(rolledBack.stdout).toBe(`Rolled back ${id}: 1 step undone on ${instanceId}.\n`);
    expect(await authorizedKeys(target)).toBe(others);
    expect((await harness.journalList(r)).recoveries).toEqual([]);
  }, 120_000);
});
