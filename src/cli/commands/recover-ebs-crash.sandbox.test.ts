import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
  RunInstancesCommand,
  type Instance,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { instanceNamed, sshEndpointOf } from '../../sandbox/test-support/demo-lookup';
import { bundleCli } from '../test-support/cli-child';
import { CrashHarness, type CrashCut, type CrashRound } from '../test-support/crash-harness';

// The rescue-volume path crashed for real: `keyrescue recover --via ebs` as a child process against
// the practice sandbox over HTTP (real SDK; the target's root volume goes to a rescue instance, SSM
// edits it there, and it comes back), SIGKILLed at each journal line. Then either `keyrescue journal
// rollback` puts the target back exactly as before (state, root volume on its device with its
// DeleteOnTermination, user data, sshd refusing the new key), or `journal resume` ends as an
// uninterrupted run does; either way no volume is left on the rescue or lying about. The sandbox
// (instant timings) is this process's and shared: rounds run three at a time, each on a lane of its
// own (legacy-app with ops-box, and two more such pairs launched in the same zone), so no round
// sees another's volume. SSH ports move with each start: logins go where the target's
// keyrescue:ssh-endpoint tag says now.
let sandbox: RunningSandbox;
let ec2: EC2Client;
let root: string;
let bundle: string;
let harness: CrashHarness;

interface Lane {
  target: string;
  rescue: string;
  /** What every rollback and resume must leave: target, rescue and their volumes as they were. */
  before: Awaited<ReturnType<typeof laneNow>>;
}
const lanes: Lane[] = [];
const freeLanes: Lane[] = [];
const laneWaiters: ((lane: Lane) => void)[] = [];
/** Every volume of the account before the first round: the last test finds exactly these. */
let volumesBefore: Awaited<ReturnType<typeof volumes>>;

async function instance(instanceId: string) {
  const answer = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  const found = answer.Reservations?.[0]?.Instances?.[0];
  if (!found) throw new Error(`no instance ${instanceId}`);
  return found;
}

async function placeOf(instanceId: string) {
  const found = await instance(instanceId);
  const mapping = found.BlockDeviceMappings?.find((entry) => entry.DeviceName === found.RootDeviceName);
  const userData = await ec2.send(
    new DescribeInstanceAttributeCommand({ InstanceId: instanceId, Attribute: 'userData' }),
  );
  return {
    state: found.State?.Name,
    device: found.RootDeviceName,
    volumeId: mapping?.Ebs?.VolumeId,
    deleteOnTermination: mapping?.Ebs?.DeleteOnTermination,
    devices: (found.BlockDeviceMappings ?? []).map((entry) => [entry.DeviceName, entry.Ebs?.VolumeId]),
    userData: userData.UserData?.Value ?? null,
  };
}

/** Volumes (all, or those attached to these instances): where each is attached, or that it is not. */
async function volumes(attachedTo?: string[]) {
  const answer = await ec2.send(
    new DescribeVolumesCommand(
      attachedTo ? { Filters: [{ Name: 'attachment.instance-id', Values: attachedTo }] } : {},
    ),
  );
  return (answer.Volumes ?? [])
    .map((volume) => ({
      volumeId: volume.VolumeId,
      state: volume.State,
      attachments: (volume.Attachments ?? []).map((a) => `${a.InstanceId} ${a.Device} ${a.State}`),
    }))
    .sort((a, b) => (a.volumeId ?? '').localeCompare(b.volumeId ?? ''));
}

async function laneNow(target: string, rescue: string) {
  const [targetPlace, rescuePlace, attached] = await Promise.all([
    placeOf(target),
    placeOf(rescue),
    volumes([target, rescue]),
  ]);
  return { target: targetPlace, rescue: rescuePlace, volumes: attached };
}

/** The lane's target, its rescue and every volume on either, as they were; the root volume at home. */
async function expectAsBefore(lane: Lane): Promise<void> {
  expect(await laneNow(lane.target, lane.rescue)).toEqual(lane.before);
  const [rootVolume] = await volumes().then((all) =>
    all.filter((volume) => volume.volumeId === lane.before.target.volumeId),
  );
  expect(rootVolume).toEqual({
    volumeId: lane.before.target.volumeId,
    state: 'in-use',
    attachments: [`${lane.target} ${lane.before.target.device} attached`],
  });
}

async function snapshotsOf(recoveryId: string): Promise<string[]> {
  const answer = await ec2.send(
    new DescribeSnapshotsCommand({
      OwnerIds: ['self'],
      Filters: [{ Name: 'tag:keyrescue:recovery', Values: [recoveryId] }],
    }),
  );
  return (answer.Snapshots ?? []).map((snapshot) => `${snapshot.VolumeId} ${snapshot.State}`);
}

async function sshPort(instanceId: string): Promise<string> {
  return (sshEndpointOf(await instance(instanceId)) ?? '').split(':')[1] ?? '';
}

/** A lane no other round uses until `release`. */
function takeLane(): Promise<Lane> {
  const free = freeLanes.pop();
  return free ? Promise.resolve(free) : new Promise((got) => laneWaiters.push(got));
}
function releaseLane(lane: Lane): void {
  const waiter = laneWaiters.shift();
  if (waiter) waiter(lane);
  else freeLanes.push(lane);
}

/** A pair like legacy-app (AL2023, the lost key pair) and ops-box (Ubuntu, SSM) in the same zone. */
async function launchPair(n: number): Promise<[string, string]> {
  const legacy = await instanceNamed(ec2, 'legacy-app');
  const ops = await instanceNamed(ec2, 'ops-box');
  const like = async (model: Instance, name: string) => {
    const answer = await ec2.send(
      new RunInstancesCommand({
        ImageId: model.ImageId,
        InstanceType: model.InstanceType,
        KeyName: model.KeyName,
        MinCount: 1,
        MaxCount: 1,
        SubnetId: model.SubnetId,
        SecurityGroupIds: (model.SecurityGroups ?? []).map((group) => group.GroupId ?? ''),
        ...(model.IamInstanceProfile
          ? { IamInstanceProfile: { Name: model.IamInstanceProfile.Arn?.split('/').at(-1) } }
          : {}),
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }] }],
      }),
    );
    return answer.Instances?.[0]?.InstanceId ?? '';
  };
  return [await like(legacy, `crash-target-${n}`), await like(ops, `crash-rescue-${n}`)];
}

async function waitRunning(ids: string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const states = await Promise.all(ids.map(async (id) => (await instance(id)).State?.Name));
    if (states.every((state) => state === 'running')) return;
    if (Date.now() > deadline) throw new Error(`not running: ${ids.join(' ')} (${states.join(' ')})`);
    await new Promise((tick) => setTimeout(tick, 50));
  }
}

const laneCount = 3;
// As many rounds at once as there are lanes: a round's timeout never runs while it waits for one.
vi.setConfig({ maxConcurrency: laneCount });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'keyrescue-ebs-crash-'));
  [bundle, sandbox] = await Promise.all([
    bundleCli('keyrescue-ebs-crash-test'),
    startSandbox({ seed: 'demo', keysDir: join(root, 'demo-keys') }),
  ]);
  harness = new CrashHarness(root, bundle, sandbox);
  ec2 = new EC2Client({
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
  });
  const pairs: [string, string][] = [
    [
      (await instanceNamed(ec2, 'legacy-app')).InstanceId ?? '',
      (await instanceNamed(ec2, 'ops-box')).InstanceId ?? '',
    ],
  ];
  for (let n = 1; n < laneCount; n += 1) pairs.push(await launchPair(n));
  await waitRunning(pairs.flat());
  for (const [target, rescue] of pairs) lanes.push({ target, rescue, before: await laneNow(target, rescue) });
  freeLanes.push(...[...lanes].reverse());
  volumesBefore = await volumes();
}, 120_000);
afterAll(async () => {
  harness?.stop();
  ec2?.destroy();
  await sandbox?.stop();
  await rm(root, { recursive: true, force: true });
  if (bundle) await rm(dirname(bundle), { recursive: true, force: true });
});

const recoverArgs = (lane: Lane) => (r: CrashRound) => [
  ...['recover', lane.target, '--via', 'ebs', '--rescue-instance', lane.rescue, '--keep-snapshot'],
  ...['--user', 'ec2-user', '--generate', '-o', r.keyPath, '--accept-new-host-key', '--yes'],
  ...['--endpoint', sandbox.endpoint, '--region', 'us-east-1'],
];

/** How many lines an uninterrupted run journals: started, twelve steps' intent and done, verified. */
const fullRunLines = 26;
const points = Array.from({ length: fullRunLines + 1 }, (_, n) => n);
const table = new Map<string, string>();

function cutText(cut: CrashCut): string {
  const last = cut.journal?.lines.at(-1);
  const entry = last ? (JSON.parse(last) as { type: string; stepId?: string }) : null;
  const where = entry ? `${entry.type}${entry.stepId ? ` ${entry.stepId}` : ''}` : 'no journal';
  return `${cut.journal?.lines.length ?? 0} lines (${where}), ${cut.ended.signal ?? `exit ${cut.ended.code}`}`;
}

/** The snapshots a rollback may leave: none before the snapshot step, one after it (kept on purpose). */
function snapshotsAfterRollback(lines: string[]): number[] {
  const has = (type: string) =>
    lines.some((line) => line.includes(`"type":"${type}"`) && line.includes('"stepId":"snapshot-root"'));
  if (has('done')) return [1];
  return has('intent') ? [0, 1] : [0];
}

/** The type of the journal's last line (`rolledBack`, `verified`). */
async function lastEntry(r: CrashRound): Promise<string | undefined> {
  const lines = (await harness.journalLines(r))?.lines ?? [];
  return (JSON.parse(lines.at(-1) ?? '{}') as { type?: string }).type;
}

/** Runs `round` on a lane of its own. */
async function onLane(round: (lane: Lane) => Promise<void>): Promise<void> {
  const lane = await takeLane();
  try {
    await round(lane);
  } finally {
    releaseLane(lane);
  }
}

describe.concurrent('keyrescue recover --via ebs, SIGKILLed at each journal line', () => {
  it.each(points)(
    'killed at %i lines, then journal rollback: the target exactly as before, nothing left on the rescue',
    (n) =>
      onLane(async (lane) => {
        const cut = await harness.cutAt(n, 1000 + n * 10, recoverArgs(lane), 1);
        const r = cut.round;
        if (cut.ended.signal === null) expect(cut.ended.code, cut.ended.stderr).toBe(0);
        if (!cut.journal) {
          table.set(`rollback ${n}`, `${cutText(cut)} | nothing to roll back`);
          await expectAsBefore(lane);
          return;
        }
        const id = cut.journal.id;
        const rolled = await harness.cli(r, [
          ...['journal', 'rollback', id, '--yes', '--endpoint', sandbox.endpoint],
          '--accept-new-host-key',
        ]);
        expect(rolled.code, rolled.stderr).toBe(0);
        expect(rolled.stdout).toMatch(
          new RegExp(`^Rolled back ${id}: \\d+ steps? undone on ${lane.target}\\.\\n$`),
        );
        await expectAsBefore(lane);
        // sshd refuses the new key: no line of it is in ec2-user's authorized_keys.
        expect((await harness.sshWith(r, await sshPort(lane.target), 'true')).code).toBe(255);
        expect(snapshotsAfterRollback(cut.journal.lines)).toContain((await snapshotsOf(id)).length);
        expect(await lastEntry(r)).toBe('rolledBack');
        const lines = (await harness.journalLines(r))?.lines ?? [];
        const undone = lines.filter((line) => line.includes('"type":"undone"')).length;
        table.set(`rollback ${n}`, `${cutText(cut)} | rolled back, ${undone} undone`);
      }),
    90_000,
  );

  it.each(points)(
    'killed at %i lines, then journal resume: the same end as an uninterrupted run',
    (n) =>
      onLane(async (lane) => {
        const cut = await harness.cutAt(n, 2000 + n * 10, recoverArgs(lane), 1);
        const r = cut.round;
        if (cut.ended.signal === null) expect(cut.ended.code, cut.ended.stderr).toBe(0);
        if (!cut.journal) {
          await expectAsBefore(lane);
          table.set(`resume ${n}`, `${cutText(cut)} | nothing to resume`);
          return;
        }
        const id = cut.journal.id;
        if (cut.ended.signal !== null) {
          const resumed = await harness.cli(r, [
            ...['journal', 'resume', id, '--yes', '--endpoint', sandbox.endpoint],
            '--accept-new-host-key',
          ]);
          expect(resumed.code, resumed.stderr).toBe(0);
          expect(resumed.stdout).toContain(`Recovered ${lane.target}: ec2-user logs in with the new key`);
        }
        await expectAsBefore(lane);
        const blob = await harness.newKeyBlob(r);
        expect(
          await harness.sshWith(r, await sshPort(lane.target), `grep -c '${blob}' .ssh/authorized_keys`),
        ).toEqual({ code: 0, stdout: '1\n' });
        expect(await snapshotsOf(id)).toEqual([`${lane.before.target.volumeId} completed`]);
        expect(await lastEntry(r)).toBe('verified');
        table.set(`resume ${n}`, `${cutText(cut)} | resumed, verified`);
      }),
    90_000,
  );
});

describe('after every round', () => {
  it('every volume of the account is where it was, and the table of kill points is printed', async () => {
    expect(await volumes()).toEqual(volumesBefore);
    // Not asserted (the child may write the next line before the kill lands: each point is one
    // try, since a second would start on an instance the first left stopped); for the log.
    const rows = ['rollback', 'resume'].flatMap((then) =>
      points.map((n) => `${then} ${n} | ${table.get(`${then} ${n}`) ?? 'not run'}`),
    );
    console.info(`rescue volume crash points (then, kill at | cut | end):\n${rows.join('\n')}`);
  });
});
