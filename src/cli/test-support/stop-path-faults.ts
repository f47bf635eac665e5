import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  ModifyInstanceAttributeCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { expect } from 'vitest';
import { startPracticePlace, type PracticePlace } from '../../app/test-support/practice-core';
import { timerSleeper, type Sleeper } from '../../recovery/paths/ssm-command-poller';
import { instanceNamed, sshEndpointOf } from '../../sandbox/test-support/demo-lookup';
import { cliOnPractice } from './run-cli-captured';
import { caseName, faultSpec, type FaultCase, type RecordedRun } from './fault-matrix';

/**
 * One case of the stop-path fault table on a practice place: `keyrescue recover` with one AWS
 * call faulted, then — if it stopped with a journal — `keyrescue journal resume` with AWS well
 * again; then the checks every case shares (legacy-app as before with the new key once, one
 * snapshot at most, no instance more).
 */

const run = promisify(execFile);

/** The instant sandbox needs no seconds between polls: 20 ms keeps a case's waits short. */
const fastSleep: Sleeper = (ms, signal) => timerSleeper(Math.min(ms, 20), signal);

/** legacy-app's own user data, set on each place: what every case must leave byte for byte. */
export const originalUserData = Buffer.from('#cloud-config\n# legacy-app original\nbootcmd: [true]\n');

export interface StopPath {
  /** `recover` arguments after `recover INSTANCE`, given the new key's path and ops-box's id. */
  args: (keyPath: string, opsBox: string) => string[];
  /** KeyRescue snapshots a verified recovery leaves (tagged with its id). */
  snapshots: number;
}

async function waitForState(ec2: EC2Client, state: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await instanceNamed(ec2, 'legacy-app')).State?.Name !== state) {
    if (Date.now() > deadline) throw new Error(`legacy-app never became ${state}`);
    await new Promise((tick) => setTimeout(tick, 20));
  }
}

/** A demo place whose legacy-app runs with {@link originalUserData}. */
export async function startFaultPlace(name: string): Promise<PracticePlace> {
  const place = await startPracticePlace(name);
  const instanceId = (await instanceNamed(place.ec2, 'legacy-app')).InstanceId ?? '';
  await place.ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
  await waitForState(place.ec2, 'stopped');
  await place.ec2.send(
    new ModifyInstanceAttributeCommand({ InstanceId: instanceId, UserData: { Value: originalUserData } }),
  );
  await place.ec2.send(new StartInstancesCommand({ InstanceIds: [instanceId] }));
  await waitForState(place.ec2, 'running');
  return place;
}

/** What "as before" means here: legacy-app's state, root, user data; ops-box's volumes; the instances. */
async function shape(ec2: EC2Client) {
  const target = await instanceNamed(ec2, 'legacy-app');
  const opsBox = await instanceNamed(ec2, 'ops-box');
  const root = target.BlockDeviceMappings?.find((mapping) => mapping.DeviceName === target.RootDeviceName);
  const userData = await ec2.send(
    new DescribeInstanceAttributeCommand({ InstanceId: target.InstanceId, Attribute: 'userData' }),
  );
  const opsVolumes = await ec2.send(
    new DescribeVolumesCommand({
      Filters: [{ Name: 'attachment.instance-id', Values: [opsBox.InstanceId ?? ''] }],
    }),
  );
  const all = await ec2.send(new DescribeInstancesCommand({}));
  return {
    state: target.State?.Name,
    rootDevice: target.RootDeviceName,
    rootVolumeId: root?.Ebs?.VolumeId,
    deleteOnTermination: root?.Ebs?.DeleteOnTermination,
    userData: Buffer.from(userData.UserData?.Value ?? '', 'base64').toString('utf8'),
    opsBoxVolumes: (opsVolumes.Volumes ?? []).map((volume) => volume.VolumeId).sort(),
    instances: (all.Reservations ?? [])
      .flatMap((r) => r.Instances ?? [])
      .map((i) => i.InstanceId)
      .sort(),
  };
}

async function journalOf(root: string): Promise<string | null> {
  const dir = join(root, 'user-data', 'journals');
  const names = existsSync(dir) ? (await readdir(dir)).filter((name) => name.endsWith('.jsonl')) : [];
  expect(names.length).toBeLessThanOrEqual(1);
  return names[0]?.replace(/\.jsonl$/, '') ?? null;
}

/** How many lines of legacy-app's authorized_keys carry the key (a real OpenSSH login with it). */
async function keyLines(ec2: EC2Client, keyPath: string): Promise<number | 'refused'> {
  const blob = (await run('ssh-keygen', ['-y', '-f', keyPath])).stdout.split(' ')[1] ?? '';
  expect(blob).not.toBe('');
  const port = (sshEndpointOf(await instanceNamed(ec2, 'legacy-app')) ?? '').split(':')[1] ?? '';
  try {
    const { stdout } = await run('ssh', [
      ...['-i', keyPath, '-p', port, '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes'],
      ...['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-F', '/dev/null'],
      'ec2-user@127.0.0.1',
      `grep -c '${blob}' .ssh/authorized_keys`,
    ]);
    return Number(stdout.trim());
  } catch (error) {
    if ((error as { code?: number }).code === 255) return 'refused';
    throw error;
  }
}

async function snapshotsOf(ec2: EC2Client, recoveryId: string): Promise<number> {
  const answer = await ec2.send(
    new DescribeSnapshotsCommand({
      OwnerIds: ['self'],
      Filters: [{ Name: 'tag:keyrescue:recovery', Values: [recoveryId] }],
    }),
  );
  return answer.Snapshots?.length ?? 0;
}

/** Records the requests of an uninterrupted run (the place is left as before, recovered). */
export async function recordRun(place: PracticePlace, path: StopPath): Promise<RecordedRun> {
  const { sandbox, ec2 } = place;
  const legacyApp = (await instanceNamed(ec2, 'legacy-app')).InstanceId ?? '';
  const opsBox = (await instanceNamed(ec2, 'ops-box')).InstanceId ?? '';
  const root = await mkdtemp(join(place.root, 'record-'));
  await mkdir(join(root, 'home', '.ssh'), { recursive: true });
  const cli = cliOnPractice(() => ({ root, home: join(root, 'home'), sandbox }), {
    recoverySleep: fastSleep,
  });
  // The activity log's API requests (not checkip), from here on.
  const requests = () =>
    sandbox.control.activity.requests
      .filter((entry) => entry.service !== 'checkip')
      .map((entry) => entry.action);
  sandbox.control.activity.clear();
  let firstStep = -1;
  const ran = await cli(['recover', legacyApp, ...path.args(join(root, 'home', '.ssh', 'new'), opsBox)], {
    onStderr: (text) => {
      if (firstStep < 0 && /keyrescue recover: \[0\/\d+\] /.test(text)) firstStep = requests().length;
    },
  });
  expect(ran.code, ran.stderr).toBe(0);
  expect(firstStep).toBeGreaterThan(0);
  return { requests: requests(), firstStep };
}

/** Runs one case and checks its end; returns how it ended, for the table the test prints. */
export async function runFaultCase(place: PracticePlace, path: StopPath, c: FaultCase): Promise<string> {
  const { sandbox, ec2 } = place;
  const { control } = sandbox;
  const legacyApp = (await instanceNamed(ec2, 'legacy-app')).InstanceId ?? '';
  const opsBox = (await instanceNamed(ec2, 'ops-box')).InstanceId ?? '';
  const root = await mkdtemp(join(place.root, 'case-'));
  await mkdir(join(root, 'home', '.ssh'), { recursive: true });
  const keyPath = join(root, 'home', '.ssh', 'new');
  const cli = cliOnPractice(() => ({ root, home: join(root, 'home'), sandbox }), {
    recoverySleep: fastSleep,
  });
  const before = await shape(ec2);
  expect(before.userData).toBe(originalUserData.toString('utf8'));
  const hitsBefore = control.faultCount(c.action);
  control.setFault(c.action, faultSpec(c));
  const first = await cli(['recover', legacyApp, ...path.args(keyPath, opsBox)]).finally(() =>
    control.clearFaults(),
  );
  // The case faulted what it meant to: its request came (a case that misses proves nothing).
  expect(control.faultCount(c.action) - hitsBefore, caseName(c)).toBeGreaterThan(0);
  const recoveryId = await journalOf(root);
  // A lost answer is no reason to stop: the retry finds what the first request did (tag, state).
  if (c.kind === 'drop-after-apply') expect(first.code, first.stderr).toBe(0);
  let ended: string;
  if (first.code === 0) {
    ended = 'verified';
  } else {
    // A clear error: the CLI's own line, the step or check it stopped in, no stack trace.
    expect(first.code, first.stderr).toBe(1);
    expect(first.stderr).toMatch(/^keyrescue recover: .*(failed|error|AWS|answered|reach)/im);
    expect(first.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    if (recoveryId === null) {
      // Stopped before the journal began: nothing was changed, nothing to resume.
      expect(c.phase, first.stderr).toBe('preflight');
      expect(await shape(ec2)).toEqual(before);
      expect(existsSync(keyPath) ? await keyLines(ec2, keyPath) : 'no key').not.toBeTypeOf('number');
      return `stopped in preflight: ${lastLine(first.stderr)}`;
    }
    const resumed = await cli(['journal', 'resume', recoveryId, '--yes', '--accept-new-host-key']);
    expect(resumed.code, `${first.stderr}\n--- resume:\n${resumed.stderr}`).toBe(0);
    expect(resumed.stdout).toContain(`Recovered ${legacyApp}: ec2-user logs in with the new key`);
    ended = `stopped (${lastLine(first.stderr)}), resumed, verified`;
  }
  expect(recoveryId).not.toBeNull();
  expect(await shape(ec2)).toEqual(before);
  expect(await keyLines(ec2, keyPath)).toBe(1);
  expect(await snapshotsOf(ec2, recoveryId ?? '')).toBe(path.snapshots);
  return ended;
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.slice(0, 160) ?? '';
}
