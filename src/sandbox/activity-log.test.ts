import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  EC2Client,
  RunInstancesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startSandbox, timingsBySpeed, type RunningSandbox } from './index';

// The activity log the recovery benchmark measures by: every request with its answer's status, and
// every timed transition from its start to its due time (a manual clock: the boot's own work takes
// no sandbox time here). Timings of its own (a 7 s stop) instead of a named speed.
const clock = new ManualClock(Date.UTC(2026, 5, 1));
let sandbox: RunningSandbox;
let ec2: EC2Client;

beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 'empty',
    timings: { ...timingsBySpeed.realistic, stoppingMs: 7000 },
    clock,
  });
  ec2 = new EC2Client({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
    maxAttempts: 1,
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

describe('sandbox activity log', () => {
  it('logs each request with its status and each transition from its start to its due time', async () => {
    const { Images } = await ec2.send(
      new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: ['debian-12-*'] }] }),
    );
    const launchedAt = clock.now();
    const run = await ec2.send(
      new RunInstancesCommand({
        ImageId: Images?.[0]?.ImageId,
        MinCount: 1,
        MaxCount: 1,
        InstanceType: 't3.micro',
      }),
    );
    const id = run.Instances?.[0]?.InstanceId ?? '';
    clock.advance(4000);
    expect(await stateOf(id)).toBe('running');
    clock.advance(500);
    const stoppedAt = clock.now();
    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    clock.advance(7000);
    expect(await stateOf(id)).toBe('stopped');
    await expect(
      ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0000000000000000f'] })),
    ).rejects.toThrow();
    expect((await fetch(`${sandbox.endpoint}/checkip`)).status).toBe(200);

    const { activity } = sandbox.control;
    expect(activity.transitions).toEqual([
      {
        kind: 'instance',
        resourceId: id,
        change: 'pending→running',
        startedAt: launchedAt,
        endedAt: launchedAt + 4000,
      },
      {
        kind: 'instance',
        resourceId: id,
        change: 'stopping→stopped',
        startedAt: stoppedAt,
        endedAt: stoppedAt + 7000,
      },
    ]);
    // A status is filled in once its answer is sent, which may be just after the client has read it.
    await expect
      .poll(() =>
        activity.requests.map((entry) => `${entry.service} ${entry.action} ${String(entry.status)}`),
      )
      .toEqual([
        'ec2 DescribeImages 200',
        'ec2 RunInstances 200',
        'ec2 DescribeInstances 200',
        'ec2 StopInstances 200',
        'ec2 DescribeInstances 200',
        'ec2 DescribeInstances 400',
        'checkip GET 200',
      ]);
    expect(activity.requests.map((entry) => entry.at)).toEqual([
      launchedAt,
      launchedAt,
      launchedAt + 4000,
      stoppedAt,
      stoppedAt + 7000,
      stoppedAt + 7000,
      stoppedAt + 7000,
    ]);
  });
});
