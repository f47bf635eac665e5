import {
  DescribeInstanceTypesCommand,
  DescribeInstancesCommand,
  DescribeSpotInstanceRequestsCommand,
  DescribeVolumesCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
  type Instance,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectContractTarget,
  errorOf,
  findImageId,
  type ContractTarget,
} from './test-support/contract-target';

// What a stop would do, as EC2 reports it: instance store of a type, Spot request types (only a
// persistent request's instance stops), hibernation, the KMS key of encrypted volumes.
let target: ContractTarget;
let imageId: string;
const launched: string[] = [];
const wait = { maxWaitTime: 120, minDelay: 1 };

async function launch(extra: Partial<RunInstancesCommandInput> = {}): Promise<Instance> {
  const { Instances } = await target.ec2.send(
    new RunInstancesCommand({
      ImageId: imageId,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      ...extra,
    }),
  );
  const id = Instances?.[0]?.InstanceId ?? '';
  launched.push(id);
  await waitUntilInstanceRunning({ client: target.ec2, ...wait }, { InstanceIds: [id] });
  const { Reservations } = await target.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return Reservations?.[0]?.Instances?.[0] ?? {};
}

beforeAll(async () => {
  target = await connectContractTarget();
  imageId = await findImageId(target.ec2, 'al2023-ami-2023*');
});
afterAll(async () => {
  if (launched.length)
    await target.ec2.send(new TerminateInstancesCommand({ InstanceIds: launched })).catch(() => undefined);
  await target.close();
});

describe('DescribeInstanceTypes', () => {
  it('reports instance store volumes of a type, none for EBS-only types, and refuses unknown types', async () => {
    const { InstanceTypes } = await target.ec2.send(
      new DescribeInstanceTypesCommand({ InstanceTypes: ['m5d.large', 't3.micro'] }),
    );
    const byName = Object.fromEntries((InstanceTypes ?? []).map((info) => [info.InstanceType, info]));
    expect(byName['m5d.large']?.InstanceStorageSupported).toBe(true);
    expect(byName['m5d.large']?.InstanceStorageInfo?.TotalSizeInGB).toBe(75);
    expect(byName['m5d.large']?.InstanceStorageInfo?.Disks).toEqual([
      { Count: 1, SizeInGB: 75, Type: 'ssd' },
    ]);
    expect(byName['t3.micro']?.InstanceStorageSupported).toBe(false);
    expect(byName['t3.micro']?.InstanceStorageInfo).toBeUndefined();
    const error = await errorOf(() =>
      target.ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['t3.nonexistent' as 't3.micro'] })),
    );
    expect(error.name).toBe('InvalidInstanceType');
  });
});

describe('Spot requests', () => {
  it('a one-time request cannot stop; a persistent request can, and DescribeSpotInstanceRequests says which', async () => {
    const once = await launch({ InstanceMarketOptions: { MarketType: 'spot' } });
    const kept = await launch({
      InstanceMarketOptions: {
        MarketType: 'spot',
        SpotOptions: { SpotInstanceType: 'persistent', InstanceInterruptionBehavior: 'stop' },
      },
    });
    expect(once.InstanceLifecycle).toBe('spot');
    expect(once.SpotInstanceRequestId).toMatch(/^sir-/);
    const { SpotInstanceRequests } = await target.ec2.send(
      new DescribeSpotInstanceRequestsCommand({
        SpotInstanceRequestIds: [once.SpotInstanceRequestId ?? '', kept.SpotInstanceRequestId ?? ''],
      }),
    );
    expect(SpotInstanceRequests?.map((request) => [request.Type, request.InstanceId])).toEqual([
      ['one-time', once.InstanceId],
      ['persistent', kept.InstanceId],
    ]);
    const refused = await errorOf(() =>
      target.ec2.send(new StopInstancesCommand({ InstanceIds: [once.InstanceId ?? ''] })),
    );
    expect(refused.name).toBe('UnsupportedOperation');
    await target.ec2.send(new StopInstancesCommand({ InstanceIds: [kept.InstanceId ?? ''] }));
    await waitUntilInstanceStopped({ client: target.ec2, ...wait }, { InstanceIds: [kept.InstanceId ?? ''] });
    const missing = await errorOf(() =>
      target.ec2.send(new DescribeSpotInstanceRequestsCommand({ SpotInstanceRequestIds: ['sir-00000000'] })),
    );
    expect(missing.name).toBe('InvalidSpotInstanceRequestID.NotFound');
  });
});

describe('hibernation and encryption', () => {
  it('a hibernated stop says so in StateReason until the next start; encrypted volumes name their key', async () => {
    const keyArn = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const instance = await launch({
      HibernationOptions: { Configured: true },
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, KmsKeyId: keyArn } }],
    });
    const id = instance.InstanceId ?? '';
    expect(instance.HibernationOptions).toEqual({ Configured: true });
    const rootId = instance.BlockDeviceMappings?.[0]?.Ebs?.VolumeId ?? '';
    const { Volumes } = await target.ec2.send(new DescribeVolumesCommand({ VolumeIds: [rootId] }));
    expect([Volumes?.[0]?.Encrypted, Volumes?.[0]?.KmsKeyId]).toEqual([true, keyArn]);

    await target.ec2.send(new StopInstancesCommand({ InstanceIds: [id], Hibernate: true }));
    await waitUntilInstanceStopped({ client: target.ec2, ...wait }, { InstanceIds: [id] });
    const reasonOf = async () => {
      const { Reservations } = await target.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
      return Reservations?.[0]?.Instances?.[0]?.StateReason?.Code;
    };
    expect(await reasonOf()).toBe('Client.UserInitiatedHibernate');
    await target.ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    await waitUntilInstanceRunning({ client: target.ec2, ...wait }, { InstanceIds: [id] });
    expect(await reasonOf()).toBeUndefined();

    // Without hibernation enabled at launch, Hibernate is a normal stop.
    const plain = await launch();
    await target.ec2.send(
      new StopInstancesCommand({ InstanceIds: [plain.InstanceId ?? ''], Hibernate: true }),
    );
    await waitUntilInstanceStopped(
      { client: target.ec2, ...wait },
      { InstanceIds: [plain.InstanceId ?? ''] },
    );
    const { Reservations } = await target.ec2.send(
      new DescribeInstancesCommand({ InstanceIds: [plain.InstanceId ?? ''] }),
    );
    expect(Reservations?.[0]?.Instances?.[0]?.StateReason?.Code).toBe('Client.UserInitiatedShutdown');
  });
});
