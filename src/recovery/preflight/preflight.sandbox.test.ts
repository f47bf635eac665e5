import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeKeyPairsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DeleteParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedAccount } from '../../aws/account-types';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { instanceNamed } from '../../sandbox/test-support/demo-lookup';
import type { PreflightProgress } from './check-runner';
import { runPreflight, type PreflightResult } from './preflight';

// Preflight against the practice sandbox's demo account, over HTTP with the real SDK.
let sandbox: RunningSandbox;
let root: string;
let account: ResolvedAccount;
let ec2: EC2Client;
let ssm: SSMClient;
const ids: Record<string, string> = {};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'keyrescue-preflight-'));
  sandbox = await startSandbox({ seed: 'demo', keysDir: join(root, 'keys') });
  const credentials = { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey };
  account = {
    id: 'practice',
    label: 'Practice',
    kind: 'practice',
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    needsMfa: false,
    credentials: async () => credentials,
    mode: 'sandbox',
  };
  const config = { region: sandbox.region, endpoint: sandbox.endpoint, credentials };
  ec2 = new EC2Client(config);
  ssm = new SSMClient(config);
  for (const name of ['legacy-app', 'ops-box', 'bastion', 'debian-worker', 'windows-reporting'])
    ids[name] = (await instanceNamed(ec2, name)).InstanceId ?? '';
});
afterAll(async () => {
  ec2.destroy();
  ssm.destroy();
  await sandbox.stop();
  await rm(root, { recursive: true, force: true });
});
afterEach(() => {
  sandbox.control.allow([...sandbox.control.state.deniedActions]);
});

const preflight = (
  name: string,
  extra: { egressAddress?: string; user?: string; hasOtherLogin?: boolean } = {},
) => runPreflight(account, { instanceId: ids[name] ?? name, region: 'us-east-1', ...extra });

/** `id status code` per finding, the shape a checklist shows. */
const lines = (result: PreflightResult) => result.findings.map((f) => `${f.id} ${f.status} ${f.code}`);
const verdicts = (result: PreflightResult) => Object.fromEntries(result.plan.map((p) => [p.path, p.verdict]));
const findingOf = (result: PreflightResult, id: string) => result.findings.find((f) => f.id === id);

describe('preflight of the demo instances', () => {
  it('the lost-key AL2023 web app, SSH open to the office range: every check, EIC advised', async () => {
    const progress: PreflightProgress[] = [];
    const result = await runPreflight(account, {
      instanceId: ids['legacy-app'] ?? '',
      region: 'us-east-1',
      egressAddress: '203.0.113.7',
      onProgress: (entry) => progress.push(entry),
    });
    expect(lines(result)).toEqual([
      'identity ok identityOk',
      'instance.state ok instanceRunning',
      'instance.platform ok platformLinux',
      'instance.rootDevice ok rootEbs',
      'instance.lifecycle ok lifecycleOnDemand',
      'instance.autoScaling ok autoScalingNone',
      'instance.addresses ok addressesPublic',
      'instance.imds ok imdsEnabled',
      'instance.keyName ok keyNameSet',
      'instance.publicIp warning publicIpChangesOnStop',
      'instance.instanceStore ok instanceStoreNone',
      'instance.volumes ok volumesUnencrypted',
      'instance.stopProtection ok stopProtectionOff',
      'instance.terminationProtection ok terminationProtectionOff',
      'instance.shutdownBehavior ok shutdownBehaviorStop',
      'user ok defaultUserFromImage',
      'eic ok eicImageShips',
      'network.sshPort ok sshOpenToAddress',
      'network.nacl ok naclAllows',
      'ssm warning ssmNotManagedNoProfile',
      'permission.AuthorizeSecurityGroupIngress ok permissionAllowed',
      'permission.StopInstances ok permissionAllowed',
      'permission.StartInstances ok permissionAllowed',
      'permission.ModifyInstanceAttribute ok permissionAllowed',
      'permission.CreateSnapshot ok permissionAllowed',
      'permission.DetachVolume ok permissionAllowed',
      'permission.ssm:SendCommand unknown permissionUntestable',
      'permission.ec2-instance-connect:SendSSHPublicKey unknown permissionUntestable',
      'savedKey.ec2rl ok savedEc2rlParameterAbsent',
      'savedKey.keyPair ok savedKeyPairParameterAbsent',
    ]);
    expect(findingOf(result, 'user')).toMatchObject({
      params: { user: 'ec2-user', image: 'al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64' },
      message: 'The login user for this image (al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64) is ec2-user.',
    });
    expect(findingOf(result, 'network.sshPort')?.params).toEqual({
      groupId: expect.stringMatching(/^sg-/),
      cidr: '203.0.113.0/24',
      address: '203.0.113.7',
    });
    expect(result.targetUser).toBe('ec2-user');
    expect(verdicts(result)).toEqual({
      ssh: 'possible',
      eic: 'advised',
      ssm: 'notPossible',
      userData: 'possible',
      rescueVolume: 'possible',
    });
    const checks = [
      'identity',
      'instance',
      'savedKey.ec2rl',
      'attributes',
      'image',
      'network',
      'ssm',
      'permissions',
      'savedKey.keyPair',
    ];
    expect(
      progress
        .filter((p) => p.status === 'started')
        .map((p) => p.check)
        .sort(),
    ).toEqual([...checks].sort());
    expect(
      progress
        .filter((p) => p.status === 'finished')
        .map((p) => p.check)
        .sort(),
    ).toEqual([...checks].sort());
    // Phase 2 starts only after the instance was read.
    const instanceDone = progress.findIndex((p) => p.check === 'instance' && p.status === 'finished');
    const imageStart = progress.findIndex((p) => p.check === 'image' && p.status === 'started');
    expect(imageStart).toBeGreaterThan(instanceDone);
  });

  it('from an address outside the range: port 22 closed, EIC with a temporary rule', async () => {
    const result = await preflight('legacy-app', { egressAddress: '198.51.100.20' });
    expect(findingOf(result, 'network.sshPort')).toMatchObject({
      status: 'warning',
      code: 'sshClosedToAddress',
      params: { address: '198.51.100.20' },
    });
    const eic = result.plan.find((p) => p.path === 'eic');
    expect(eic?.verdict).toBe('advised');
    expect(eic?.reasons.map((r) => r.code)).toEqual([
      'advisedEicWithIngress',
      'eicImageShips',
      'port22NeedsIngress',
    ]);
  });

  it('without an address: the bastion is open to anywhere, the web app cannot be told', async () => {
    const bastion = await preflight('bastion');
    expect(findingOf(bastion, 'network.sshPort')).toMatchObject({ status: 'ok', code: 'sshOpenToAnywhere' });
    expect(findingOf(bastion, 'network.nacl')).toMatchObject({
      status: 'unknown',
      code: 'naclUnknownNoAddress',
    });
    const web = await preflight('legacy-app');
    expect(findingOf(web, 'network.sshPort')).toMatchObject({
      status: 'unknown',
      code: 'sshUnknownNoAddress',
    });
  });

  it('the SSM-managed Ubuntu box: agent online, SSM advised (its group has no SSH rule)', async () => {
    const result = await preflight('ops-box', { egressAddress: '203.0.113.7' });
    expect(findingOf(result, 'ssm')).toMatchObject({
      status: 'ok',
      code: 'ssmOnline',
      params: { agentVersion: '3.3.1142.0' },
    });
    expect(findingOf(result, 'user')).toMatchObject({
      code: 'defaultUserFromImage',
      params: { user: 'ubuntu' },
    });
    expect(findingOf(result, 'eic')?.code).toBe('eicImageShips');
    expect(verdicts(result)).toEqual({
      ssh: 'possible',
      eic: 'possible',
      ssm: 'advised',
      userData: 'possible',
      rescueVolume: 'possible',
    });
  });

  it('the stopped Debian worker: stop paths only, user admin, no Instance Connect on the image', async () => {
    const result = await preflight('debian-worker', { egressAddress: '203.0.113.7' });
    expect(findingOf(result, 'instance.state')).toMatchObject({ status: 'warning', code: 'instanceStopped' });
    expect(findingOf(result, 'instance.addresses')?.code).toBe('addressesPrivateOnly');
    expect(findingOf(result, 'user')?.params.user).toBe('admin');
    expect(findingOf(result, 'eic')).toMatchObject({ status: 'warning', code: 'eicNotOnImage' });
    expect(verdicts(result)).toEqual({
      ssh: 'notPossible',
      eic: 'notPossible',
      ssm: 'notPossible',
      userData: 'advised',
      rescueVolume: 'possible',
    });
    expect(result.plan.find((p) => p.path === 'userData')?.hazards).toEqual([]);
  });

  it('the Windows server is explained and refused', async () => {
    const result = await preflight('windows-reporting', { egressAddress: '203.0.113.7' });
    expect(findingOf(result, 'instance.platform')).toMatchObject({
      status: 'blocker',
      code: 'platformWindows',
    });
    expect(result.targetUser).toBeNull();
    for (const path of result.plan) {
      expect(path.verdict).toBe('notPossible');
      expect(path.reasons[0]?.code).toBe('windowsUnsupported');
    }
  });

  it('a login user given by the caller wins over the image', async () => {
    const result = await preflight('legacy-app', { user: 'deploy' });
    expect(findingOf(result, 'user')).toMatchObject({
      code: 'defaultUserOverride',
      params: { user: 'deploy' },
    });
    expect(result.targetUser).toBe('deploy');
  });

  it('another working login makes the SSH path the advised one', async () => {
    const result = await preflight('legacy-app', { egressAddress: '203.0.113.7', hasOtherLogin: true });
    expect(verdicts(result).ssh).toBe('advised');
  });
});

describe('preflight with permissions denied', () => {
  it('a denied call makes only its own findings unknown or denied, and the plan follows', async () => {
    sandbox.control.deny([
      'ec2:StopInstances',
      'ec2:AuthorizeSecurityGroupIngress',
      'ec2:DescribeInstanceAttribute',
      'ec2:DescribeSecurityGroups',
      'ssm:DescribeInstanceInformation',
      'ssm:GetParameter',
    ]);
    const result = await preflight('ops-box', { egressAddress: '203.0.113.7' });
    const byId = (id: string) => {
      const entry = findingOf(result, id);
      return entry && { status: entry.status, code: entry.code, params: entry.params };
    };
    expect(byId('permission.StopInstances')).toEqual({
      status: 'warning',
      code: 'permissionDenied',
      params: { action: 'StopInstances' },
    });
    for (const id of [
      'instance.stopProtection',
      'instance.terminationProtection',
      'instance.shutdownBehavior',
    ])
      expect(byId(id)).toEqual({
        status: 'unknown',
        code: 'checkDenied',
        params: { operation: 'DescribeInstanceAttribute' },
      });
    expect(byId('network.sshPort')).toEqual({
      status: 'unknown',
      code: 'checkDenied',
      params: { operation: 'DescribeSecurityGroups' },
    });
    expect(byId('ssm')).toEqual({
      status: 'unknown',
      code: 'checkDenied',
      params: { operation: 'DescribeInstanceInformation' },
    });
    expect(byId('savedKey.ec2rl')).toEqual({
      status: 'unknown',
      code: 'checkDenied',
      params: { operation: 'GetParameter' },
    });
    // Everything else still ran.
    expect(byId('instance.state')?.code).toBe('instanceRunning');
    expect(byId('permission.StartInstances')?.code).toBe('permissionAllowed');
    expect(byId('network.nacl')?.code).toBe('naclAllows');
    expect(verdicts(result)).toEqual({
      ssh: 'possible',
      eic: 'advised',
      ssm: 'possible',
      userData: 'notPossible',
      rescueVolume: 'notPossible',
    });
    expect(result.plan.find((p) => p.path === 'ssm')?.uncertainties.map((u) => u.code)).toEqual([
      'ssmUnknown',
      'untestedPermission',
    ]);
    expect(result.plan.find((p) => p.path === 'userData')?.reasons).toEqual([
      { code: 'permissionDenied', params: { action: 'StopInstances' } },
    ]);
  });

  it('DescribeInstances denied: the instance is unreadable, nothing is possible, identity still shown', async () => {
    sandbox.control.deny(['ec2:DescribeInstances']);
    const result = await preflight('legacy-app');
    expect(lines(result)).toEqual([
      'identity ok identityOk',
      'instance unknown checkDenied',
      'savedKey.ec2rl ok savedEc2rlParameterAbsent',
    ]);
    expect(
      result.plan.every((p) => p.verdict === 'notPossible' && p.reasons[0]?.code === 'instanceUnreadable'),
    ).toBe(true);
  });
});

describe('saved keys', () => {
  it('a key left in Parameter Store comes first, found without fetching its value', async () => {
    const instanceId = ids['legacy-app'] ?? '';
    const { KeyPairs } = await ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['legacy-app-key'] }));
    const keyPairParameter = `/ec2/keypair/${KeyPairs?.[0]?.KeyPairId ?? ''}`;
    const resetParameter = `/ec2rl/openssh/${instanceId}/key`;
    const secret = 'PRIVATE-KEY-MATERIAL-MUST-NOT-LEAK';
    for (const name of [keyPairParameter, resetParameter])
      await ssm.send(new PutParameterCommand({ Name: name, Value: secret, Type: 'SecureString' }));
    try {
      const result = await preflight('legacy-app');
      expect(lines(result).slice(0, 2)).toEqual([
        'savedKey.ec2rl ok savedEc2rlParameter',
        'savedKey.keyPair ok savedKeyPairParameter',
      ]);
      expect(result.findings[1]?.params).toEqual({ keyName: 'legacy-app-key', parameter: keyPairParameter });
      expect(result.findings[0]?.message).toBe(
        `An earlier AWSSupport-ResetAccess run saved a private key in Parameter Store (${resetParameter}): you may not need a recovery — retrieve it first.`,
      );
      expect(JSON.stringify(result)).not.toContain(secret);
      expect(JSON.stringify(result)).not.toContain('AQICAH');
    } finally {
      for (const name of [keyPairParameter, resetParameter])
        await ssm.send(new DeleteParameterCommand({ Name: name }));
    }
  });
});

describe('preflight refuses bad input and bad credentials', () => {
  it('an instance that does not exist is a blocker, every path not possible', async () => {
    const result = await preflight('i-0123456789abcdef0');
    expect(findingOf(result, 'instance.state')).toMatchObject({
      status: 'blocker',
      code: 'instanceNotFound',
      message: 'Instance i-0123456789abcdef0 does not exist in us-east-1. Check the id and the region.',
    });
    expect(result.plan.map((p) => p.reasons[0]?.code)).toEqual(Array(5).fill('instanceMissing'));
  });

  it('says which input is wrong', async () => {
    await expect(preflight('web-1')).rejects.toMatchObject({ code: 'recovery.instanceIdInvalid' });
    await expect(preflight('legacy-app', { egressAddress: 'my-laptop' })).rejects.toMatchObject({
      code: 'recovery.egressAddressInvalid',
    });
    await expect(preflight('legacy-app', { user: 'root; rm -rf /' })).rejects.toMatchObject({
      code: 'recovery.userInvalid',
    });
  });

  it('stops with the credentials error when STS rejects the caller', async () => {
    const wrong = {
      ...account,
      credentials: async () => ({ accessKeyId: 'AKIAWRONG', secretAccessKey: 'wrong' }),
    };
    await expect(
      runPreflight(wrong, { instanceId: ids['legacy-app'] ?? '', region: 'us-east-1' }),
    ).rejects.toMatchObject({ code: 'aws.credentialsInvalid' });
  });
});
