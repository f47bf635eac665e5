import { appendFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StepReport } from '../../ipc/operations/operation-registry';
import { recoveryErrorCodes } from '../recovery-errors';
import { stepText } from '../journal/step-texts';
import { RecoveryExecutor } from './executor';
import type { StepFacts } from './recovery-step';
import { failure, intent, start } from './test-support/executor-fixtures';
import { fileStep, lines, story } from './test-support/file-steps';
import { useExecutorWorkspace } from './test-support/executor-workspace';

// The executor over a real journal (files in the test's temp folder) and real steps whose effect
// is a line in a real file. Crash points are journals built to stop there, with the file as the
// crash left it; crash-resume.test.ts kills a real child process at each of them.
const ws = useExecutorWorkspace();
const executor = new RecoveryExecutor();

describe('a run from the start', () => {
  it('runs the steps in order, intent before and done after each, and passes facts on', async () => {
    const seen: StepFacts[] = [];
    const steps = [
      fileStep(ws.file, 'ingress-add', { facts: { ruleId: 'sgr-0abc' } }),
      fileStep(ws.file, 'append-key', { facts: { hostKeyFingerprint: 'SHA256:one' }, seen }),
      fileStep(ws.file, 'verify', { kind: 'verify', facts: { host: '203.0.113.7' }, seen }),
    ];
    const journal = await ws.journals.start(start);
    const reports: StepReport[] = [];
    const result = await executor.run(journal, steps, { onProgress: (entry) => reports.push(entry) });

    expect(lines(ws.file)).toEqual(['ingress-add', 'append-key', 'verify']);
    expect(seen).toEqual([{ ruleId: 'sgr-0abc' }, { ruleId: 'sgr-0abc', hostKeyFingerprint: 'SHA256:one' }]);
    expect(story((await ws.reopen(journal)).entries)).toEqual([
      'intent:ingress-add',
      'done:ingress-add',
      'intent:append-key',
      'done:append-key',
      'intent:verify',
      'done:verify',
      'verified',
    ]);
    expect(journal.entries.at(-1)).toMatchObject({
      type: 'verified',
      targetUser: 'ec2-user',
      host: '203.0.113.7',
      newKeyFingerprint: start.newKeyFingerprint,
    });
    expect(journal.entries[2]).toMatchObject({ type: 'done', facts: { ruleId: 'sgr-0abc' } });
    expect(result).toEqual({
      verified: true,
      facts: { ruleId: 'sgr-0abc', hostKeyFingerprint: 'SHA256:one', host: '203.0.113.7' },
    });
    expect(reports.slice(0, 2)).toEqual([
      { kind: 'step', step: 'ingress-add', detail: 'Append ingress-add to the test file', done: 0, total: 3 },
      { kind: 'stepDone', step: 'ingress-add', detail: 'Appended ingress-add.', done: 1, total: 3 },
    ]);
    expect(reports.map((entry) => entry.kind)).toEqual([
      'step',
      'stepDone',
      'step',
      'stepDone',
      'step',
      'stepDone',
    ]);
  });

  it('a step is not run before its intent is on disk', async () => {
    const journal = await ws.journals.start(start);
    let onDisk: string[] = [];
    const step = fileStep(ws.file, 'append-key');
    const apply = step.apply.bind(step);
    const watched = {
      ...step,
      apply: async (ctx: Parameters<typeof apply>[0]) => {
        onDisk = story((await ws.journals.read(journal.id)).entries);
        return apply(ctx);
      },
    };
    await executor.run(journal, [watched]);
    expect(onDisk).toEqual(['intent:append-key']);
  });

  it('notes from inside a step go to progress with the step id, bounded and on one line', async () => {
    const journal = await ws.journals.start(start);
    const reports: StepReport[] = [];
    const step = fileStep(ws.file, 'send-command', {
      afterEffect: (ctx) => ctx.note(`InProgress\n${'x'.repeat(600)}`),
    });
    await executor.run(journal, [step], { onProgress: (entry) => reports.push(entry) });
    const note = reports.find((entry) => entry.kind === 'note')!;
    expect(note.step).toBe('send-command');
    expect(note.detail).toMatch(/^InProgress x+…$/);
    expect(note.detail).toHaveLength(500);
  });

  it('refuses a step list that names one id twice', async () => {
    const journal = await ws.journals.start(start);
    await expect(executor.run(journal, [fileStep(ws.file, 'a'), fileStep(ws.file, 'a')])).rejects.toThrow(
      'Step id a appears twice',
    );
    expect(lines(ws.file)).toEqual([]);
  });
});

describe('resume: the journal is the truth', () => {
  it('skips done steps (their facts join ctx.facts) and runs the rest', async () => {
    const journal = await ws.journals.start(start);
    await journal.append(intent('ingress-add'));
    await journal.append({
      type: 'done',
      stepId: 'ingress-add',
      result: 'Rule added.',
      facts: { ruleId: 'sgr-1' },
    });
    const seen: StepFacts[] = [];
    const reports: StepReport[] = [];
    await executor.run(
      await ws.reopen(journal),
      [fileStep(ws.file, 'ingress-add'), fileStep(ws.file, 'append-key', { seen })],
      {
        onProgress: (entry) => reports.push(entry),
      },
    );
    expect(lines(ws.file)).toEqual(['append-key']);
    expect(seen).toEqual([{ ruleId: 'sgr-1' }]);
    expect(reports[0]).toEqual({
      kind: 'stepDone',
      step: 'ingress-add',
      detail: 'Rule added.',
      done: 1,
      total: 2,
    });
  });

  it('after an intent without outcome, a check that finds it done journals done and does not repeat it', async () => {
    const journal = await ws.journals.start(start);
    await journal.append(intent('append-key'));
    appendFileSync(ws.file, 'append-key\n'); // the crash came after the effect, before `done`
    const step = fileStep(ws.file, 'append-key', {
      check: true,
      facts: { file: '/home/ec2-user/.ssh/authorized_keys' },
    });
    await executor.run(await ws.reopen(journal), [step, fileStep(ws.file, 'next')]);
    expect(lines(ws.file)).toEqual(['append-key', 'next']);
    const entries = (await ws.journals.read(journal.id)).entries;
    expect(story(entries)).toEqual(['intent:append-key', 'done:append-key', 'intent:next', 'done:next']);
    expect(entries[2]).toMatchObject({
      result: 'Found append-key already there.',
      facts: { file: '/home/ec2-user/.ssh/authorized_keys' },
    });
  });

  it('after an intent without outcome, a check that finds it not done journals a new intent and applies', async () => {
    const journal = await ws.journals.start(start);
    await journal.append(intent('append-key'));
    await executor.run(await ws.reopen(journal), [fileStep(ws.file, 'append-key', { check: true })]);
    expect(lines(ws.file)).toEqual(['append-key']);
    expect(story((await ws.journals.read(journal.id)).entries)).toEqual([
      'intent:append-key',
      'intent:append-key',
      'done:append-key',
    ]);
  });

  it('a repeatable step without a check is applied again after an interrupted intent', async () => {
    const journal = await ws.journals.start(start);
    await journal.append(intent('append-key'));
    await executor.run(await ws.reopen(journal), [fileStep(ws.file, 'append-key', { repeatable: true })]);
    expect(story((await ws.journals.read(journal.id)).entries)).toEqual([
      'intent:append-key',
      'intent:append-key',
      'done:append-key',
    ]);
  });

  it.each([
    ['no check and not repeatable', { repeatable: false }],
    ['a check that cannot tell', { check: 'unknown' as const }],
  ])(
    'stops with recovery.stepUncertain (%s), changing nothing and saying what to check',
    async (_, options) => {
      const journal = await ws.journals.start(start);
      await journal.append(intent('ingress-add'));
      const error = await failure(
        executor.run(await ws.reopen(journal), [
          fileStep(ws.file, 'ingress-add', options),
          fileStep(ws.file, 'next'),
        ]),
      );
      expect(error.code).toBe(recoveryErrorCodes.stepUncertain);
      expect(error.message).toBe(
        `Recovery ${journal.id} stopped while step ingress-add ran ("Append ingress-add to the test file"), and KeyRescue cannot tell whether it happened. Check by hand whether it did (its undo: "Nothing to undo"), then resume or roll back.`,
      );
      expect(error.details).toMatchObject({ step: 'ingress-add', id: journal.id });
      expect(lines(ws.file)).toEqual([]);
      expect(story((await ws.journals.read(journal.id)).entries)).toEqual(['intent:ingress-add']);
    },
  );

  it('a failed step is retried with a new intent', async () => {
    const journal = await ws.journals.start(start);
    await journal.append(intent('append-key'));
    await journal.append({ type: 'failed', stepId: 'append-key', errorCode: 'recovery.sshTimedOut' });
    await executor.run(await ws.reopen(journal), [fileStep(ws.file, 'append-key')]);
    expect(lines(ws.file)).toEqual(['append-key']);
    expect(story((await ws.journals.read(journal.id)).entries)).toEqual([
      'intent:append-key',
      'failed:append-key',
      'intent:append-key',
      'done:append-key',
    ]);
  });

  it('a verify step done before a crash that left out `verified` gets it on resume, without logging in again', async () => {
    const journal = await ws.journals.start(start);
    await journal.append(intent('verify'));
    await journal.append({
      type: 'done',
      stepId: 'verify',
      result: 'Logged in.',
      facts: { host: 'h.example' },
    });
    const result = await executor.run(await ws.reopen(journal), [
      fileStep(ws.file, 'verify', { kind: 'verify' }),
    ]);
    expect(lines(ws.file)).toEqual([]);
    expect(result.verified).toBe(true);
    expect((await ws.journals.read(journal.id)).entries.at(-1)).toMatchObject({
      type: 'verified',
      host: 'h.example',
    });
  });

  it('nothing runs in a finished or abandoned recovery', async () => {
    const journal = await ws.journals.start(start);
    await ws.journals.markAbandoned(journal.id, 'user gave up');
    const error = await failure(executor.run(await ws.reopen(journal), [fileStep(ws.file, 'a')]));
    expect(error.code).toBe(recoveryErrorCodes.recoveryClosed);
    expect(error.details).toMatchObject({ state: 'abandoned' });
    expect(lines(ws.file)).toEqual([]);
  });
});

describe('structured step texts', () => {
  it('journals them with the intent and the outcome; one the journal refuses is left out, the entry kept', async () => {
    const keyLike = 'A'.repeat(60);
    const step = (id: string, user: string) => ({
      ...fileStep(ws.file, id),
      text: {
        does: stepText('verify.does', { user }),
        undo: stepText('verify.undo'),
      },
      apply: async () => {
        appendFileSync(ws.file, `${id}\n`);
        return { result: `Appended ${id}.`, text: [stepText('ppkCopy.present', { path: user })] };
      },
    });
    const journal = await ws.journals.start(start);
    await executor.run(journal, [step('texted', 'ec2-user'), step('refused', keyLike)]);
    const entries = (await ws.reopen(journal)).entries;
    expect(entries.slice(1, 3)).toMatchObject([
      {
        type: 'intent',
        stepId: 'texted',
        text: { does: { key: 'verify.does', params: { user: 'ec2-user' } }, undo: { key: 'verify.undo' } },
      },
      { type: 'done', stepId: 'texted', text: [{ key: 'ppkCopy.present', params: { path: 'ec2-user' } }] },
    ]);
    expect(entries.slice(3).map((entry) => [entry.type, 'text' in entry])).toEqual([
      ['intent', false],
      ['done', false],
    ]);
    expect(lines(ws.file)).toEqual(['texted', 'refused']);
  });
});
