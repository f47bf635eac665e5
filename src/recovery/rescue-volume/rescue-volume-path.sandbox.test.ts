import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DescribeSnapshotsCommand, DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../app/clock';
import { isAppError } from '../../ipc/app-error';
import { operationErrorCodes } from '../../ipc/operations/operation-errors';
import { openSsh } from '../../sandbox/test-support/openssh';
import { RecoveryExecutor } from '../engine/executor';
import type { RemoteScriptRunner } from '../engine/recovery-step';
import { RecoveryJournals } from '../journal/recovery-journal';
import { recoveryErrorCodes } from '../recovery-errors';
import { startDemoAccount, type DemoAccount } from '../paths/test-support/demo-account';
import { anotherLoginRunner } from '../paths/another-login-runner';
import { ssmRunCommandRunner } from '../paths/ssm-run-command';
import { ssh2Connector } from '../ssh/ssh2-session';
import type { Ec2Target } from './ebs-calls';
import { rescueVolumeSteps } from './rescue-volume-path';
import { sshKeygen, type TestKey } from '../paths/test-support/ssh-checks';

// The rescue-volume path against the practice sandbox over HTTP with the real SDK: legacy-app
// (AL2023, its key lost) gets the new key through ops-box (Ubuntu, SSM-managed, same zone) as the
// rescue instance; the sandbox hot-plugs the volume as an NVMe disk with the volume id as serial.
const run = promisify(execFile);
let demo: DemoAccount;
let dir: string;
let journals: RecoveryJournals;
let newKey: TestKey;

beforeAll(async () => {
  demo = await startDemoAccount();
  dir = await mkdtemp(join(tmpdir(), 'kr-rescue-volume-'));
  journals = new RecoveryJournals(join(dir, 'user-data'), new TestClock());
  newKey = sshKeygen(dir, 'new-key', 'ed25519', 'rescued');
});

afterAll(async () => {
  await demo.stop();
  await rm(dir, { recursive: true, force: true });
});

const ec2Target = (): Ec2Target => ({
  account: demo.account,
  region: demo.region,
  clock: new TestClock(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))),
});

async function ids() {
  const target = await demo.instance('legacy-app');
  const rescue = await demo.instance('ops-box');
  return { targetId: target.InstanceId ?? '', rescueId: rescue.InstanceId ?? '' };
}

/** Everything "as before" means for the target: state, root volume, its device and DeleteOnTermination. */
async function targetShape() {
  const target = await demo.instance('legacy-app');
  const root = target.BlockDeviceMappings?.find((mapping) => mapping.DeviceName === target.RootDeviceName);
  return {
    state: target.State?.Name,
    rootDeviceName: target.RootDeviceName,
    rootVolumeId: root?.Ebs?.VolumeId,
    deleteOnTermination: root?.Ebs?.DeleteOnTermination,
  };
}

async function volumesOn(instanceId: string): Promise<string[]> {
  const answer = await demo.ec2.send(
    new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [instanceId] }] }),
  );
  return (answer.Volumes ?? []).map((volume) => volume.VolumeId ?? '').sort();
}

async function snapshotsTagged(recoveryId: string) {
  const answer = await demo.ec2.send(
    new DescribeSnapshotsCommand({
      OwnerIds: ['self'],
      Filters: [{ Name: 'tag:keyrescue:recovery', Values: [recoveryId] }],
    }),
  );
  return answer.Snapshots ?? [];
}

function steps(targetId: string, rescueId: string, rescueRunner: RemoteScriptRunner) {
  return rescueVolumeSteps({
    ec2: ec2Target(),
    instanceId: targetId,
    rescueInstanceId: rescueId,
    endpointOf: () => demo.endpoint('legacy-app'),
    targetUser: 'ec2-user',
    newPublicKey: newKey.publicLine,
    newPrivateKeyOpenSsh: newKey.privateText,
    rescueRunner,
    connector: ssh2Connector,
    hostKey: { kind: 'accept-new' },
  });
}

const ssmOn = (instanceId: string) =>
  ssmRunCommandRunner({
    account: demo.account,
    region: demo.region,
    instanceId,
    limits: { firstDelayMs: 20, maxDelayMs: 100 },
  });

async function journalFor(targetId: string) {
  return journals.start({
    instanceId: targetId,
    region: demo.region,
    accountLabel: 'Practice account',
    path: 'rescue-volume',
    targetUser: 'ec2-user',
    newKeyFingerprint: newKey.fingerprint,
  });
}

/** The runner as is for its first script (the probe), then `then` in place of every later run. */
function afterFirstCall(runner: RemoteScriptRunner, then: () => never): RemoteScriptRunner {
  let calls = 0;
  return {
    describe: runner.describe,
    run: (script, ctx) => (calls++ === 0 ? runner.run(script, ctx) : Promise.resolve().then(then)),
  };
}

describe('the rescue-volume path on the practice account', () => {
  it('a rescue SSM does not manage fails the probe before anything changes: no snapshot, no stop', async () => {
    const { targetId } = await ids();
    const bastion = (await demo.instance('bastion')).InstanceId ?? '';
    const before = await targetShape();
    const journal = await journalFor(targetId);
    const failed = await new RecoveryExecutor()
      .run(journal, steps(targetId, bastion, ssmOn(bastion)))
      .catch((error: unknown) => error);
    expect(isAppError(failed) && failed.code).toBe(recoveryErrorCodes.ssmNotManaged);
    const states = new RecoveryExecutor().summarize(
      journal.entries,
      steps(targetId, bastion, ssmOn(bastion)),
    );
    expect(states.slice(0, 3).map((step) => `${step.stepId}:${step.state}`)).toEqual([
      'record-root:done',
      'rescue-probe:failed',
      'snapshot-root:pending',
    ]);
    expect(await targetShape()).toEqual(before);
    expect(await snapshotsTagged(journal.id)).toEqual([]);
  });

  it('an unreachable rescue fails mid-way and the target is put back exactly as it was', async () => {
    const { targetId, rescueId } = await ids();
    const before = await targetShape();
    const rescueVolumesBefore = await volumesOn(rescueId);
    // The real SSM runner answers the probe; then the rescue becomes unreachable (the connection drops).
    const unreachable = afterFirstCall(ssmOn(rescueId), () => {
      throw new Error('connect ETIMEDOUT');
    });
    const journal = await journalFor(targetId);
    const failed = await new RecoveryExecutor()
      .run(journal, steps(targetId, rescueId, unreachable))
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    const states = new RecoveryExecutor().summarize(journal.entries, steps(targetId, rescueId, unreachable));
    expect(states.map((step) => `${step.stepId}:${step.state}`)).toEqual([
      'record-root:done',
      'rescue-probe:done',
      'snapshot-root:done',
      'stop-target:undone',
      'detach-root:undone',
      'attach-rescue:undone',
      'rescue-edit:failed',
      'detach-rescue:pending',
      'reattach-root:pending',
      'restore-delete-on-termination:pending',
      'start-target:pending',
      'verify:pending',
    ]);
    expect(await targetShape()).toEqual(before);
    expect(await volumesOn(rescueId)).toEqual(rescueVolumesBefore);
    expect((await snapshotsTagged(journal.id)).map((snapshot) => snapshot.State)).toEqual(['completed']);
    // The lost key's instance still refuses the new key: nothing was added.
    const endpoint = await demo.endpoint('legacy-app');
    expect((await openSsh(`${endpoint.host}:${endpoint.port}`, 'ec2-user', newKey.file, 'true')).code).toBe(
      255,
    );
  });

  it('a run cancelled while the volume is on the rescue is rolled back from the journal to exactly before', async () => {
    const { targetId, rescueId } = await ids();
    const before = await targetShape();
    expect(before).toMatchObject({ state: 'running', deleteOnTermination: true });
    const rescueVolumesBefore = await volumesOn(rescueId);
    const cancel = new AbortController();
    const cancelling = afterFirstCall(ssmOn(rescueId), () => {
      cancel.abort();
      throw new Error('cancelled');
    });
    const journal = await journalFor(targetId);
    const stopped = await new RecoveryExecutor()
      .run(journal, steps(targetId, rescueId, cancelling), { signal: cancel.signal })
      .catch((error: unknown) => error);
    expect(isAppError(stopped) && stopped.code).toBe(operationErrorCodes.cancelled);
    // A cancel undoes nothing by itself: the target is stopped and its root is on the rescue.
    expect(await targetShape()).toMatchObject({ state: 'stopped', rootVolumeId: undefined });
    expect(await volumesOn(rescueId)).toEqual([...rescueVolumesBefore, before.rootVolumeId].sort());
    // Another process, later: the journal alone drives the rollback.
    const reopened = await journals.open(journal.id);
    await new RecoveryExecutor().rollback(reopened, steps(targetId, rescueId, ssmOn(rescueId)));
    expect(await targetShape()).toEqual(before);
    expect(await volumesOn(rescueId)).toEqual(rescueVolumesBefore);
    expect(await snapshotsTagged(journal.id)).toHaveLength(1);
    const undone = reopened.entries.filter((entry) => entry.type === 'undone');
    // Last, with the instance running again: the new key's line off (here sshd refuses it: never added).
    expect(undone.map((entry) => entry.stepId)).toEqual([
      'attach-rescue',
      'detach-root',
      'stop-target',
      'record-root',
    ]);
    expect(undone.at(-1)).toMatchObject({ text: [{ key: 'userData.newKeyAbsent' }] });
  });

  it('recovers legacy-app through ops-box: OpenSSH logs in with the new key, the root is home, one snapshot', async () => {
    const { targetId, rescueId } = await ids();
    const before = await targetShape();
    const rescueVolumesBefore = await volumesOn(rescueId);
    const journal = await journalFor(targetId);
    const notes: string[] = [];
    const outcome = await new RecoveryExecutor().run(journal, steps(targetId, rescueId, ssmOn(rescueId)), {
      onProgress: (report) => {
        if (report.kind === 'note') notes.push(report.detail ?? '');
      },
    });
    expect(outcome.verified).toBe(true);
    expect(notes.filter((note) => /^Snapshot snap-[0-9a-f]+: pending 0%$/.test(note))).toHaveLength(1);
    expect(outcome.facts.rescueDevice).toBe('/dev/sdf');
    expect(outcome.facts.file).toBe('/home/ec2-user/.ssh/authorized_keys');
    expect(outcome.facts.status).toBe('added');
    expect(await targetShape()).toEqual(before);
    expect(await volumesOn(rescueId)).toEqual(rescueVolumesBefore);
    const snapshots = await snapshotsTagged(journal.id);
    expect(snapshots.map((snapshot) => [snapshot.VolumeId, snapshot.State])).toEqual([
      [before.rootVolumeId, 'completed'],
    ]);
    const endpoint = await demo.endpoint('legacy-app');
    const login = await openSsh(
      `${endpoint.host}:${endpoint.port}`,
      'ec2-user',
      newKey.file,
      'tail -n 1 ~/.ssh/authorized_keys',
    );
    expect(login.code).toBe(0);
    expect(login.stdout.trim()).toBe(newKey.publicLine);
    // No secret in the journal: only the public key's fingerprint, never key text.
    const text = await readFile(journal.path, 'utf8');
    expect(text).not.toContain(newKey.publicLine.split(' ')[1]);
    expect(text).not.toContain('PRIVATE KEY');
  });

  it('through bastion (Xen type, same AL2023 image): the disk is xvdf, the twin XFS root mounts with nouuid', async () => {
    const { targetId } = await ids();
    const bastion = await demo.instance('bastion');
    const rescueId = bastion.InstanceId ?? '';
    const before = await targetShape();
    const viaLogin = anotherLoginRunner({
      connector: ssh2Connector,
      endpoint: await demo.endpoint('bastion'),
      loginUser: 'ec2-user',
      credentials: { privateKey: demo.demoKey('practice-rsa.pem') },
      hostKey: { kind: 'accept-new' },
    });
    const second = join(dir, 'second-key');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'second', '-f', second]);
    const publicLine = (await readFile(`${second}.pub`, 'utf8')).trim();
    const journal = await journalFor(targetId);
    const outcome = await new RecoveryExecutor().run(
      journal,
      rescueVolumeSteps({
        ec2: ec2Target(),
        instanceId: targetId,
        rescueInstanceId: rescueId,
        endpointOf: () => demo.endpoint('legacy-app'),
        targetUser: 'ec2-user',
        newPublicKey: publicLine,
        newPrivateKeyOpenSsh: await readFile(second, 'utf8'),
        rescueRunner: viaLogin,
        connector: ssh2Connector,
        hostKey: { kind: 'accept-new' },
      }),
    );
    expect(outcome.verified).toBe(true);
    // The rescue's host key is journaled as the rescue's; the verification pinned the target's own.
    expect(outcome.facts.rescueHostKeyFingerprint).toMatch(/^SHA256:/);
    expect(outcome.facts.hostKeyFingerprint).not.toBe(outcome.facts.rescueHostKeyFingerprint);
    const log = await openSsh(
      `${(await demo.endpoint('bastion')).host}:${(await demo.endpoint('bastion')).port}`,
      'ec2-user',
      `${demo.sandbox.control.demoKeysDir}/practice-rsa.pem`,
      'sudo dmesg',
    );
    expect(log.stdout).toMatch(/XFS \(xvdf1\): Mounting V5 Filesystem/);
    expect(await targetShape()).toEqual(before);
    const endpoint = await demo.endpoint('legacy-app');
    const login = await openSsh(
      `${endpoint.host}:${endpoint.port}`,
      'ec2-user',
      second,
      'grep -c rescued ~/.ssh/authorized_keys; tail -n 1 ~/.ssh/authorized_keys',
    );
    expect(login.stdout).toBe(`1\n${publicLine}\n`);
  });
});
