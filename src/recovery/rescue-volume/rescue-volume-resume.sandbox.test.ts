import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSnapshotCommand, DescribeSnapshotsCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../app/clock';
import { openSsh } from '../../sandbox/test-support/openssh';
import { RecoveryExecutor } from '../engine/executor';
import type { RemoteScriptRunner } from '../engine/recovery-step';
import { RecoveryJournals } from '../journal/recovery-journal';
import { startDemoAccount, type DemoAccount } from '../paths/test-support/demo-account';
import { ssmRunCommandRunner } from '../paths/ssm-run-command';
import { ssh2Connector } from '../ssh/ssh2-session';
import { recoveryTagKey } from './ebs-calls';
import { rescueVolumeSteps } from './rescue-volume-path';
import { sshKeygen, type TestKey } from '../paths/test-support/ssh-checks';

// Resume of the rescue-volume path on the practice sandbox (real SDK over HTTP): a step the
// process died in is checked against AWS before it is repeated, and a stopped run goes on from
// the journal in another executor, ending with one snapshot and the root volume back home.
let demo: DemoAccount;
let dir: string;
let journals: RecoveryJournals;
let newKey: TestKey;

beforeAll(async () => {
  demo = await startDemoAccount();
  dir = await mkdtemp(join(tmpdir(), 'kr-rescue-resume-'));
  journals = new RecoveryJournals(join(dir, 'user-data'), new TestClock());
  newKey = sshKeygen(dir, 'new-key', 'ed25519', 'resumed');
});

afterAll(async () => {
  await demo.stop();
  await rm(dir, { recursive: true, force: true });
});

async function stepsWith(runner: (rescueId: string) => RemoteScriptRunner) {
  const targetId = (await demo.instance('legacy-app')).InstanceId ?? '';
  const rescueId = (await demo.instance('ops-box')).InstanceId ?? '';
  const steps = rescueVolumeSteps({
    ec2: {
      account: demo.account,
      region: demo.region,
      clock: new TestClock(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))),
    },
    instanceId: targetId,
    rescueInstanceId: rescueId,
    endpointOf: () => demo.endpoint('legacy-app'),
    targetUser: 'ec2-user',
    newPublicKey: newKey.publicLine,
    newPrivateKeyOpenSsh: newKey.privateText,
    rescueRunner: runner(rescueId),
    connector: ssh2Connector,
    hostKey: { kind: 'accept-new' },
  });
  return { targetId, steps };
}

const ssmOn = (instanceId: string) =>
  ssmRunCommandRunner({
    account: demo.account,
    region: demo.region,
    instanceId,
    limits: { firstDelayMs: 20, maxDelayMs: 100 },
  });

async function snapshotsOf(recoveryId: string) {
  const answer = await demo.ec2.send(
    new DescribeSnapshotsCommand({
      OwnerIds: ['self'],
      Filters: [{ Name: `tag:${recoveryTagKey}`, Values: [recoveryId] }],
    }),
  );
  return answer.Snapshots ?? [];
}

describe('resuming the rescue-volume path', () => {
  it('a snapshot made just before a crash is found on resume, never made twice; the run ends verified', async () => {
    const { targetId, steps } = await stepsWith(ssmOn);
    const journal = await journals.start({
      instanceId: targetId,
      region: demo.region,
      accountLabel: 'Practice account',
      path: 'rescue-volume',
      targetUser: 'ec2-user',
      newKeyFingerprint: newKey.fingerprint,
    });
    await new RecoveryExecutor().run(journal, steps.slice(0, 2));
    const volumeId = journal.entries.find((entry) => entry.type === 'done')?.facts?.rootVolumeId ?? '';
    // What a crash right after CreateSnapshot leaves: the intent journaled, the snapshot made, no outcome.
    const snapshotStep = steps[2]!;
    expect(snapshotStep.id).toBe('snapshot-root');
    await journal.append({
      type: 'intent',
      stepId: snapshotStep.id,
      does: snapshotStep.does,
      undo: snapshotStep.undo,
    });
    const made = await demo.ec2.send(
      new CreateSnapshotCommand({
        VolumeId: volumeId,
        TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: recoveryTagKey, Value: journal.id }] }],
      }),
    );
    const notes: string[] = [];
    const outcome = await new RecoveryExecutor().run(await journals.open(journal.id), steps, {
      onProgress: (report) => {
        if (report.kind === 'note') notes.push(report.detail ?? '');
      },
    });
    expect(outcome.verified).toBe(true);
    expect(outcome.facts.snapshotId).toBe(made.SnapshotId);
    expect(notes).toContain(
      `Found already done: Found the safety snapshot ${made.SnapshotId} of ${volumeId} (completed; kept until you delete it).`,
    );
    expect((await snapshotsOf(journal.id)).map((snapshot) => snapshot.SnapshotId)).toEqual([made.SnapshotId]);
  });

  it('a run cancelled with the volume on the rescue resumes from the journal and finishes', async () => {
    newKey = sshKeygen(dir, 'second', 'ed25519', 'second');
    const cancel = new AbortController();
    // The real SSM runner answers the probe; the user cancels while the volume is on the rescue.
    const first = await stepsWith((rescueId) => {
      const ssm = ssmOn(rescueId);
      let calls = 0;
      return {
        describe: ssm.describe,
        run: async (script, ctx) => {
          if (calls++ === 0) return ssm.run(script, ctx);
          cancel.abort();
          throw new Error('cancelled');
        },
      };
    });
    const journal = await journals.start({
      instanceId: first.targetId,
      region: demo.region,
      accountLabel: 'Practice account',
      path: 'rescue-volume',
      targetUser: 'ec2-user',
      newKeyFingerprint: newKey.fingerprint,
    });
    await expect(new RecoveryExecutor().run(journal, first.steps, { signal: cancel.signal })).rejects.toThrow(
      /cancelled/,
    );
    const { steps } = await stepsWith(ssmOn);
    const outcome = await new RecoveryExecutor().run(await journals.open(journal.id), steps);
    expect(outcome.verified).toBe(true);
    expect(await snapshotsOf(journal.id)).toHaveLength(1);
    const endpoint = await demo.endpoint('legacy-app');
    const login = await openSsh(
      `${endpoint.host}:${endpoint.port}`,
      'ec2-user',
      newKey.file,
      'tail -n 1 ~/.ssh/authorized_keys',
    );
    expect(login.stdout.trim()).toBe(newKey.publicLine);
  });

  it('a failure mid-way undoes every move; a resume runs them again and ends verified with one snapshot', async () => {
    newKey = sshKeygen(dir, 'third', 'ed25519', 'third');
    const dropping = await stepsWith((rescueId) => {
      const ssm = ssmOn(rescueId);
      let calls = 0;
      return {
        describe: ssm.describe,
        run: async (script, ctx) => {
          if (calls++ === 0) return ssm.run(script, ctx);
          throw new Error('connect ETIMEDOUT');
        },
      };
    });
    const journal = await journals.start({
      instanceId: dropping.targetId,
      region: demo.region,
      accountLabel: 'Practice account',
      path: 'rescue-volume',
      targetUser: 'ec2-user',
      newKeyFingerprint: newKey.fingerprint,
    });
    await expect(new RecoveryExecutor().run(journal, dropping.steps)).rejects.toThrow('connect ETIMEDOUT');
    const { steps } = await stepsWith(ssmOn);
    const reopened = await journals.open(journal.id);
    const outcome = await new RecoveryExecutor().run(reopened, steps);
    expect(outcome.verified).toBe(true);
    // Each undone step ran again: its intent appears twice (once before the failure, once on resume).
    const intents = reopened.entries.filter((entry) => entry.type === 'intent').map((entry) => entry.stepId);
    expect(intents.filter((id) => id === 'attach-rescue')).toHaveLength(2);
    expect(intents.filter((id) => id === 'snapshot-root')).toHaveLength(1);
    expect(await snapshotsOf(journal.id)).toHaveLength(1);
    const endpoint = await demo.endpoint('legacy-app');
    const login = await openSsh(
      `${endpoint.host}:${endpoint.port}`,
      'ec2-user',
      newKey.file,
      'tail -n 1 ~/.ssh/authorized_keys',
    );
    expect(login.stdout.trim()).toBe(newKey.publicLine);
  });

  it('a throttle, a 500, a 503 and a dropped connection on the way: the SDK retries, one snapshot, verified', async () => {
    newKey = sshKeygen(dir, 'fourth', 'ed25519', 'fourth');
    const { control } = demo.sandbox;
    // Faults the sandbox applies before the action runs, once each (the SDK's standard retries answer them).
    control.setFault('CreateSnapshot', { kind: 'drop-connection', times: 1 });
    control.setFault('StopInstances', { kind: 'unavailable', times: 1 });
    control.setFault('AttachVolume', { kind: 'throttle', times: 1 });
    control.setFault('DetachVolume', { kind: 'internal-error', times: 1 });
    try {
      const { targetId, steps } = await stepsWith(ssmOn);
      const journal = await journals.start({
        instanceId: targetId,
        region: demo.region,
        accountLabel: 'Practice account',
        path: 'rescue-volume',
        targetUser: 'ec2-user',
        newKeyFingerprint: newKey.fingerprint,
      });
      const notes: string[] = [];
      const outcome = await new RecoveryExecutor().run(journal, steps, {
        onProgress: (report) => {
          if (report.kind === 'note') notes.push(report.detail ?? '');
        },
      });
      expect(outcome.verified).toBe(true);
      // CreateSnapshot is sent once per attempt (no SDK retry): KeyRescue looks for the tag, then sends again.
      expect(notes.filter((note) => note.startsWith('CreateSnapshot answered aws.'))).toHaveLength(1);
      for (const action of ['CreateSnapshot', 'StopInstances', 'AttachVolume', 'DetachVolume'])
        expect(control.faultCount(action), action).toBe(1);
      expect(await snapshotsOf(journal.id)).toHaveLength(1);
    } finally {
      control.clearFaults();
    }
  });
});
