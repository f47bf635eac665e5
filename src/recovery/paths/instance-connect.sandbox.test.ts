import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
  type Instance,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../ipc/app-error';
import type { HostKeyChoice } from '../../ipc/contracts/recovery-run';
import { lostKeyName } from '../../sandbox';
import { sshEndpointOf } from '../../sandbox/test-support/demo-lookup';
import { httpEgressAddress } from '../network/egress-address';
import { recoveryErrorCodes } from '../recovery-errors';
import { addKeyScript } from '../scripts/authorized-key-script';
import { ssh2Connector } from '../ssh/ssh2-session';
import { ingressAddStep } from './ingress-step';
import { instanceConnectRunner, type ThrowawayKeyType } from './instance-connect';
import { startDemoAccount, type DemoAccount } from './test-support/demo-account';
import {
  authorizedKeysOf,
  knownHostFingerprints,
  openSshLogin,
  sshKeygen,
  type TestKey,
} from './test-support/ssh-checks';
import { standInAddScript } from './test-support/stand-in-script';
import { testStepContext } from './test-support/step-context';

// EC2 Instance Connect end to end against the practice sandbox over HTTP with the real SDK: its
// SendSSHPublicKey keeps a pushed key for 60 s and its sshd (where the image has the package)
// honours it; security groups gate the endpoints. The new key is proven by the real OpenSSH client.
let demo: DemoAccount;
let dir: string;
let newKey: TestKey;
const acceptNew: HostKeyChoice = { kind: 'accept-new' };

beforeAll(async () => {
  demo = await startDemoAccount();
  dir = await mkdtemp(join(tmpdir(), 'keyrescue-eic-'));
  newKey = sshKeygen(dir, 'new');
});
afterAll(async () => {
  await demo.stop();
  await rm(dir, { recursive: true, force: true });
});

async function runnerFor(name: string, user: string, options: { throwawayKey?: ThrowawayKeyType } = {}) {
  const instance = await demo.instance(name);
  return instanceConnectRunner({
    account: demo.account,
    region: demo.region,
    instanceId: instance.InstanceId ?? '',
    availabilityZone: instance.Placement?.AvailabilityZone ?? '',
    targetUser: user,
    endpoint: await demo.endpoint(name),
    hostKey: acceptNew,
    connector: ssh2Connector,
    ...options,
  });
}

/** Most cases use the short stand-in (stand-in-script.ts); one runs the generated script itself. */
const addNewKey = (user: string) => standInAddScript(user, newKey.publicLine);

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a failure');
}

async function launchDebian(): Promise<Instance> {
  const { Images } = await demo.ec2.send(
    new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: ['debian-12-*'] }] }),
  );
  const legacy = await demo.instance('legacy-app');
  const launched = await demo.ec2.send(
    new RunInstancesCommand({
      ImageId: Images?.[0]?.ImageId ?? '',
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      KeyName: 'practice-rsa',
      // The office-range group: port 22 is open to this computer, so only the login can refuse.
      SecurityGroupIds: [legacy.SecurityGroups?.[0]?.GroupId ?? ''],
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'eic-debian' }] }],
    }),
  );
  const id = launched.Instances?.[0]?.InstanceId ?? '';
  for (let attempt = 0; attempt < 100; attempt++) {
    const { Reservations } = await demo.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    const instance = Reservations?.[0]?.Instances?.[0];
    if (instance?.State?.Name === 'running' && sshEndpointOf(instance)) return instance;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the Debian instance did not start');
}

describe('EC2 Instance Connect runner', () => {
  it("recovers legacy-app: the new key is added once, the lost key's line stays, OpenSSH logs in with it", async () => {
    const runner = await runnerFor('legacy-app', 'ec2-user');
    expect(runner.describe).toBe('EC2 Instance Connect as ec2-user');
    const endpoint = await demo.endpoint('legacy-app');
    const knownHosts = join(dir, 'known_hosts_legacy');
    // Before: the new key does not log in.
    expect((await openSshLogin(endpoint, 'ec2-user', newKey.file, knownHosts)).code).toBe(255);

    const ctx = testStepContext('rec-20261202-041000-0a1b2c3d');
    const first = await runner.run(addNewKey('ec2-user'), ctx);
    expect(first.result).toMatchObject({ action: 'add', status: 'added', lines: 1 });
    expect(first.facts?.runAs).toBe('sudo');
    expect(ctx.notes).toEqual([
      'Pushing a one-minute Ed25519 key with EC2 Instance Connect',
      `Logging in to ${endpoint.host}:${endpoint.port} as ec2-user`,
    ]);
    const fingerprint = first.facts?.hostKeyFingerprint ?? '';
    expect(fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);

    // Again, as a resume would, with the fingerprint the first run saw pinned: already present.
    const second = await runner.run(
      addNewKey('ec2-user'),
      testStepContext('rec-20261202-041000-0a1b2c3d', first.facts),
    );
    expect(second.result).toMatchObject({ status: 'alreadyPresent', lines: 1 });
    expect(second.facts?.hostKeyFingerprint).toBe(fingerprint);

    const login = await openSshLogin(endpoint, 'ec2-user', newKey.file, knownHosts, 'id -un');
    expect(login, login.stderr).toMatchObject({ code: 0, stdout: 'ec2-user\n' });
    // OpenSSH saw the same host key the runner reported.
    expect(knownHostFingerprints(knownHosts)).toEqual([fingerprint]);

    const lines = (await authorizedKeysOf(endpoint, 'ec2-user', await readFile(newKey.file, 'utf8')))
      .split('\n')
      .filter(Boolean);
    const { KeyPairs } = await demo.ec2.send(
      new DescribeKeyPairsCommand({ KeyNames: [lostKeyName], IncludePublicKey: true }),
    );
    const lostBlob = KeyPairs?.[0]?.PublicKey?.split(' ')[1] ?? 'missing';
    expect(lines.filter((line) => line.includes(newKey.blob))).toEqual([newKey.publicLine]);
    expect(lines.filter((line) => line.includes(lostBlob))).toHaveLength(1);
    // Nothing else: the throwaway lived only in Instance Connect, never in the file.
    expect(lines).toHaveLength(2);
  });

  it('a wrong fingerprint from an earlier step is a loud mismatch before any login', async () => {
    const runner = await runnerFor('legacy-app', 'ec2-user');
    const wrong = `SHA256:${'B'.repeat(43)}`;
    const error = await failure(
      runner.run(addNewKey('ec2-user'), testStepContext('rec-1', { hostKeyFingerprint: wrong })),
    );
    expect(error.code).toBe(recoveryErrorCodes.sshHostKeyMismatch);
  });

  it('an RSA 3072 throwaway (for old ec2-instance-connect packages) works the same way', async () => {
    const runner = await runnerFor('bastion', 'ec2-user', { throwawayKey: { type: 'rsa', bits: 3072 } });
    const ctx = testStepContext('rec-2');
    const run = await runner.run(addNewKey('ec2-user'), ctx);
    expect(run.result.status).toBe('added');
    expect(ctx.notes[0]).toBe('Pushing a one-minute RSA 3072 key with EC2 Instance Connect');
  });

  it('a Debian 12 image without the package: eicNotInstalled, authorized_keys unchanged', async () => {
    const debian = await launchDebian();
    try {
      const [host = '', port = ''] = (sshEndpointOf(debian) ?? '').split(':');
      const endpoint = { host, port: Number(port) };
      const rsa = demo.demoKey('practice-rsa.pem');
      const before = await authorizedKeysOf(endpoint, 'admin', rsa);
      const runner = instanceConnectRunner({
        account: demo.account,
        region: demo.region,
        instanceId: debian.InstanceId ?? '',
        targetUser: 'admin',
        endpoint,
        hostKey: acceptNew,
        connector: ssh2Connector,
      });
      const error = await failure(runner.run(addNewKey('admin'), testStepContext('rec-3')));
      expect(error.code).toBe(recoveryErrorCodes.eicNotInstalled);
      expect(error.message).toContain('the ec2-instance-connect package is most likely not installed');
      expect(error.message).toContain('Nothing was changed on the instance.');
      expect(error.details).toEqual({
        instanceId: debian.InstanceId,
        host,
        port: Number(port),
        user: 'admin',
      });
      expect(await authorizedKeysOf(endpoint, 'admin', rsa)).toBe(before);
    } finally {
      await demo.ec2.send(new TerminateInstancesCommand({ InstanceIds: [debian.InstanceId ?? ''] }));
    }
  });

  it('SendSSHPublicKey denied: eicPermissionDenied and nothing changed', async () => {
    const endpoint = await demo.endpoint('bastion');
    const rsa = demo.demoKey('practice-rsa.pem');
    const before = await authorizedKeysOf(endpoint, 'ec2-user', rsa);
    const other = sshKeygen(dir, 'other');
    demo.sandbox.control.deny(['ec2-instance-connect:SendSSHPublicKey']);
    try {
      const runner = await runnerFor('bastion', 'ec2-user');
      const script = standInAddScript('ec2-user', other.publicLine);
      const error = await failure(runner.run(script, testStepContext('rec-4')));
      expect(error.code).toBe(recoveryErrorCodes.eicPermissionDenied);
      expect(error.details).toMatchObject({ user: 'ec2-user', awsCode: 'AuthException' });
      expect(error.message).toContain('ec2-instance-connect:SendSSHPublicKey');
    } finally {
      demo.sandbox.control.allow(['ec2-instance-connect:SendSSHPublicKey']);
    }
    expect(await authorizedKeysOf(endpoint, 'ec2-user', rsa)).toBe(before);
  });

  it('a stopped instance: eicInstanceNotRunning', async () => {
    const worker = await demo.instance('debian-worker');
    const runner = instanceConnectRunner({
      account: demo.account,
      region: demo.region,
      instanceId: worker.InstanceId ?? '',
      targetUser: 'admin',
      endpoint: { host: '127.0.0.1', port: 1 },
      hostKey: acceptNew,
      connector: ssh2Connector,
    });
    const error = await failure(runner.run(addNewKey('admin'), testStepContext('rec-5')));
    expect(error.code).toBe(recoveryErrorCodes.eicInstanceNotRunning);
    expect(error.details).toEqual({
      instanceId: worker.InstanceId,
      awsCode: 'EC2InstanceStateInvalidException',
    });
  });

  it('ops-box, port 22 closed to this computer: sshPortClosed; after ingress-add it recovers, revert closes it', async () => {
    const runner = await runnerFor('ops-box', 'ubuntu');
    const closed = await failure(runner.run(addNewKey('ubuntu'), testStepContext('rec-6')));
    expect(closed.code).toBe(recoveryErrorCodes.sshPortClosed);

    const opsBox = await demo.instance('ops-box');
    const recoveryId = 'rec-20261202-041500-0a1b2c3d';
    const ingress = ingressAddStep({
      account: demo.account,
      region: demo.region,
      instanceId: opsBox.InstanceId ?? '',
      egress: httpEgressAddress(`${demo.sandbox.endpoint}/checkip`),
    });
    const added = await ingress.apply(testStepContext(recoveryId));
    expect(await ingress.check?.(testStepContext(recoveryId))).toEqual({ state: 'done', outcome: added });
    const facts = { ...added.facts };
    const run = await runner.run(addNewKey('ubuntu'), testStepContext(recoveryId, facts));
    expect(run.result.status).toBe('added');
    const endpoint = await demo.endpoint('ops-box');
    const knownHosts = join(dir, 'known_hosts_ops');
    expect((await openSshLogin(endpoint, 'ubuntu', newKey.file, knownHosts)).code).toBe(0);

    expect(await ingress.revert?.(testStepContext(recoveryId, facts))).toMatchObject({
      result: expect.stringContaining('Revoked rule'),
    });
    expect(await ingress.check?.(testStepContext(recoveryId))).toEqual({ state: 'notDone' });
    expect((await openSshLogin(endpoint, 'ubuntu', newKey.file, knownHosts)).code).toBe(255);
  });

  it('runs the generated add script on legacy-app: added, then alreadyPresent', async () => {
    const runner = await runnerFor('legacy-app', 'ec2-user');
    const script = addKeyScript({ targetUser: 'ec2-user', publicKey: newKey.publicLine });
    expect((await runner.run(script, testStepContext('rec-7'))).result.status).toBe('alreadyPresent');
  });
});
