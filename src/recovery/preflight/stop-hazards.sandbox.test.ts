import {
  EC2Client,
  RunInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  ModifyInstanceAttributeCommand,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedAccount } from '../../aws/account-types';
import type { PathAssessment } from '../../ipc/contracts/recovery';
import { startSandbox, type LaunchTraits, type RunningSandbox } from '../../sandbox';
import { findImageId } from '../../sandbox/test-support/contract-target';
import { fillTemplate, planReasonTexts } from './finding-texts';
import { runPreflight, type PreflightResult } from './preflight';

// Stop hazards and refusals found by preflight on the practice sandbox (real SDK over HTTP). Each
// instance is made here, for this test only, with the one property under test (RunInstances
// options; what the sandbox cannot launch — an instance-store AMI, a Marketplace AMI, an Auto
// Scaling group — through its launch-traits fixture).
let sandbox: RunningSandbox;
let account: ResolvedAccount;
let ec2: EC2Client;
let linuxImage: string;
const launched: string[] = [];
const ids: Record<string, string> = {};
const keyArn = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

async function launch(name: string, extra: Partial<RunInstancesCommandInput> = {}, traits?: LaunchTraits) {
  const { Instances } = await ec2.send(
    new RunInstancesCommand({
      ImageId: linuxImage,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }] }],
      ...extra,
    }),
  );
  const id = Instances?.[0]?.InstanceId ?? '';
  launched.push(id);
  ids[name] = id;
  if (traits) sandbox.control.applyLaunchTraits(id, traits);
  await waitUntilInstanceRunning({ client: ec2, maxWaitTime: 60, minDelay: 1 }, { InstanceIds: [id] });
  return id;
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'empty' });
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
  ec2 = new EC2Client({ region: sandbox.region, endpoint: sandbox.endpoint, credentials });
  linuxImage = await findImageId(ec2, 'al2023-ami-2023*');
  const encryptedRoot = { DeviceName: '/dev/xvda', Ebs: { Encrypted: true, KmsKeyId: keyArn } };
  await Promise.all([
    launch('plain'),
    launch('instance-store-data', { InstanceType: 'm5d.large' }),
    launch('spot-one-time', { InstanceMarketOptions: { MarketType: 'spot' } }),
    launch('spot-persistent', {
      InstanceMarketOptions: {
        MarketType: 'spot',
        SpotOptions: { SpotInstanceType: 'persistent', InstanceInterruptionBehavior: 'stop' },
      },
    }),
    launch('encrypted', {
      BlockDeviceMappings: [
        encryptedRoot,
        { DeviceName: '/dev/sdf', Ebs: { VolumeSize: 4, Encrypted: true } },
      ],
    }),
    launch('marketplace', {}, { productCodes: ['prod-4ol2jq9ct6dxjg2n2hv07xqrn'] }),
    launch('auto-scaling', {}, { autoScalingGroup: 'web-asg' }),
    launch('stop-protected', { DisableApiStop: true }),
    launch('instance-store-root', {}, { rootDeviceType: 'instance-store' }),
    launch('windows', { ImageId: await findImageId(ec2, 'Windows_Server-2022-English-Full-Base*') }),
    launch('hibernated', { HibernationOptions: { Configured: true }, BlockDeviceMappings: [encryptedRoot] }),
  ]);
  await ec2.send(new StopInstancesCommand({ InstanceIds: [ids.hibernated ?? ''], Hibernate: true }));
  await waitUntilInstanceStopped(
    { client: ec2, maxWaitTime: 60, minDelay: 1 },
    { InstanceIds: [ids.hibernated ?? ''] },
  );
}, 120_000);

afterAll(async () => {
  await ec2
    .send(
      new ModifyInstanceAttributeCommand({
        InstanceId: ids['stop-protected'],
        DisableApiStop: { Value: false },
      }),
    )
    .catch(() => undefined);
  await ec2.send(new TerminateInstancesCommand({ InstanceIds: launched })).catch(() => undefined);
  ec2.destroy();
  await sandbox.stop();
});

const preflight = (name: string) =>
  runPreflight(account, { instanceId: ids[name] ?? name, region: 'us-east-1', egressAddress: '203.0.113.7' });
const stopPaths = (result: PreflightResult) => result.plan.filter((path) => path.downtime);
const findingOf = (result: PreflightResult, id: string) => {
  const entry = result.findings.find((f) => f.id === id);
  return entry && { status: entry.status, code: entry.code, params: entry.params, message: entry.message };
};
const hazardCodes = (path: PathAssessment | undefined) => path?.hazards.map((hazard) => hazard.code);
const english = (reason: { code: keyof typeof planReasonTexts; params: Record<string, string> }) =>
  fillTemplate(planReasonTexts[reason.code], reason.params);

describe('stop hazards in preflight', () => {
  it('a plain on-demand instance: downtime and the old public address, nothing else', async () => {
    const result = await preflight('plain');
    expect(findingOf(result, 'instance.instanceStore')).toMatchObject({
      status: 'ok',
      code: 'instanceStoreNone',
    });
    expect(findingOf(result, 'instance.volumes')).toMatchObject({ status: 'ok', code: 'volumesUnencrypted' });
    const oldAddress = result.facts.instance?.publicIp ?? '';
    expect(oldAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    for (const path of stopPaths(result)) {
      expect(path.verdict).not.toBe('notPossible');
      expect(path.uncertainties).toEqual([]);
      expect(path.hazards).toEqual([
        { code: 'hazardDowntime', params: {} },
        { code: 'hazardPublicIpChanges', params: { publicIp: oldAddress } },
      ]);
      expect(english(path.hazards[1] ?? { code: 'hazardDowntime', params: {} })).toBe(
        `The public address ${oldAddress} is not an Elastic IP and changes: KeyRescue connects to the new address afterwards, and the ~/.ssh/config entry follows the new one.`,
      );
    }
  });

  it('instance store data volumes of the type (DescribeInstanceTypes) are erased at a stop', async () => {
    const result = await preflight('instance-store-data');
    expect(findingOf(result, 'instance.instanceStore')).toEqual({
      status: 'warning',
      code: 'instanceStoreData',
      params: { instanceType: 'm5d.large', count: '1', sizeGb: '75' },
      message:
        'The instance type m5d.large has 1 instance store volume(s), 75 GB in all: everything on them is erased when the instance stops.',
    });
    for (const path of stopPaths(result))
      expect(path.hazards).toContainEqual({
        code: 'hazardInstanceStoreData',
        params: { count: '1', sizeGb: '75' },
      });
  });

  it('Spot: a one-time request refuses both stop paths, a persistent one is a hazard', async () => {
    const once = await preflight('spot-one-time');
    expect(findingOf(once, 'instance.spotRequest')).toMatchObject({
      status: 'warning',
      code: 'spotOneTime',
      params: { requestId: expect.stringMatching(/^sir-/) },
    });
    for (const path of stopPaths(once)) {
      expect(path.verdict).toBe('notPossible');
      expect(path.reasons).toEqual([{ code: 'spotOneTime', params: {} }]);
    }
    const kept = await preflight('spot-persistent');
    expect(findingOf(kept, 'instance.spotRequest')?.code).toBe('spotPersistent');
    for (const path of stopPaths(kept)) {
      expect(path.verdict).not.toBe('notPossible');
      expect(hazardCodes(path)?.[0]).toBe('hazardSpotPersistent');
    }
  });

  it('a Spot request, instance type or volumes that may not be read are unknown, never guessed', async () => {
    sandbox.control.deny([
      'ec2:DescribeSpotInstanceRequests',
      'ec2:DescribeInstanceTypes',
      'ec2:DescribeVolumes',
    ]);
    try {
      const result = await preflight('spot-one-time');
      for (const [id, operation] of [
        ['instance.spotRequest', 'DescribeSpotInstanceRequests'],
        ['instance.instanceStore', 'DescribeInstanceTypes'],
        ['instance.volumes', 'DescribeVolumes'],
      ])
        expect(findingOf(result, id ?? '')).toMatchObject({
          status: 'unknown',
          code: 'checkDenied',
          params: { operation },
        });
      for (const path of stopPaths(result)) {
        expect(path.verdict).not.toBe('notPossible');
        expect(path.uncertainties.map((entry) => entry.code)).toEqual([
          'spotRequestUnknown',
          'instanceStoreUnknown',
          'volumesUnknown',
        ]);
        expect(hazardCodes(path)?.[0]).toBe('hazardSpot');
      }
    } finally {
      sandbox.control.allow([...sandbox.control.state.deniedActions]);
    }
  });

  it('encrypted volumes name their KMS keys and the permissions each stop path needs', async () => {
    const result = await preflight('encrypted');
    const keys = `${keyArn}, arn:aws:kms:us-east-1:111122223333:key/0ebs0000-aaaa-4bbb-8ccc-111122223333`;
    expect(findingOf(result, 'instance.volumes')).toMatchObject({
      status: 'warning',
      code: 'volumesEncrypted',
      params: { volumes: result.facts.instance?.ebsVolumeIds.join(', '), keys },
    });
    expect(result.facts.encryptedVolumes?.map((volume) => volume.root)).toEqual([true, false]);
    const [userData, rescue] = stopPaths(result);
    expect(userData?.hazards).toContainEqual({ code: 'hazardEncryptedStart', params: { keys } });
    expect(rescue?.hazards).toContainEqual({ code: 'hazardEncryptedRescue', params: { keys } });
    expect(english({ code: 'hazardEncryptedRescue', params: { keys } })).toContain(
      'kms:CreateGrant, kms:Decrypt, kms:DescribeKey',
    );
  });

  it('a Marketplace root refuses the rescue volume and says why; user data stays possible', async () => {
    const result = await preflight('marketplace');
    expect(findingOf(result, 'instance.marketplace')).toMatchObject({
      status: 'warning',
      code: 'marketplaceRoot',
      params: { productCodes: 'prod-4ol2jq9ct6dxjg2n2hv07xqrn' },
    });
    const [userData, rescue] = stopPaths(result);
    expect(userData?.verdict).not.toBe('notPossible');
    expect(rescue?.verdict).toBe('notPossible');
    expect(rescue?.reasons).toEqual([
      { code: 'marketplaceRoot', params: { productCodes: 'prod-4ol2jq9ct6dxjg2n2hv07xqrn' } },
    ]);
  });
});

/** Everything the sandbox holds about one instance: itself, its volumes, snapshots of them. */
function stateOf(instanceId: string) {
  const rs = sandbox.control.state.regions['us-east-1'];
  const volumes = rs?.volumes.filter((volume) => volume.attachment?.instanceId === instanceId) ?? [];
  return JSON.stringify({
    instance: rs?.instances.find((instance) => instance.instanceId === instanceId),
    volumes,
    snapshots: rs?.snapshots.filter((snapshot) => volumes.some((v) => v.volumeId === snapshot.volumeId)),
    deniedActions: sandbox.control.state.deniedActions,
  });
}

describe('refusals: explained, nothing changed', () => {
  const refusals: [string, string, string, string][] = [
    [
      'instance-store-root',
      'instance.rootDevice',
      'rootInstanceStore',
      'The root device is instance store: the instance cannot be stopped safely.',
    ],
    ['hibernated', 'instance.hibernation', 'instanceHibernated', 'The instance is hibernated.'],
    [
      'auto-scaling',
      'instance.autoScaling',
      'autoScalingMember',
      'Auto Scaling group web-asg would replace the stopped instance: put it in Standby (EnterStandby), check again, and exit Standby (ExitStandby) afterwards.',
    ],
    [
      'stop-protected',
      'instance.stopProtection',
      'stopProtectionOn',
      'Stop protection is on; KeyRescue never turns it off. Turn it off yourself, check again, and turn it back on afterwards.',
    ],
    ['windows', 'instance.platform', 'platformWindows', 'Windows instances are not supported yet.'],
  ];

  it.each(refusals)(
    '%s: both stop paths refused with the reason',
    async (name, findingId, code, reasonText) => {
      const before = stateOf(ids[name] ?? '');
      const result = await preflight(name);
      expect(findingOf(result, findingId)?.code).toBe(code);
      for (const path of stopPaths(result)) {
        expect(path.verdict).toBe('notPossible');
        expect(path.hazards).toEqual([]);
        expect(path.reasons.map(english)).toContain(reasonText);
      }
      expect(stateOf(ids[name] ?? '')).toBe(before);
    },
  );

  it('explains Standby with the commands to run, and stop protection without turning it off', async () => {
    const asg = await preflight('auto-scaling');
    expect(findingOf(asg, 'instance.autoScaling')?.message).toBe(
      `The instance belongs to Auto Scaling group web-asg: the group would replace a stopped member, so KeyRescue does not stop it. To use a stop path, put it in Standby first (aws autoscaling enter-standby --auto-scaling-group-name web-asg --instance-ids ${ids['auto-scaling']} --should-decrement-desired-capacity), check again, and run exit-standby afterwards.`,
    );
    const guarded = await preflight('stop-protected');
    expect(findingOf(guarded, 'instance.stopProtection')?.message).toContain('KeyRescue never turns it off');
    expect(
      sandbox.control.state.regions['us-east-1']?.instances.find(
        (i) => i.instanceId === ids['stop-protected'],
      )?.disableApiStop,
    ).toBe(true);
  });
});
