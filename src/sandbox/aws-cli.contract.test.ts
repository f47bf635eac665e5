import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectContractTarget, type ContractTarget } from './test-support/contract-target';

// The AWS CLI (Debian's awscli, botocore: a second client that shares no code with SDK v3 or
// with the sandbox) against the endpoint under test. /usr/bin/aws explicitly: a pyenv shim may
// put an old 1.x `aws` first on PATH. The CLI runs asynchronously: the sandbox lives in this process.
const awsPath = '/usr/bin/aws';
const run = promisify(execFile);
let target: ContractTarget;
let dir: string;
let env: NodeJS.ProcessEnv;
let instanceId = '';
const keyName = `kr-cli-${Date.now().toString(36)}`;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `aws --endpoint-url ENDPOINT ARGS --output json`; resolves with the exit code (254: the service refused). */
async function aws(...args: string[]): Promise<CliResult> {
  try {
    const cliArgs = ['--endpoint-url', target.endpoint, ...args, '--output', 'json'];
    const { stdout, stderr } = await run(awsPath, cliArgs, {
      env,
      cwd: dir,
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** `aws …` that must succeed; its JSON answer (empty output, as modify-* gives, is `{}`). */
async function awsJson<T = Record<string, unknown>>(...args: string[]): Promise<T> {
  const result = await aws(...args);
  if (result.code !== 0) throw new Error(`aws ${args.join(' ')} → ${result.code}: ${result.stderr}`);
  return (result.stdout.trim() === '' ? {} : JSON.parse(result.stdout)) as T;
}

/** Re-runs `read` until `done` holds (the CLI's own waiters poll every 15 s: too slow here). */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Instance {
  InstanceId: string;
  State: { Name: string };
  KeyName?: string;
  ImageId: string;
  PlatformDetails?: string;
}

async function describeInstance(): Promise<Instance> {
  const answer = await awsJson<{ Reservations: { Instances: Instance[] }[] }>(
    'ec2',
    'describe-instances',
    '--instance-ids',
    instanceId,
  );
  const instance = answer.Reservations[0]?.Instances[0];
  if (!instance) throw new Error(`${instanceId} not described`);
  return instance;
}

const inState = (name: string) => (instance: Instance) => instance.State.Name === name;

interface Invocation {
  Status: string;
  ResponseCode: number;
  StandardOutputContent: string;
  StandardErrorContent: string;
}

/** send-command AWS-RunShellScript, then get-command-invocation until it has finished. */
async function runCommands(commands: string[]): Promise<{ commandId: string; invocation: Invocation }> {
  const parameters = JSON.stringify({ commands });
  const sent = await awsJson<{ Command: { CommandId: string } }>(
    'ssm',
    'send-command',
    '--document-name',
    'AWS-RunShellScript',
    '--instance-ids',
    instanceId,
    '--parameters',
    parameters,
  );
  const commandId = sent.Command.CommandId;
  const invocation = await until(
    () =>
      awsJson<Invocation>(
        'ssm',
        'get-command-invocation',
        '--command-id',
        commandId,
        '--instance-id',
        instanceId,
      ),
    (seen) => !['Pending', 'InProgress', 'Delayed'].includes(seen.Status),
    `command ${commandId}`,
  );
  return { commandId, invocation };
}

beforeAll(async () => {
  if (!existsSync(awsPath))
    throw new Error(
      `This suite drives Debian's AWS CLI at ${awsPath}: apt-get install awscli (.ci/run does).`,
    );
  target = await connectContractTarget();
  dir = await mkdtemp(join(tmpdir(), 'kr-contract-cli-'));
  const configFile = join(dir, 'config');
  await writeFile(configFile, '[default]\ncli_pager =\n');
  await writeFile(join(dir, 'credentials'), '');
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')),
  );
  env = {
    ...inherited,
    HOME: dir,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_ACCESS_KEY_ID: target.sandbox?.accessKeyId ?? process.env.KEYRESCUE_CONTRACT_ACCESS_KEY_ID ?? '',
    AWS_SECRET_ACCESS_KEY:
      target.sandbox?.secretAccessKey ?? process.env.KEYRESCUE_CONTRACT_SECRET_ACCESS_KEY ?? '',
    AWS_DEFAULT_REGION: target.region,
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
});

afterAll(async () => {
  if (!target) return;
  if (instanceId)
    await aws('ec2', 'terminate-instances', '--instance-ids', instanceId).catch(() => undefined);
  await aws('ec2', 'delete-key-pair', '--key-name', keyName).catch(() => undefined);
  await target.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the AWS CLI against the sandbox', () => {
  it('imports, describes and launches with a key pair (import-key-pair fileb://, describe-key-pairs)', async () => {
    await run('ssh-keygen', [
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      'aws-cli-contract',
      '-f',
      join(dir, 'key'),
    ]);
    const publicLine = (await readFile(join(dir, 'key.pub'), 'utf8')).trim();
    const imported = await awsJson<{ KeyName: string; KeyFingerprint: string; KeyPairId: string }>(
      'ec2',
      'import-key-pair',
      '--key-name',
      keyName,
      '--public-key-material',
      'fileb://key.pub',
    );
    expect(imported.KeyName).toBe(keyName);
    expect(imported.KeyPairId).toMatch(/^key-[0-9a-f]{17}$/);
    // EC2's imported Ed25519 fingerprint is ssh-keygen's SHA-256, in base64 with its padding.
    const { stdout: local } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir, 'key.pub')]);
    expect(imported.KeyFingerprint.replace(/=+$/, '')).toBe(/SHA256:(\S+)/.exec(local)?.[1]);
    const described = await awsJson<{ KeyPairs: Record<string, unknown>[] }>(
      'ec2',
      'describe-key-pairs',
      '--key-names',
      keyName,
      '--include-public-key',
    );
    expect(described.KeyPairs).toHaveLength(1);
    expect(described.KeyPairs[0]).toMatchObject({
      KeyName: keyName,
      KeyPairId: imported.KeyPairId,
      KeyType: 'ed25519',
      KeyFingerprint: imported.KeyFingerprint,
    });
    expect(String(described.KeyPairs[0]?.PublicKey).trim().split(' ').slice(0, 2)).toEqual(
      publicLine.split(' ').slice(0, 2),
    );
    const duplicate = await aws(
      'ec2',
      'import-key-pair',
      '--key-name',
      keyName,
      '--public-key-material',
      'fileb://key.pub',
    );
    expect(duplicate.code).toBe(254);
    expect(duplicate.stderr).toContain('(InvalidKeyPair.Duplicate)');

    const images = await awsJson<{ Images: { ImageId: string }[] }>(
      'ec2',
      'describe-images',
      '--owners',
      'amazon',
      '099720109477',
      '--filters',
      'Name=name,Values=ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*',
    );
    const imageId = images.Images[0]?.ImageId ?? '';
    expect(imageId).toMatch(/^ami-/);
    const launched = await awsJson<{ Instances: Instance[] }>(
      'ec2',
      'run-instances',
      '--image-id',
      imageId,
      '--instance-type',
      't3.micro',
      '--count',
      '1',
      '--key-name',
      keyName,
      '--iam-instance-profile',
      `Name=${process.env.KEYRESCUE_CONTRACT_SSM_PROFILE ?? 'AmazonSSMRoleForInstancesQuickSetup'}`,
    );
    instanceId = launched.Instances[0]?.InstanceId ?? '';
    expect(instanceId).toMatch(/^i-[0-9a-f]{17}$/);
    const running = await until(describeInstance, inState('running'), `${instanceId} running`);
    expect(running).toMatchObject({ InstanceId: instanceId, KeyName: keyName, ImageId: imageId });
  });

  it('send-command on Ubuntu: a bashism fails as under dash, a POSIX script succeeds (get-command-invocation)', async () => {
    await until(
      () =>
        awsJson<{ InstanceInformationList: { PingStatus: string }[] }>(
          'ssm',
          'describe-instance-information',
          '--filters',
          `Key=InstanceIds,Values=${instanceId}`,
        ),
      (answer) => answer.InstanceInformationList[0]?.PingStatus === 'Online',
      `${instanceId} managed by SSM`,
    );
    const bashism = await runCommands(['echo start', 'set -o pipefail', 'echo never']);
    const scriptPath = `/var/lib/amazon/ssm/${instanceId}/document/orchestration/${bashism.commandId}/awsrunShellScript/0.awsrunShellScript/_script.sh`;
    expect(bashism.invocation).toMatchObject({
      Status: 'Failed',
      ResponseCode: 2,
      StandardOutputContent: 'start\n',
      StandardErrorContent: `${scriptPath}: 2: set: Illegal option -o pipefail\n`,
    });
    const posix = await runCommands(['set -e', 'x=abc', 'printf "%s %s\\n" "${x#a}" "$(id -un)"']);
    expect(posix.invocation).toMatchObject({
      Status: 'Success',
      ResponseCode: 0,
      StandardOutputContent: 'bc root\n',
      StandardErrorContent: '',
    });
  });

  it('modify-instance-attribute --attribute userData --value file:// (base64 text) round-trips byte for byte', async () => {
    await awsJson('ec2', 'stop-instances', '--instance-ids', instanceId);
    await until(describeInstance, inState('stopped'), `${instanceId} stopped`);
    // Raw bytes, not all UTF-8; the file holds their base64 as coreutils writes it (76-column lines).
    const userData = Buffer.concat([
      Buffer.from('#!/bin/sh\necho from-the-cli\n'.repeat(4)),
      Buffer.from([0, 0xfe, 0xff]),
    ]);
    await writeFile(join(dir, 'user-data.bin'), userData);
    const { stdout: encoded } = await run('base64', [join(dir, 'user-data.bin')]);
    expect(encoded).toContain('\n');
    await writeFile(join(dir, 'user-data.b64'), encoded);
    await awsJson(
      'ec2',
      'modify-instance-attribute',
      '--instance-id',
      instanceId,
      '--attribute',
      'userData',
      '--value',
      'file://user-data.b64',
    );
    const attribute = await awsJson<{ InstanceId: string; UserData: { Value?: string } }>(
      'ec2',
      'describe-instance-attribute',
      '--instance-id',
      instanceId,
      '--attribute',
      'userData',
    );
    expect(attribute.InstanceId).toBe(instanceId);
    expect(Buffer.from(attribute.UserData.Value ?? '', 'base64').equals(userData)).toBe(true);
    expect(attribute.UserData.Value).toBe(userData.toString('base64'));
    // Text that is not base64 is refused, as EC2 does; the stored user data is unchanged.
    const plain = await aws(
      'ec2',
      'modify-instance-attribute',
      '--instance-id',
      instanceId,
      '--attribute',
      'userData',
      '--value',
      '#!/bin/sh',
    );
    expect(plain.code).toBe(254);
    expect(plain.stderr).toContain('(InvalidParameterValue)');
    const after = await awsJson<{ UserData: { Value?: string } }>(
      'ec2',
      'describe-instance-attribute',
      '--instance-id',
      instanceId,
      '--attribute',
      'userData',
    );
    expect(after.UserData.Value).toBe(userData.toString('base64'));
  });

  it('terminate-instances and delete-key-pair leave nothing behind', async () => {
    await awsJson('ec2', 'terminate-instances', '--instance-ids', instanceId);
    await until(describeInstance, inState('terminated'), `${instanceId} terminated`);
    await awsJson('ec2', 'delete-key-pair', '--key-name', keyName);
    const gone = await aws('ec2', 'describe-key-pairs', '--key-names', keyName);
    expect(gone.code).toBe(254);
    expect(gone.stderr).toContain('(InvalidKeyPair.NotFound)');
  });
});
