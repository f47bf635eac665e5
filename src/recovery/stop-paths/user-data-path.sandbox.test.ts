import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  DescribeInstanceAttributeCommand,
  GetConsoleOutputCommand,
  ModifyInstanceAttributeCommand,
  RunInstancesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../app/clock';
import { practiceSshEndpointLookup } from '../../app/recovery-network-ports';
import { isAppError } from '../../ipc/app-error';
import { instanceNamed, sshEndpointOf } from '../../sandbox/test-support/demo-lookup';
import { openSsh } from '../../sandbox/test-support/openssh';
import { RecoveryExecutor } from '../engine/executor';
import { journalFacts } from '../engine/executor-state';
import { renderJournalReport } from '../journal/journal-report';
import { RecoveryJournals, type RecoveryJournal } from '../journal/recovery-journal';
import { startDemoAccount, type DemoAccount } from '../paths/test-support/demo-account';
import { chooseSshEndpoint } from '../paths/ssh-target';
import { timerSleeper } from '../paths/ssm-command-poller';
import { ssh2Connector } from '../ssh/ssh2-session';
import { startInstanceStep, stopInstanceStep } from './power-steps';
import { recoveryUserData } from './recovery-user-data';
import { digestOf } from './user-data-attribute';
import { backupPathOf } from './user-data-backup';
import { userDataPathErrorCodes } from './user-data-errors';
import { checkUserDataFits, userDataPathSteps } from './user-data-path';
import { sshKeygen, type TestKey } from '../paths/test-support/ssh-checks';

// The user-data path on the practice account over HTTP with the real SDK: the sandbox stops and
// starts the instance, runs cloud-init on the real MIME document at boot (src/sandbox/os), and its
// sshd takes the verification logins; every recovery is then proven by OpenSSH's own `ssh`.
let demo: DemoAccount;
let root: string;
let journals: RecoveryJournals;
let newKey: TestKey;
const executor = new RecoveryExecutor();
const journalFactsOf = (journal: RecoveryJournal) => journalFacts(journal.entries);

beforeAll(async () => {
  demo = await startDemoAccount();
  root = await mkdtemp(join(tmpdir(), 'kr-user-data-path-'));
  journals = new RecoveryJournals(join(root, 'user-data'), systemClock);
  newKey = sshKeygen(root, 'new-key', 'ed25519', 'new key via user data');
});

afterAll(async () => {
  await demo.stop();
  await rm(root, { recursive: true, force: true });
});

/** Launches an AL2023 instance with the lost key pair (nobody can log in) and the given user data. */
async function launchLostKeyInstance(name: string, userData?: Uint8Array): Promise<string> {
  const legacy = await demo.instance('legacy-app');
  const launched = await demo.ec2.send(
    new RunInstancesCommand({
      ImageId: legacy.ImageId,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      KeyName: 'legacy-app-key',
      SecurityGroupIds: legacy.SecurityGroups?.map((group) => group.GroupId ?? '') ?? [],
      // RunInstances takes a base64 string (the SDK sends it as it is), unlike ModifyInstanceAttribute.
      ...(userData ? { UserData: Buffer.from(userData).toString('base64') } : {}),
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }] }],
    }),
  );
  const id = launched.Instances?.[0]?.InstanceId ?? '';
  await expect.poll(async () => (await instanceNamed(demo.ec2, name)).State?.Name).toBe('running');
  return id;
}

async function userDataOf(instanceId: string): Promise<string | undefined> {
  const answer = await demo.ec2.send(
    new DescribeInstanceAttributeCommand({ InstanceId: instanceId, Attribute: 'userData' }),
  );
  return answer.UserData?.Value;
}

async function consoleOf(instanceId: string): Promise<string> {
  const answer = await demo.ec2.send(new GetConsoleOutputCommand({ InstanceId: instanceId }));
  return Buffer.from(answer.Output ?? '', 'base64').toString('utf8');
}

function stepsFor(journal: RecoveryJournal, instanceId: string, publicKey = newKey.publicLine) {
  const lookup = practiceSshEndpointLookup(demo.account);
  return userDataPathSteps({
    account: demo.account,
    region: demo.region,
    instanceId,
    targetUser: 'ec2-user',
    newPublicKey: publicKey,
    newPrivateKeyOpenSsh: newKey.privateText,
    backupPath: backupPathOf(journals.folder, journal.id),
    connector: ssh2Connector,
    hostKey: { kind: 'accept-new' },
    endpointOf: async (addresses) =>
      chooseSshEndpoint({
        instanceId,
        addresses,
        lookedUp: await lookup.endpointOf(instanceId, demo.region),
      }),
    clock: systemClock,
    sleep: timerSleeper,
    // Real waits, short scale: the sandbox's transitions are instant, only the backoff shrinks.
    powerLimits: { firstDelayMs: 20, maxDelayMs: 200, maxWaitMs: 20_000 },
    consoleLimits: { firstDelayMs: 20, maxDelayMs: 200, maxWaitMs: 1500 },
  });
}

function startJournal(instanceId: string): Promise<RecoveryJournal> {
  return journals.start({
    instanceId,
    region: demo.region,
    accountLabel: 'Practice account',
    path: 'user-data',
    targetUser: 'ec2-user',
    newKeyFingerprint: 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8',
  });
}

async function login(name: string): Promise<string> {
  const tag = sshEndpointOf(await instanceNamed(demo.ec2, name)) ?? '';
  const result = await openSsh(tag, 'ec2-user', newKey.file, 'echo logged-in');
  return `${result.code}:${result.stdout.trim()}`;
}

const allSteps = [
  'save-user-data',
  'stop-instance',
  'set-user-data',
  'start-instance',
  'boot-result',
  'verify',
  'stop-after-verify',
  'restore-user-data',
  'start-after-restore',
  'verify-after-restore',
];

describe('the user-data path on the practice account', () => {
  it('recovers a lost-key instance that had gzip user data: OpenSSH logs in, the user data is back byte for byte', async () => {
    // Gzip bytes are not text: only byte-for-byte handling brings them back unchanged.
    const original = gzipSync(Buffer.from('#!/bin/sh\necho "original user data ran"\n'));
    const instanceId = await launchLostKeyInstance('ud-had-user-data', original);
    // The sandbox gunzips user data as cloud-init does: the first boot ran the script.
    expect(await consoleOf(instanceId)).toContain('original user data ran\n');
    const before = await userDataOf(instanceId);
    expect(before).toBe(Buffer.from(original).toString('base64'));
    expect((await login('ud-had-user-data')).startsWith('255:')).toBe(true);

    const journal = await startJournal(instanceId);
    const steps = stepsFor(journal, instanceId);
    const outcome = await executor.run(journal, steps);
    expect(outcome.verified).toBe(true);
    expect(executor.summarize(journal.entries, steps).map((step) => `${step.stepId}:${step.state}`)).toEqual(
      allSteps.map((id) => `${id}:done`),
    );
    expect(await login('ud-had-user-data')).toBe('0:logged-in');
    expect(await userDataOf(instanceId)).toBe(before);
    expect((await instanceNamed(demo.ec2, 'ud-had-user-data')).State?.Name).toBe('running');
    // The saved copy holds the exact string; the journal only its size and digest.
    const saved = JSON.parse(await readFile(backupPathOf(journals.folder, journal.id), 'utf8')) as {
      base64: string;
    };
    expect(saved.base64).toBe(before);
    const journalText = await readFile(join(journals.folder, `${journal.id}.jsonl`), 'utf8');
    expect(journalText).not.toContain(before ?? '-');
    expect(journalText).not.toContain(newKey.publicLine.split(' ')[1] ?? '-');
    expect(outcome.facts.userDataPresent).toBe('true');
    expect(outcome.facts.status).toBe('added');
    // Scripts-user is per instance: the original script ran at the first boot only, ours once.
    const consoleText = await consoleOf(instanceId);
    expect(consoleText.match(/original user data ran/g)).toHaveLength(1);
    expect(consoleText.match(/KEYRESCUE-USERDATA /g)).toHaveLength(1);
    expect(consoleText).toContain(`KEYRESCUE-USERDATA ${journal.id} run=${outcome.facts.userDataRunId}\n`);
    // The report reads in Japanese: every step journaled its sentences as keys (journal/step-texts.ts).
    const ja = renderJournalReport((await journals.open(journal.id)).entries, 'ja');
    expect(ja).toContain(`${instanceId} の元のユーザーデータをバイト単位でそのまま戻しました（`);
    expect(ja).toContain('起動時に復旧スクリプトが実行されました（cloud-init）：');
    expect(ja).toContain(`${instanceId} を停止し（強制はしません）、停止するまで待ちます。`);
    expect(ja).not.toContain('Restored ');
  });

  it('refuses a recovery document over 16 KB before any stop: nothing changes', async () => {
    const legacy = await demo.instance('legacy-app');
    const instanceId = legacy.InstanceId ?? '';
    const longComment = 'x'.repeat(4000);
    const bigKey = `${newKey.publicLine.split(' ').slice(0, 2).join(' ')} ${longComment}`;
    expect(() => checkUserDataFits({ instanceId, targetUser: 'ec2-user', newPublicKey: bigKey })).toThrow(
      expect.objectContaining({ code: userDataPathErrorCodes.tooLarge }),
    );
    const before = await userDataOf(instanceId);
    const journal = await startJournal(instanceId);
    const error = await executor
      .run(journal, stepsFor(journal, instanceId, bigKey))
      .catch((caught: unknown) => caught);
    expect(isAppError(error) && error.code).toBe(userDataPathErrorCodes.tooLarge);
    expect(isAppError(error) && error.message).toMatch(
      /would be \d+ bytes; EC2 takes at most 16384\. Nothing was changed/,
    );
    expect(journal.entries.filter((entry) => entry.type === 'intent').map((entry) => entry.stepId)).toEqual([
      'save-user-data',
    ]);
    expect((await demo.instance('legacy-app')).State?.Name).toBe('running');
    expect(await userDataOf(instanceId)).toBe(before);
  });

  it('stops with partNotRun when cloud-init is disabled, and puts the original user data back and the instance running', async () => {
    // The first boot's script disables cloud-init for every later boot (a real cloud-init switch).
    const original = Buffer.from('#!/bin/sh\ntouch /etc/cloud/cloud-init.disabled\n');
    const instanceId = await launchLostKeyInstance('ud-no-cloud-init', original);
    const before = await userDataOf(instanceId);
    const journal = await startJournal(instanceId);
    const steps = stepsFor(journal, instanceId);
    const error = await executor.run(journal, steps).catch((caught: unknown) => caught);
    expect(isAppError(error) && error.code).toBe(userDataPathErrorCodes.partNotRun);
    expect(isAppError(error) && error.message).toContain('the rescue-volume path works without cloud-init');
    expect(executor.summarize(journal.entries, steps).map((step) => `${step.stepId}:${step.state}`)).toEqual([
      'save-user-data:done',
      'stop-instance:undone',
      'set-user-data:undone',
      'start-instance:done',
      'boot-result:failed',
      ...allSteps.slice(5).map((id) => `${id}:pending`),
    ]);
    expect(await userDataOf(instanceId)).toBe(before);
    expect((await instanceNamed(demo.ec2, 'ud-no-cloud-init')).State?.Name).toBe('running');
    expect((await login('ud-no-cloud-init')).startsWith('255:')).toBe(true);
  });

  it('resumes after a cancel between steps, and checks a half-done stop against the real state', async () => {
    const instanceId = await launchLostKeyInstance('ud-resume');
    const journal = await startJournal(instanceId);
    const controller = new AbortController();
    const steps = stepsFor(journal, instanceId);
    const cancelled = await executor
      .run(journal, steps, {
        signal: controller.signal,
        onProgress: (report) => {
          if (report.kind === 'stepDone' && report.step === 'save-user-data') controller.abort();
        },
      })
      .catch((caught: unknown) => caught);
    expect(isAppError(cancelled) && cancelled.code).toBe('operations.cancelled');
    // A crash mid-stop: the intent is journaled, the instance was stopped, no outcome was written.
    await journal.append({ type: 'intent', stepId: 'stop-instance', does: 'Stop', undo: 'Start' });
    await demo.ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
    const reopened = await journals.open(journal.id);
    const notes: string[] = [];
    const outcome = await executor.run(reopened, stepsFor(reopened, instanceId), {
      onProgress: (report) => {
        if (report.kind === 'note') notes.push(`${report.step}: ${report.detail}`);
      },
    });
    expect(outcome.verified).toBe(true);
    expect(notes).toContain(
      `stop-instance: Found already done: ${instanceId} was already stopped; nothing was sent.`,
    );
    expect(await userDataOf(instanceId)).toBeUndefined();
    expect(await login('ud-resume')).toBe('0:logged-in');
  });

  it('a crash inside set-user-data or restore-user-data is settled from the real user data, never repeated blindly', async () => {
    const original = Buffer.from('#!/bin/sh\necho kept\n');
    const instanceId = await launchLostKeyInstance('ud-half-done', original);
    const before = await userDataOf(instanceId);
    const journal = await startJournal(instanceId);
    const stopAfter = async (at: RecoveryJournal, stepId: string) => {
      const controller = new AbortController();
      await executor
        .run(at, stepsFor(at, instanceId), {
          signal: controller.signal,
          onProgress: (report) => {
            if (report.kind === 'stepDone' && report.step === stepId) controller.abort();
          },
        })
        .catch(() => undefined);
    };
    const notesOf = async (at: RecoveryJournal) => {
      const notes: string[] = [];
      const run = executor.run(at, stepsFor(at, instanceId), {
        onProgress: (report) => {
          if (report.kind === 'note') notes.push(`${report.step}: ${report.detail}`);
        },
      });
      return { run, notes };
    };
    // Killed after ModifyInstanceAttribute, before the outcome: the document of this recovery is there.
    await stopAfter(journal, 'stop-instance');
    await journal.append({ type: 'intent', stepId: 'set-user-data', does: 'Set', undo: 'Restore' });
    const document = recoveryUserData({
      recoveryId: journal.id,
      runId: 'abcdefabcdef',
      targetUser: 'ec2-user',
      publicKey: newKey.publicLine,
    });
    await demo.ec2.send(
      new ModifyInstanceAttributeCommand({
        InstanceId: instanceId,
        UserData: { Value: Buffer.from(document) },
      }),
    );
    // Killed after the restore's call: the original is back, the outcome was not written.
    const first = await journals.open(journal.id);
    await stopAfter(first, 'stop-after-verify');
    expect(journalFactsOf(await journals.open(journal.id)).userDataRunId).toBe('abcdefabcdef');
    await demo.ec2.send(
      new ModifyInstanceAttributeCommand({ InstanceId: instanceId, UserData: { Value: original } }),
    );
    const second = await journals.open(journal.id);
    await second.append({ type: 'intent', stepId: 'restore-user-data', does: 'Restore', undo: '-' });
    const { run: finished, notes } = await notesOf(await journals.open(journal.id));
    expect((await finished).verified).toBe(true);
    expect(notes).toContain(
      `restore-user-data: Found already done: ${instanceId}'s user data is the original (${original.length} bytes, ${digestOf(original)}); nothing to restore.`,
    );
    expect(await userDataOf(instanceId)).toBe(before);
    expect(await login('ud-half-done')).toBe('0:logged-in');
    // One ModifyInstanceAttribute of KeyRescue's own per setting: the set was found done, not sent again.
    const written = await journals.open(journal.id);
    expect(
      written.entries.filter((entry) => entry.type === 'intent' && entry.stepId === 'set-user-data'),
    ).toHaveLength(1);
  });

  it('a rollback with the recovery user data in place puts the original back and starts the instance', async () => {
    const instanceId = await launchLostKeyInstance(
      'ud-rollback',
      Buffer.from('#cloud-config\nbootcmd: [true]\n'),
    );
    const before = await userDataOf(instanceId);
    const journal = await startJournal(instanceId);
    const controller = new AbortController();
    const steps = stepsFor(journal, instanceId);
    await executor
      .run(journal, steps, {
        signal: controller.signal,
        onProgress: (report) => {
          if (report.kind === 'stepDone' && report.step === 'set-user-data') controller.abort();
        },
      })
      .catch(() => undefined);
    // Cancelled between steps: stopped, with KeyRescue's document as its user data.
    expect((await instanceNamed(demo.ec2, 'ud-rollback')).State?.Name).toBe('stopped');
    expect(Buffer.from((await userDataOf(instanceId)) ?? '', 'base64').toString()).toContain(
      `KEYRESCUE-USERDATA ${journal.id} run=`,
    );
    await executor.rollback(await journals.open(journal.id), steps);
    expect(await userDataOf(instanceId)).toBe(before);
    expect((await instanceNamed(demo.ec2, 'ud-rollback')).State?.Name).toBe('running');
    const reopened = await journals.open(journal.id);
    expect(
      executor
        .summarize(reopened.entries, steps)
        .slice(0, 3)
        .map((step) => `${step.stepId}:${step.state}`),
    ).toEqual(['save-user-data:undone', 'stop-instance:undone', 'set-user-data:undone']);
    // The boot never ran the document, so the new key is not on the instance: sshd refused it.
    expect(executor.summarize(reopened.entries, steps)[0]?.result).toBe(
      `The new key does not log in to ${instanceId} as ec2-user: it is not in ec2-user's authorized_keys; nothing to remove.`,
    );
  });
});

describe('stop and start with realistic timings', () => {
  let slow: DemoAccount;
  beforeAll(async () => {
    slow = await startDemoAccount({ speed: 'realistic' });
  });
  afterAll(() => slow.stop());

  it('report progress with the elapsed seconds while EC2 stops and starts the instance', async () => {
    const instanceId = (await slow.instance('legacy-app')).InstanceId ?? '';
    const target = {
      account: slow.account,
      region: slow.region,
      instanceId,
      clock: systemClock,
      sleep: timerSleeper,
      limits: { firstDelayMs: 500, maxDelayMs: 1000, maxWaitMs: 30_000 },
    };
    const notes: string[] = [];
    const ctx = {
      recoveryId: 'rec-20261202-140000-0a1b2c3d',
      signal: new AbortController().signal,
      facts: {},
      note: (detail: string) => notes.push(detail),
    };
    const stopped = await stopInstanceStep({
      id: 'stop-instance',
      does: 'Stop',
      undo: 'Start',
      target,
      restartOnUndo: true,
    }).apply(ctx);
    // The sandbox takes 5 s to stop: the notes count the seconds, the result says how long it took.
    expect(notes.length).toBeGreaterThan(2);
    for (const note of notes)
      expect(note).toMatch(new RegExp(`^Stopping ${instanceId}… \\d+ s \\(stopping\\)$`));
    expect(stopped.result).toMatch(
      new RegExp(`^Stopped ${instanceId} \\(([4-9]|\\d\\d) s, not forced\\)\\.$`),
    );
    notes.length = 0;
    const lookup = practiceSshEndpointLookup(slow.account);
    const started = await startInstanceStep({
      id: 'start-instance',
      does: 'Start',
      undo: '-',
      target,
      endpointOf: async (addresses) =>
        chooseSshEndpoint({
          instanceId,
          addresses,
          lookedUp: await lookup.endpointOf(instanceId, slow.region),
        }),
    }).apply(ctx);
    expect(
      notes.some((note) => new RegExp(`^Starting ${instanceId}… \\d+ s \\(pending\\)$`).test(note)),
    ).toBe(true);
    expect(started.facts?.endpointHost).toBe('127.0.0.1');
    expect((await slow.instance('legacy-app')).State?.Name).toBe('running');
  });
});
