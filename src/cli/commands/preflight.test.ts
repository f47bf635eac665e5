import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../app/core';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { instanceNamed } from '../../sandbox/test-support/demo-lookup';
import { runCliCaptured } from '../test-support/run-cli-captured';

// `keyrescue preflight` on the practice account (demo seed, over HTTP with the real SDK).
let sandbox: RunningSandbox;
let root: string;
let home: string;
let legacyApp: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'keyrescue-cli-preflight-'));
  home = join(root, 'home');
  await mkdir(join(home, '.ssh'), { recursive: true });
  sandbox = await startSandbox({ seed: 'demo', keysDir: join(root, 'keys') });
  const ec2 = new EC2Client({
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
  });
  legacyApp = (await instanceNamed(ec2, 'legacy-app')).InstanceId ?? '';
  ec2.destroy();
});
afterAll(async () => {
  await sandbox.stop();
  await rm(root, { recursive: true, force: true });
});

const cli = (args: string[], extra: { onStdout?: (text: string) => void; signal?: AbortSignal } = {}) =>
  runCliCaptured(args, {
    ...extra,
    env: {},
    cwd: root,
    createCore: () =>
      createCore({
        userDataDir: join(root, 'user-data'),
        runtime: 'cli',
        accounts: { environment: { env: {}, homeDir: home }, homeDir: home, practice: async () => sandbox },
      }),
  });

describe('keyrescue preflight', () => {
  it('prints each check as it finishes, one piece each, in the order they run; then the plan', async () => {
    const pieces: string[] = [];
    const run = await cli(['preflight', legacyApp, '--egress-address', '203.0.113.7'], {
      onStdout: (text) => pieces.push(text),
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(pieces).toHaveLength(10);
    expect(pieces[0]).toBe(
      `Preflight of ${legacyApp} in us-east-1 (read-only)\n\n` +
        'Who you are signed in as (STS): 1 finding\n' +
        '  [ok  ] Signed in to account 111122223333 as arn:aws:iam::111122223333:user/keyrescue-practice.\n',
    );
    expect(pieces.slice(1, 9).map((piece) => piece.split('\n')[0])).toEqual([
      'Instance facts: 11 findings',
      'Key saved by AWSSupport-ResetAccess: 1 finding',
      'Stop and termination protection: 3 findings',
      'Login user and EC2 Instance Connect (from the image): 2 findings',
      'SSH from this computer (security groups, network ACL): 2 findings',
      'Systems Manager: 1 finding',
      'Permissions the recovery paths need: 8 findings',
      'Key pair’s private key in Parameter Store: 1 finding',
    ]);
    expect(pieces[6]).toBe(
      'Systems Manager: 1 finding\n' +
        '  [WARN] Systems Manager does not manage the instance: it has no instance profile (IAM role).\n',
    );
    expect(pieces[9]?.startsWith('\nTarget user: ec2-user\n\nRecovery paths:\n')).toBe(true);
  });

  it('Ctrl-C after the first check stops before the next one: exit 1, only that check printed', async () => {
    const controller = new AbortController();
    const pieces: string[] = [];
    const run = await cli(['preflight', legacyApp, '--egress-address', '203.0.113.7'], {
      signal: controller.signal,
      onStdout: (text) => {
        pieces.push(text);
        controller.abort();
      },
    });
    expect(run.code).toBe(1);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]).toContain('Who you are signed in as (STS): 1 finding\n');
    expect(run.stderr).toBe('keyrescue preflight: The operation was cancelled.\n');
  });

  it('prints the checklist and the plan', async () => {
    const run = await cli(['preflight', legacyApp, '--egress-address', '203.0.113.7']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Preflight of ${legacyApp} in us-east-1 (read-only)`);
    expect(run.stdout).toContain(
      '  [ok  ] The login user for this image (al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64) is ec2-user.',
    );
    expect(run.stdout).toContain(
      '  [WARN] Systems Manager does not manage the instance: it has no instance profile (IAM role).',
    );
    expect(run.stdout).toContain(
      '  EC2 Instance Connect: ADVISED\n      - Advised: EC2 Instance Connect adds the new key with no downtime.\n',
    );
    expect(run.stdout).toContain(
      '  Systems Manager Run Command: not possible\n      - Systems Manager does not manage the instance.\n',
    );
    expect(run.stdout).toMatch(
      /User data \(stop and start\): possible\n {6}- The instance is stopped and started again\.\n {6}! The instance is down/,
    );
  });

  it('--json gives the findings and plan, without internal facts', async () => {
    const run = await cli(['preflight', legacyApp, '--json', '--user', 'deploy']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const parsed = JSON.parse(run.stdout) as {
      targetUser: string;
      plan: { verdict: string }[];
      facts?: unknown;
    };
    // The same shape as before preflight became an operation: the result, nothing of its progress.
    expect(Object.keys(parsed).sort()).toEqual(['findings', 'instanceId', 'plan', 'region', 'targetUser']);
    expect(parsed.targetUser).toBe('deploy');
    expect(parsed.facts).toBeUndefined();
    expect(parsed.plan.map((path) => path.verdict)).toEqual([
      'possible',
      'advised',
      'notPossible',
      'possible',
      'possible',
    ]);
  });

  it('--language ja prints the checks, findings, stop hazards and plan in Japanese', async () => {
    const run = await cli(['preflight', legacyApp, '--egress-address', '203.0.113.7', '--language', 'ja']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const { PublicIpAddress } = await (async () => {
      const ec2 = new EC2Client({
        region: sandbox.region,
        endpoint: sandbox.endpoint,
        credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
      });
      try {
        return await instanceNamed(ec2, 'legacy-app');
      } finally {
        ec2.destroy();
      }
    })();
    expect(run.stdout.startsWith(`us-east-1 の ${legacyApp} の事前チェック（読み取りのみ）\n\n`)).toBe(true);
    expect(run.stdout).toContain('インスタンスの情報：11 件\n');
    expect(run.stdout).toContain(
      '  [ok  ] インスタンスタイプ t3.micro にはインスタンスストアボリュームがありません。\n',
    );
    expect(run.stdout).toContain(
      `  [WARN] パブリックアドレス ${PublicIpAddress} は Elastic IP ではありません。インスタンスを停止すると変わります。\n`,
    );
    expect(run.stdout).toContain('対象ユーザー：ec2-user\n\n復旧方法：\n');
    expect(run.stdout).toContain(
      `  ユーザーデータ（停止と起動）：可能\n      - インスタンスを停止して、もう一度起動します。\n      ! 停止している間（数分）、インスタンスは使えません。\n      ! パブリックアドレス ${PublicIpAddress} は Elastic IP ではないため変わります。その後 KeyRescue は新しいアドレスに接続し、~/.ssh/config のエントリも新しいアドレスに合わせます。\n`,
    );
    expect(run.stdout).not.toMatch(/finding|Recovery paths|The instance/);
  });

  it('usage errors exit 2; a bad instance id exits 1 with the reason', async () => {
    expect((await cli(['preflight', legacyApp, '--language', 'fr'])).code).toBe(2);
    expect((await cli(['preflight'])).code).toBe(2);
    const bad = await cli(['preflight', 'web-1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"web-1" is not an EC2 instance id');
  });
});
