import {
  AttachVolumeCommand,
  CreateSnapshotCommand,
  CreateVolumeCommand,
  DeleteSnapshotCommand,
  DeleteVolumeCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  DetachVolumeCommand,
  ModifyInstanceAttributeCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
  paginateDescribeVolumes,
  waitUntilInstanceRunning,
  waitUntilSnapshotCompleted,
  waitUntilVolumeAvailable,
  waitUntilVolumeInUse,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectContractTarget,
  errorOf,
  findImageId,
  type ContractTarget,
} from './test-support/contract-target';

let target: ContractTarget;
let instanceId: string;
let zone: string;
const created: { volumes: string[]; snapshots: string[] } = { volumes: [], snapshots: [] };

beforeAll(async () => {
  target = await connectContractTarget();
  const imageId = await findImageId(target.ec2, 'al2023-ami-2023*');
  const run = await target.ec2.send(
    new RunInstancesCommand({ ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }),
  );
  instanceId = run.Instances?.[0]?.InstanceId ?? '';
  zone = run.Instances?.[0]?.Placement?.AvailabilityZone ?? '';
  await waitUntilInstanceRunning(
    { client: target.ec2, maxWaitTime: 120, minDelay: 1 },
    { InstanceIds: [instanceId] },
  );
});

afterAll(async () => {
  await target.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] })).catch(() => undefined);
  for (const id of created.snapshots)
    await target.ec2.send(new DeleteSnapshotCommand({ SnapshotId: id })).catch(() => undefined);
  for (const id of created.volumes)
    await target.ec2.send(new DeleteVolumeCommand({ VolumeId: id })).catch(() => undefined);
  await target.close();
});

async function rootVolumeId(): Promise<string> {
  const { Volumes } = await target.ec2.send(
    new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [instanceId] }] }),
  );
  return Volumes?.[0]?.VolumeId ?? '';
}

describe('volumes', () => {
  it('root volume is in-use, attached at the root device, delete-on-termination changeable', async () => {
    const { Volumes } = await target.ec2.send(
      new DescribeVolumesCommand({ VolumeIds: [await rootVolumeId()] }),
    );
    const volume = Volumes?.[0];
    expect(volume?.State).toBe('in-use');
    expect(volume?.Attachments?.[0]).toMatchObject({
      InstanceId: instanceId,
      Device: '/dev/xvda',
      State: 'attached',
      DeleteOnTermination: true,
    });
    await target.ec2.send(
      new ModifyInstanceAttributeCommand({
        InstanceId: instanceId,
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { DeleteOnTermination: false } }],
      }),
    );
    const { Reservations } = await target.ec2.send(
      new DescribeInstancesCommand({ InstanceIds: [instanceId] }),
    );
    expect(Reservations?.[0]?.Instances?.[0]?.BlockDeviceMappings?.[0]?.Ebs?.DeleteOnTermination).toBe(false);
    const inUse = await errorOf(() =>
      target.ec2.send(new DeleteVolumeCommand({ VolumeId: volume?.VolumeId })),
    );
    expect(inUse.name).toBe('VolumeInUse');
  });

  it('attach/detach a data volume with waiters; zone, device and in-use checks', async () => {
    const data = await target.ec2.send(
      new CreateVolumeCommand({ AvailabilityZone: zone, Size: 1, VolumeType: 'gp3' }),
    );
    const volumeId = data.VolumeId ?? '';
    created.volumes.push(volumeId);
    await waitUntilVolumeAvailable(
      { client: target.ec2, maxWaitTime: 120, minDelay: 1 },
      { VolumeIds: [volumeId] },
    );
    const badDevice = await errorOf(() =>
      target.ec2.send(new AttachVolumeCommand({ VolumeId: volumeId, InstanceId: instanceId, Device: 'sdf' })),
    );
    expect(badDevice.name).toBe('InvalidParameterValue');
    const attached = await target.ec2.send(
      new AttachVolumeCommand({ VolumeId: volumeId, InstanceId: instanceId, Device: '/dev/sdf' }),
    );
    expect(attached.State).toBe('attaching');
    await waitUntilVolumeInUse(
      { client: target.ec2, maxWaitTime: 120, minDelay: 1 },
      { VolumeIds: [volumeId] },
    );
    const again = await errorOf(() =>
      target.ec2.send(
        new AttachVolumeCommand({ VolumeId: volumeId, InstanceId: instanceId, Device: '/dev/sdg' }),
      ),
    );
    expect(again.name).toBe('VolumeInUse');
    const detached = await target.ec2.send(new DetachVolumeCommand({ VolumeId: volumeId }));
    expect(detached.State).toBe('detaching');
    await waitUntilVolumeAvailable(
      { client: target.ec2, maxWaitTime: 120, minDelay: 1 },
      { VolumeIds: [volumeId] },
    );
    const notAttached = await errorOf(() => target.ec2.send(new DetachVolumeCommand({ VolumeId: volumeId })));
    expect(notAttached.name).toBe('IncorrectState');

    const otherZone = zone.endsWith('a') ? `${zone.slice(0, -1)}b` : `${zone.slice(0, -1)}a`;
    const far = await target.ec2.send(new CreateVolumeCommand({ AvailabilityZone: otherZone, Size: 1 }));
    created.volumes.push(far.VolumeId ?? '');
    await waitUntilVolumeAvailable(
      { client: target.ec2, maxWaitTime: 120, minDelay: 1 },
      { VolumeIds: [far.VolumeId ?? ''] },
    );
    const mismatch = await errorOf(() =>
      target.ec2.send(
        new AttachVolumeCommand({ VolumeId: far.VolumeId, InstanceId: instanceId, Device: '/dev/sdh' }),
      ),
    );
    expect(mismatch.name).toBe('InvalidVolume.ZoneMismatch');
    const missing = await errorOf(() =>
      target.ec2.send(new DescribeVolumesCommand({ VolumeIds: ['vol-0123456789abcdef0'] })),
    );
    expect(missing.name).toBe('InvalidVolume.NotFound');
  });

  it('paginateDescribeVolumes returns every volume once', async () => {
    const ids: string[] = [];
    for await (const page of paginateDescribeVolumes({ client: target.ec2, pageSize: 5 }, {}))
      ids.push(...(page.Volumes ?? []).map((v) => v.VolumeId ?? ''));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of created.volumes) expect(ids).toContain(id);
  });
});

describe('snapshots', () => {
  it('CreateSnapshot starts at 0%, the waiter sees completed at 100%, DescribeSnapshots self, delete', async () => {
    const volumeId = await rootVolumeId();
    const snapshot = await target.ec2.send(
      new CreateSnapshotCommand({ VolumeId: volumeId, Description: 'contract safety snapshot' }),
    );
    const snapshotId = snapshot.SnapshotId ?? '';
    created.snapshots.push(snapshotId);
    expect(snapshot.State).toBe('pending');
    expect(snapshot.Progress).toBe('0%');
    expect(snapshot.VolumeId).toBe(volumeId);
    await waitUntilSnapshotCompleted(
      { client: target.ec2, maxWaitTime: 600, minDelay: 1 },
      { SnapshotIds: [snapshotId] },
    );
    const { Snapshots } = await target.ec2.send(
      new DescribeSnapshotsCommand({
        OwnerIds: ['self'],
        Filters: [{ Name: 'volume-id', Values: [volumeId] }],
      }),
    );
    expect(Snapshots?.map((s) => s.SnapshotId)).toContain(snapshotId);
    const done = Snapshots?.find((s) => s.SnapshotId === snapshotId);
    expect(done?.State).toBe('completed');
    expect(done?.Progress).toBe('100%');
    expect(done?.Description).toBe('contract safety snapshot');
    const restored = await target.ec2.send(
      new CreateVolumeCommand({ AvailabilityZone: zone, SnapshotId: snapshotId }),
    );
    created.volumes.push(restored.VolumeId ?? '');
    expect(restored.SnapshotId).toBe(snapshotId);
    await waitUntilVolumeAvailable(
      { client: target.ec2, maxWaitTime: 120, minDelay: 1 },
      { VolumeIds: [restored.VolumeId ?? ''] },
    );
    await target.ec2.send(new DeleteVolumeCommand({ VolumeId: restored.VolumeId }));
    await target.ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId }));
    const gone = await errorOf(() =>
      target.ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] })),
    );
    expect(gone.name).toBe('InvalidSnapshot.NotFound');
  });
});
