import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { instanceNamed, sshEndpointOf } from '../../sandbox/test-support/demo-lookup';
import { cliOnPractice } from '../test-support/run-cli-captured';

// `keyrescue host-keys` and the console comparison of a refused host key (`authorize --instance`),
// on the practice account (demo seed, real SDK over HTTP, the instances' own sshd).
const run = promisify(execFile);
let sandbox: RunningSandbox;
let root: string;
let home: string;
const demo: Record<'legacy' | 'bastion' | 'windows', { id: string; port: string; hostKey: string }> = {
  legacy: { id: '', port: '', hostKey: '' },
  bastion: { id: '', port: '', hostKey: '' },
  windows: { id: '', port: '', hostKey: '' },
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'keyrescue-cli-host-keys-'));
  home = join(root, 'home');
  await mkdir(join(home, '.ssh'), { recursive: true });
  sandbox = await startSandbox({ seed: 'demo', keysDir: join(root, 'keys') });
  const ec2 = new EC2Client({
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
  });
  const names = { legacy: 'legacy-app', bastion: 'bastion', windows: 'windows-reporting' } as const;
  for (const which of Object.keys(names) as (keyof typeof names)[]) {
    const instance = await instanceNamed(ec2, names[which]);
    const port = (sshEndpointOf(instance) ?? '').split(':')[1] ?? '';
    // What OpenSSH sees on the instance's sshd: the fingerprint the console must print.
    const { stdout } = port
      ? await run('sh', ['-c', `ssh-keyscan -t ed25519 -p ${port} 127.0.0.1 2>/dev/null | ssh-keygen -lf -`])
      : { stdout: '' };
    demo[which] = { id: instance.InstanceId ?? '', port, hostKey: stdout.split(' ')[1] ?? '' };
  }
  ec2.destroy();
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'new', '-f', join(root, 'new-key')]);
});
afterAll(async () => {
  await sandbox.stop();
  await rm(root, { recursive: true, force: true });
});

const cli = cliOnPractice(() => ({ root, home, sandbox }));

describe('keyrescue host-keys', () => {
  it('prints the console output’s fingerprint, the one ssh-keyscan sees', async () => {
    expect(demo.legacy.hostKey).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const result = await cli(['host-keys', demo.legacy.id]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(
      new RegExp(
        `^Host keys in the console output of ${demo.legacy.id} \\(us-east-1\\):\\n  ED25519  ${demo.legacy.hostKey.replace(/[+/]/g, '\\$&')}\\nConsole output captured at \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\.\\n$`,
      ),
    );
  });

  it('--json gives status and keys', async () => {
    const result = await cli(['host-keys', demo.bastion.id, '--json', '--region', 'us-east-1']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      instanceId: demo.bastion.id,
      region: 'us-east-1',
      status: 'found',
      keys: [{ type: 'ED25519', fingerprint: demo.bastion.hostKey }],
      source: 'fingerprints',
      capturedAt: expect.any(String),
    });
  });

  it('exits 1 with the reason when the console prints none or may not be read', async () => {
    const windows = await cli(['host-keys', demo.windows.id]);
    expect(windows).toEqual({
      code: 1,
      stdout: '',
      stderr: `keyrescue host-keys: The console output of ${demo.windows.id} prints no host keys (cloud-init's keys_to_console is off, the image has no cloud-init, or the boot has not got that far).\n`,
    });
    sandbox.control.deny(['ec2:GetConsoleOutput']);
    try {
      const denied = await cli(['host-keys', demo.legacy.id, '--json']);
      expect(denied.code).toBe(1);
      expect(JSON.parse(denied.stdout)).toEqual({
        instanceId: demo.legacy.id,
        region: 'us-east-1',
        status: 'denied',
        keys: [],
      });
    } finally {
      sandbox.control.allow(['ec2:GetConsoleOutput']);
    }
    expect((await cli(['host-keys'])).code).toBe(2);
  });
});

describe('keyrescue authorize --instance', () => {
  const authorize = (port: string, instance: string) =>
    cli([
      ...['authorize', '--host', '127.0.0.1', '--port', port, '--login-user', 'ec2-user'],
      ...['--login-key', join(root, 'keys', 'practice-ed25519.pem'), '--user', 'ec2-user'],
      ...['--public-key', join(root, 'new-key.pub'), '--instance', instance],
    ]);

  it('says the refused key is the one the instance’s console printed', async () => {
    const result = await authorize(demo.legacy.port, demo.legacy.id);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        `keyrescue authorize: The host key of 127.0.0.1:${demo.legacy.port} is not yet trusted (${demo.legacy.hostKey}). Compare it with the fingerprint in the instance's console output and accept it only if they match.`,
        `Host keys in the console output of ${demo.legacy.id}:`,
        `  ED25519  ${demo.legacy.hostKey}`,
        `${demo.legacy.hostKey} is among them: it is the key the instance printed at boot.`,
        `To trust it: --host-key ${demo.legacy.hostKey} (or --accept-new-host-key). Nothing was changed.`,
        '',
      ].join('\n'),
    );
  });

  it('warns when the refused key is not among another instance’s console keys', async () => {
    const result = await authorize(demo.bastion.port, demo.legacy.id);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `Host keys in the console output of ${demo.legacy.id}:\n  ED25519  ${demo.legacy.hostKey}\nWARNING: ${demo.bastion.hostKey} is NOT among them. Do not trust it until you know why (another server at this address, or host keys changed since that boot).\n`,
    );
  });

  it('--instance needs --host and an instance id', async () => {
    const alone = await cli(['authorize', '--print-script', '--instance', demo.legacy.id]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--instance applies only to --host');
    const bad = await cli(['authorize', '--host', 'h', '--instance', 'web-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--instance is an EC2 instance id (i-0123456789abcdef0).');
  });
});
