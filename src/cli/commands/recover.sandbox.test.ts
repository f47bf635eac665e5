import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../app/core';
import type { RecoveryRunResult } from '../../ipc/contracts/recovery-run';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { instanceNamed, sshEndpointOf } from '../../sandbox/test-support/demo-lookup';
import { runCliCaptured } from '../test-support/run-cli-captured';

// `keyrescue recover` in-process on the practice account (demo seed, real SDK over HTTP, the
// sandbox's sshd); what it claims is checked with a real OpenSSH login with the new key.
const run = promisify(execFile);
let sandbox: RunningSandbox;
let root: string;
let home: string;
let legacyApp: string;
let sshPort: string;
let keyCount = 0;
/** legacy-app's host key, as the --json run saw it (the refusal below must name it). */
let hostKey = '';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'keyrescue-cli-recover-'));
  home = join(root, 'home');
  await mkdir(join(home, '.ssh'), { recursive: true });
  sandbox = await startSandbox({ seed: 'demo', keysDir: join(root, 'keys') });
  const ec2 = new EC2Client({
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
  });
  const legacy = await instanceNamed(ec2, 'legacy-app');
  ec2.destroy();
  legacyApp = legacy.InstanceId ?? '';
  sshPort = (sshEndpointOf(legacy) ?? '').split(':')[1] ?? '';
});
afterAll(async () => {
  await sandbox.stop();
  await rm(root, { recursive: true, force: true });
});

const cli = (args: string[], options: { tty?: boolean } = {}) =>
  runCliCaptured(args, {
    env: {},
    cwd: root,
    ...options,
    createCore: () =>
      createCore({
        userDataDir: join(root, 'user-data'),
        runtime: 'cli',
        accounts: { environment: { env: {}, homeDir: home }, homeDir: home, practice: async () => sandbox },
      }),
  });

function newKeyPath(): string {
  keyCount += 1;
  return join(home, '.ssh', `new-key-${keyCount}`);
}

const recoverArgs = (keyPath: string, ...more: string[]) => [
  ...['recover', legacyApp, '--via', 'eic', '--user', 'ec2-user', '--generate', '-o', keyPath],
  ...more,
];

/** A real OpenSSH login with `key` on legacy-app; its exit code and output. */
async function sshWith(key: string, command: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run('ssh', [
      ...['-i', key, '-p', sshPort, '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes'],
      ...['-o', 'StrictHostKeyChecking=accept-new', '-o', `UserKnownHostsFile=${join(root, 'known_hosts')}`],
      ...['-F', '/dev/null', 'ec2-user@127.0.0.1', command],
    ]);
    return { code: 0, stdout };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string };
    return { code: typeof failure.code === 'number' ? failure.code : -1, stdout: failure.stdout ?? '' };
  }
}

async function unfinished(): Promise<
  { id: string; lastStep: { stepId: string; state: string } | null; verified: boolean }[]
> {
  const listed = await cli(['journal', 'list', '--json']);
  expect(listed.code).toBe(0);
  return (JSON.parse(listed.stdout) as { recoveries: never[] }).recoveries;
}

describe('keyrescue recover (practice account)', () => {
  it('recovers legacy-app through EC2 Instance Connect: the summary, exit 0, and OpenSSH logs in', async () => {
    const keyPath = newKeyPath();
    const result = await cli(recoverArgs(keyPath, '--accept-new-host-key', '--yes'));
    expect(result.code, result.stderr).toBe(0);
    // The read-only checks first, each as it finishes, with what is not plain OK under it.
    const checkLines = result.stderr.split('\n').filter((line) => !line.startsWith('keyrescue recover:   '));
    expect(checkLines.slice(0, 10)).toEqual([
      'keyrescue recover: Who you are signed in as (STS): 1 finding',
      'keyrescue recover: Instance facts: 11 findings',
      'keyrescue recover: Key saved by AWSSupport-ResetAccess: 1 finding',
      'keyrescue recover: Stop and termination protection: 3 findings',
      'keyrescue recover: Login user and EC2 Instance Connect (from the image): 2 findings',
      'keyrescue recover: SSH from this computer (security groups, network ACL): 2 findings',
      'keyrescue recover: Systems Manager: 1 finding',
      'keyrescue recover: Permissions the recovery paths need: 8 findings',
      'keyrescue recover: Key pair’s private key in Parameter Store: 1 finding',
      'keyrescue recover: new-key: Preparing the new key.',
    ]);
    expect(result.stderr).toContain(
      'keyrescue recover: Systems Manager: 1 finding\n' +
        'keyrescue recover:   [WARN] Systems Manager does not manage the instance: it has no instance profile (IAM role).\n',
    );
    expect(result.stdout).toMatch(
      new RegExp(
        `^Recovered ${legacyApp}: ec2-user logs in with the new key \\(SHA256:[A-Za-z0-9+/]{43}\\)\\.\n` +
          `Recovery (rec-[^;]+); host 127\\.0\\.0\\.1:${sshPort}, host key SHA256:[A-Za-z0-9+/]{43}\\.\n` +
          // -p: the practice sshd is not on 22, and a copied command has to log in.
          `Log in: ssh -i ${keyPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} -p ${sshPort} ec2-user@127\\.0\\.0\\.1\n` +
          `Report: keyrescue journal show rec-[^\n]+\n$`,
      ),
    );
    // The printed command itself logs in (options only to keep OpenSSH non-interactive and private).
    const printed = (/^Log in: ssh (.+)$/m.exec(result.stdout)?.[1] ?? '').split(' ');
    const { stdout } = await run('ssh', [
      ...['-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', '-o', 'StrictHostKeyChecking=accept-new'],
      ...['-o', `UserKnownHostsFile=${join(root, 'known_hosts')}`, '-F', '/dev/null', ...printed, 'echo ok'],
    ]);
    expect(stdout).toBe('ok\n');
  });

  it('--json prints the result object', async () => {
    const keyPath = newKeyPath();
    const result = await cli(recoverArgs(keyPath, '--accept-new-host-key', '--yes', '--json'));
    expect(result.code, result.stderr).toBe(0);
    const parsed = JSON.parse(result.stdout) as RecoveryRunResult;
    expect(parsed).toMatchObject({
      instanceId: legacyApp,
      region: 'us-east-1',
      path: 'eic',
      targetUser: 'ec2-user',
      verified: true,
      newKeyPath: keyPath,
      host: '127.0.0.1',
      port: Number(sshPort),
      steps: [
        { stepId: 'append-key', state: 'done' },
        { stepId: 'verify', state: 'done' },
      ],
    });
    expect(parsed.recoveryId).toMatch(/^rec-/);
    expect(parsed.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    hostKey = parsed.hostKeyFingerprint ?? '';
    // The private key is in its file, never in the output.
    expect(result.stdout).not.toContain('PRIVATE KEY');
  });

  it('an unknown host key is refused with its fingerprint (exit 1); the key is not on the instance', async () => {
    const before = (await unfinished()).map((recovery) => recovery.id);
    const keyPath = newKeyPath();
    const result = await cli(recoverArgs(keyPath, '--yes'));
    expect(result.code).toBe(1);
    expect(hostKey).not.toBe('');
    expect(result.stderr).toContain(`The host key of 127.0.0.1:${sshPort} is not yet trusted (${hostKey}).`);
    // The console output's fingerprints of the instance, and that the refused key is among them.
    expect(result.stderr).toContain(
      [
        `keyrescue recover: Host keys in the console output of ${legacyApp}:`,
        `keyrescue recover:   ED25519  ${hostKey}`,
        `keyrescue recover: ${hostKey} is among them: it is the key the instance printed at boot.`,
        `keyrescue recover: to trust it, run again with --host-key ${hostKey} (or --accept-new-host-key)`,
      ].join('\n'),
    );
    expect(result.stdout).toBe('');
    const failed = (await unfinished()).filter((recovery) => !before.includes(recovery.id));
    expect(failed).toEqual([
      expect.objectContaining({ lastStep: { stepId: 'append-key', state: 'failed' }, verified: false }),
    ]);
    // The new key does not log in: nothing was appended.
    expect(existsSync(keyPath)).toBe(true);
    expect((await sshWith(keyPath, 'true')).code).not.toBe(0);
  });

  it('--ssh-host that led to a verified login is used by the next recover of the instance, saying so', async () => {
    const given = await cli(
      recoverArgs(
        newKeyPath(),
        '--ssh-host',
        '127.0.0.1',
        '--ssh-port',
        sshPort,
        '--accept-new-host-key',
        '--yes',
      ),
    );
    expect(given.code, given.stderr).toBe(0);
    expect(given.stderr).toContain(
      `keyrescue recover: SSH target 127.0.0.1:${sshPort}, as given (remembered for ${legacyApp} once the new key logs in).\n`,
    );
    expect(given.stdout).toContain(`; host 127.0.0.1:${sshPort} (as given), host key`);
    const keyPath = newKeyPath();
    const again = await cli(recoverArgs(keyPath, '--accept-new-host-key', '--yes'));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(
      new RegExp(
        `keyrescue recover: SSH target 127\\.0\\.0\\.1:${sshPort}, remembered for ${legacyApp} from a verified login on \\d{4}-\\d{2}-\\d{2} \\(--ssh-host gives another\\)\\.\n`,
      ),
    );
    expect(again.stdout).toContain(`; host 127.0.0.1:${sshPort} (remembered for this instance), host key`);
    expect((await sshWith(keyPath, 'echo ok')).stdout).toBe('ok\n');
    const json = await cli(recoverArgs(newKeyPath(), '--accept-new-host-key', '--yes', '--json'));
    expect(JSON.parse(json.stdout)).toMatchObject({ verified: true, sshTargetSource: 'remembered' });
  });

  it('journal resume of an encrypted new key: refused without --passphrase-file, saying so; resumed with it', async () => {
    const keyPath = newKeyPath();
    const passFile = join(root, 'new-passphrase.txt');
    await writeFile(passFile, 'journal resume secret\n', { mode: 0o600 });
    sandbox.control.deny(['ec2-instance-connect:SendSSHPublicKey']);
    try {
      const stopped = await cli(
        recoverArgs(keyPath, '--new-passphrase-file', passFile, '--accept-new-host-key', '--yes'),
      );
      expect(stopped.code).toBe(1);
    } finally {
      sandbox.control.allow(['ec2-instance-connect:SendSSHPublicKey']);
    }
    const listed = await cli(['journal', 'list']);
    const line =
      listed.stdout
        .split('\n')
        .find((text) => text.includes('append-key (failed)') && text.includes('encrypted')) ?? '';
    expect(line).toContain(', encrypted keys: resume with --passphrase-file');
    const id = line.split(' ')[0] ?? '';
    const without = await cli(['journal', 'resume', id, '--yes', '--accept-new-host-key']);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain(
      `${keyPath} (the new private key of recovery ${id}) is encrypted: enter its passphrase to resume.`,
    );
    expect(without.stderr).toContain(
      'keyrescue journal: give the passphrase in a file with --passphrase-file F.\n',
    );
    const resumed = await cli([
      'journal',
      'resume',
      id,
      '--yes',
      '--accept-new-host-key',
      '--passphrase-file',
      passFile,
    ]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`^Recovered ${legacyApp}: ec2-user logs in with the new key`));
    expect(resumed.stdout + resumed.stderr).not.toContain('journal resume secret');
  });

  it('without --yes and not at a terminal it refuses with exit 2 and changes nothing', async () => {
    const before = await unfinished();
    const keyPath = newKeyPath();
    const result = await cli(recoverArgs(keyPath, '--accept-new-host-key'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nothing was changed: confirm with --yes when not at a terminal.');
    expect(existsSync(keyPath)).toBe(false);
    expect(await unfinished()).toEqual(before);
  });
});
