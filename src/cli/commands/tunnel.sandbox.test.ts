import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  CreateInstanceConnectEndpointCommand,
  CreateKeyPairCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  EC2Client,
  RunInstancesCommand,
  type Instance,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { bundleCli, runCliChild, spawnCliChild } from '../test-support/cli-child';

// `keyrescue ssh-proxy` as OpenSSH's ProxyCommand and `keyrescue tunnel` + `ssh -p`, both real
// child processes, to a sandbox instance that has no public address: only its endpoint reaches it.
let sandbox: RunningSandbox;
let ec2: EC2Client;
let bundle: string;
let root: string;
let keyFile: string;
let instance: Instance;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'keyrescue-cli-tunnel-'));
  const home = join(root, 'home');
  await mkdir(join(home, '.ssh'), { recursive: true });
  [sandbox, bundle] = await Promise.all([
    startSandbox({ seed: 'empty' }),
    bundleCli('keyrescue-tunnel-test'),
  ]);
  env = {
    PATH: process.env.PATH,
    // The SDK warns on Node 20 that later versions need Node 22; stderr is asserted exactly here.
    NODE_NO_WARNINGS: '1',
    HOME: home,
    KEYRESCUE_HOME: join(home, '.keyrescue'),
    AWS_ACCESS_KEY_ID: sandbox.accessKeyId,
    AWS_SECRET_ACCESS_KEY: sandbox.secretAccessKey,
  };
  ec2 = new EC2Client({
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
  });
  const key = await ec2.send(new CreateKeyPairCommand({ KeyName: 'private-app' }));
  keyFile = join(root, 'private-app.pem');
  await writeFile(keyFile, key.KeyMaterial ?? '', { mode: 0o600 });
  const images = await ec2.send(
    new DescribeImagesCommand({
      Owners: ['amazon'],
      Filters: [{ Name: 'name', Values: ['al2023-ami-2023*'] }],
    }),
  );
  const launched = await ec2.send(
    new RunInstancesCommand({
      ImageId: images.Images?.[0]?.ImageId,
      InstanceType: 't3.micro',
      KeyName: 'private-app',
      MinCount: 1,
      MaxCount: 1,
      NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: false }],
    }),
  );
  await sandbox.control.tick();
  const described = await ec2.send(
    new DescribeInstancesCommand({ InstanceIds: [launched.Instances?.[0]?.InstanceId ?? ''] }),
  );
  instance = described.Reservations?.[0]?.Instances?.[0] ?? {};
});

afterAll(async () => {
  ec2.destroy();
  await sandbox.stop();
  await rm(dirname(bundle), { recursive: true, force: true });
  await rm(root, { recursive: true, force: true });
});

const awsArgs = () => ['--endpoint', sandbox.endpoint, '--region', 'us-east-1'];

function ssh(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = ['-F', '/dev/null', '-i', keyFile, '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes'];
  const quiet = [
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-o',
    'LogLevel=ERROR',
  ];
  return new Promise((resolve) => {
    execFile('ssh', [...base, ...quiet, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 255) : 0, stdout, stderr }),
    );
  });
}

async function createEndpoint(): Promise<string> {
  const created = await ec2.send(new CreateInstanceConnectEndpointCommand({ SubnetId: instance.SubnetId }));
  await sandbox.control.tick();
  return created.InstanceConnectEndpoint?.InstanceConnectEndpointId ?? '';
}

const proxyCommand = (extra: string[] = []) => [
  'ProxyCommand=' +
    [process.execPath, bundle, 'ssh-proxy', instance.InstanceId ?? '', ...awsArgs(), ...extra].join(' '),
];

describe('keyrescue ssh-proxy and tunnel (EC2 Instance Connect Endpoint)', () => {
  let first = '';

  it('refuses clearly when the VPC has no usable endpoint', async () => {
    expect(instance.PublicIpAddress).toBeUndefined();
    const result = await runCliChild(bundle, ['ssh-proxy', instance.InstanceId ?? '', ...awsArgs()], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `keyrescue ssh-proxy: No usable EC2 Instance Connect Endpoint in ${instance.VpcId} (us-east-1) can reach ${instance.InstanceId}. Create one in the instance's subnet (CreateInstanceConnectEndpoint) or name one with --eic-endpoint.\n`,
    );
  });

  it('OpenSSH logs in with ssh-proxy as its ProxyCommand', async () => {
    first = await createEndpoint();
    const result = await ssh([
      '-o',
      ...proxyCommand(),
      `ec2-user@${instance.InstanceId}`,
      'id -un; hostname',
    ]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`ec2-user\n${instance.PrivateDnsName}\n`);
    expect(result.code).toBe(0);
  });

  it('keyrescue tunnel listens locally; ssh -p PORT logs in, twice (a tunnel per connection)', async () => {
    const { child, exited } = spawnCliChild(
      bundle,
      ['tunnel', instance.InstanceId ?? '', '--local-port', '0', ...awsArgs()],
      env,
    );
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => output, { timeout: 30_000 }).toMatch(/^Listening on 127\.0\.0\.1:\d+: /);
    const port = /127\.0\.0\.1:(\d+)/.exec(output)?.[1] ?? '';
    expect(output).toBe(
      `Listening on 127.0.0.1:${port}: each connection goes to ${instance.InstanceId} (${instance.PrivateIpAddress}) port 22 through ${first}. Ctrl+C stops.\n`,
    );
    for (let round = 0; round < 2; round += 1) {
      const result = await ssh(['-p', port, 'ec2-user@127.0.0.1', 'id -un']);
      expect([result.code, result.stdout, result.stderr]).toEqual([0, 'ec2-user\n', '']);
    }
    child.kill('SIGTERM');
    const ended = await exited;
    expect([ended.code, ended.stderr]).toEqual([0, '']);
  });

  it('with two usable endpoints asks for --eic-endpoint, and uses the one named', async () => {
    const second = await createEndpoint();
    const several = await runCliChild(bundle, ['ssh-proxy', instance.InstanceId ?? '', ...awsArgs()], env);
    expect(several.code).toBe(1);
    expect(several.stderr).toBe(
      `keyrescue ssh-proxy: 2 usable Instance Connect Endpoints in ${instance.VpcId}: ${first}, ${second}. Name one with --eic-endpoint.\n`,
    );
    const named = await ssh([
      '-o',
      ...proxyCommand(['--eic-endpoint', second]),
      `ec2-user@${instance.InstanceId}`,
      'id -un',
    ]);
    expect([named.code, named.stdout, named.stderr]).toEqual([0, 'ec2-user\n', '']);
  });
});
