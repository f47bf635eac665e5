import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EC2Client,
  ModifyInstanceAttributeCommand,
  RunInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanReasonCode } from '../../ipc/contracts/recovery';
import { planReasonTexts } from '../../recovery/preflight/finding-texts';
import { startSandbox, type LaunchTraits, type RunningSandbox } from '../../sandbox';
import { findImageId } from '../../sandbox/test-support/contract-target';
import { cliOnPractice } from '../test-support/run-cli-captured';

// Refusals of the stop paths (issue 11, Tests): `keyrescue recover --via userdata|ebs --yes` on instances
// made here for this test only (practice sandbox, real SDK over HTTP) — an instance-store root, a
// hibernated instance, an Auto Scaling member without Standby, stop protection on, Windows. Each
// is explained (the preflight finding that says why and what to do), refused before anything runs
// (a Marketplace root refuses the rescue volume too),
// and leaves the instance, its volumes and the journals exactly as they were.
let sandbox: RunningSandbox;
let ec2: EC2Client;
let root: string;
let home: string;
let linuxImage: string;
const ids: Record<string, string> = {};

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
  ids[name] = id;
  if (traits) sandbox.control.applyLaunchTraits(id, traits);
  await waitUntilInstanceRunning({ client: ec2, maxWaitTime: 60, minDelay: 1 }, { InstanceIds: [id] });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'keyrescue-cli-recover-refusals-'));
  home = join(root, 'home');
  await mkdir(join(home, '.ssh'), { recursive: true });
  sandbox = await startSandbox({ seed: 'empty' });
  ec2 = new EC2Client({
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
  });
  linuxImage = await findImageId(ec2, 'al2023-ami-2023*');
  const windowsImage = await findImageId(ec2, 'Windows_Server-2022-English-Full-Base*');
  await Promise.all([
    launch('instance-store-root', {}, { rootDeviceType: 'instance-store' }),
    launch('hibernated', {
      HibernationOptions: { Configured: true },
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true } }],
    }),
    launch('auto-scaling', {}, { autoScalingGroup: 'web-asg' }),
    launch('stop-protected', { DisableApiStop: true }),
    launch('windows', { ImageId: windowsImage }),
    launch('marketplace', {}, { productCodes: ['prod-4ol2jq9ct6dxjg2n2hv07xqrn'] }),
    launch('rescue'),
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
  await ec2.send(new TerminateInstancesCommand({ InstanceIds: Object.values(ids) })).catch(() => undefined);
  ec2.destroy();
  await sandbox.stop();
  await rm(root, { recursive: true, force: true });
});

const cli = cliOnPractice(() => ({ root, home, sandbox }));

/** Everything the sandbox holds about one instance: itself, its volumes, their snapshots, key pairs. */
function stateOf(instanceId: string): string {
  const rs = sandbox.control.state.regions['us-east-1'];
  const volumes = rs?.volumes.filter((volume) => volume.attachment?.instanceId === instanceId) ?? [];
  const instance = rs?.instances.find((entry) => entry.instanceId === instanceId);
  return JSON.stringify({
    instance: instance && { ...instance, stateSince: undefined },
    volumes,
    snapshots: rs?.snapshots.length,
    keyPairs: rs?.keyPairs.map((pair) => pair.keyName),
    groups: rs?.securityGroups,
  });
}

const refusals: [string, string, string][] = [
  [
    'instance-store-root',
    'instanceStoreRoot',
    'The root device is instance store: the instance cannot be stopped without losing its disk, so only the no-downtime paths work.',
  ],
  [
    'hibernated',
    'hibernated',
    'The instance is hibernated: start (resume) it first; its disk must not be edited while hibernated.',
  ],
  [
    'auto-scaling',
    'autoScalingNoStandby',
    'put it in Standby first (aws autoscaling enter-standby --auto-scaling-group-name web-asg --instance-ids',
  ],
  ['stop-protected', 'stopProtectionOn', 'Stop protection is on, and KeyRescue never turns it off.'],
  [
    'windows',
    'windowsUnsupported',
    'The instance runs Windows. Windows uses a password, not authorized_keys; KeyRescue does not recover Windows instances yet.',
  ],
];
const cases: [string, string, string, string][] = [
  ...refusals.map(([name, code, text]): [string, string, string, string] => [name, 'userdata', code, text]),
  ...refusals.map(([name, code, text]): [string, string, string, string] => [name, 'ebs', code, text]),
  [
    'marketplace',
    'ebs',
    'marketplaceRoot',
    'The instance was launched from AWS Marketplace product prod-4ol2jq9ct6dxjg2n2hv07xqrn: its root volume cannot be attached to another instance as a second disk, so the rescue-volume path cannot be used.',
  ],
];

describe('keyrescue recover --via userdata|ebs refuses, explains and changes nothing', () => {
  it.each(cases)('%s --via %s', async (name, via, reasonCode, explanation) => {
    const instanceId = ids[name] ?? '';
    const before = stateOf(instanceId);
    const rescueBefore = stateOf(ids.rescue ?? '');
    const keyPath = join(home, '.ssh', `${name}-${via}-key`);
    const result = await cli([
      ...['recover', instanceId, '--via', via, '--user', 'ec2-user', '--generate', '-o', keyPath],
      ...['--accept-new-host-key', '--yes', '--egress-address', '203.0.113.7'],
      ...(via === 'ebs' ? ['--rescue-instance', ids.rescue ?? ''] : []),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(explanation);
    const refusal = result.stderr
      .split('\n')
      .find((line) => line.startsWith('keyrescue recover: Preflight says'));
    expect(refusal).toContain(`Preflight says this path cannot recover ${instanceId} (${reasonCode}`);
    // The refusal itself says why in the plan's words (up to the first parameter).
    expect(refusal).toContain(planReasonTexts[reasonCode as PlanReasonCode].split('{{')[0]);
    expect(result.stderr).toContain('nothing was changed.');
    expect(stateOf(instanceId)).toBe(before);
    expect(stateOf(ids.rescue ?? '')).toBe(rescueBefore);
    expect(existsSync(keyPath)).toBe(false);
    expect(existsSync(join(root, 'user-data', 'journals'))).toBe(false);
  });
});
