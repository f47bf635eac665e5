import {
  CreateSnapshotCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  RunInstancesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startSandbox, type RunningSandbox } from './index';

// `realistic` speed with a manual clock: the transitions take seconds of sandbox time, and the test
// moves that time by hand instead of waiting.
const clock = new ManualClock(Date.UTC(2026, 5, 1));
let sandbox: RunningSandbox;
let ec2: EC2Client;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'empty', speed: 'realistic', clock });
  ec2 = new EC2Client({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
  });
});

afterAll(async () => {
  ec2.destroy();
  await sandbox.stop();
});

async function stateOf(id: string): Promise<string | undefined> {
  const { Reservations } = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return Reservations?.[0]?.Instances?.[0]?.State?.Name;
}

describe('realistic timings', () => {
  it('pending → running, stopping → stopped and snapshot progress follow the clock', async () => {
    const { Images } = await ec2.send(
      new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: ['debian-12-*'] }] }),
    );
    const run = await ec2.send(
      new RunInstancesCommand({
        ImageId: Images?.[0]?.ImageId,
        MinCount: 1,
        MaxCount: 1,
        InstanceType: 't2.micro',
      }),
    );
    const id = run.Instances?.[0]?.InstanceId ?? '';
    expect(await stateOf(id)).toBe('pending');
    clock.advance(3_999);
    expect(await stateOf(id)).toBe('pending');
    clock.advance(1);
    expect(await stateOf(id)).toBe('running');

    const { Reservations } = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    const volumeId = Reservations?.[0]?.Instances?.[0]?.BlockDeviceMappings?.[0]?.Ebs?.VolumeId;
    const snapshot = await ec2.send(new CreateSnapshotCommand({ VolumeId: volumeId }));
    clock.advance(3_000);
    const half = await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshot.SnapshotId ?? ''] }));
    expect([half.Snapshots?.[0]?.State, half.Snapshots?.[0]?.Progress]).toEqual(['pending', '50%']);
    clock.advance(3_000);
    const done = await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshot.SnapshotId ?? ''] }));
    expect([done.Snapshots?.[0]?.State, done.Snapshots?.[0]?.Progress]).toEqual(['completed', '100%']);

    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    clock.advance(4_999);
    expect(await stateOf(id)).toBe('stopping');
    clock.advance(1);
    expect(await stateOf(id)).toBe('stopped');
    const stopped = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    // A stop releases the auto-assigned public IPv4 address.
    expect(stopped.Reservations?.[0]?.Instances?.[0]?.PublicIpAddress).toBeUndefined();
    expect(stopped.Reservations?.[0]?.Instances?.[0]?.StateReason?.Code).toBe('Client.UserInitiatedShutdown');
  });
});
