import { appendFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StepReport } from '../../ipc/operations/operation-registry';
import { AppError } from '../../ipc/app-error';
import { recoveryErrorCodes } from '../recovery-errors';
import { RecoveryExecutor } from './executor';
import type { RecoveryStep, StepFacts } from './recovery-step';
import { failure, intent, start } from './test-support/executor-fixtures';
import { fileStep, lines, story } from './test-support/file-steps';
import { useExecutorWorkspace } from './test-support/executor-workspace';

// The executor over a real journal (files in the test's temp folder) and real steps whose effect
// is a line in a real file. Crash points are journals built to stop there, with the file as the
// crash left it; crash-resume.test.ts kills a real child process at each of them. This file: failure, cancel, undo.
const ws = useExecutorWorkspace();
const executor = new RecoveryExecutor();

describe('failure', () => {
  it('journals the failure with its code, undoes revertOnFailure steps last first, and rethrows the original', async () => {
    const boom = new AppError(recoveryErrorCodes.sshPortClosed, 'Port 22 on 203.0.113.7 is closed.');
    const steps = [
      fileStep(ws.file, 'ingress-a', { revert: true, revertOnFailure: true }),
      fileStep(ws.file, 'append-key', { revert: true }),
      fileStep(ws.file, 'ingress-b', { revert: true, revertOnFailure: true }),
      fileStep(ws.file, 'verify', { kind: 'verify', fail: boom }),
      fileStep(ws.file, 'never'),
    ];
    const journal = await ws.journals.start(start);
    const reports: StepReport[] = [];
    const error = await failure(executor.run(journal, steps, { onProgress: (entry) => reports.push(entry) }));
    expect(error).toBe(boom);
    expect(lines(ws.file)).toEqual(['append-key']);
    const entries = (await ws.journals.read(journal.id)).entries;
    expect(story(entries).slice(6)).toEqual([
      'intent:verify',
      'failed:verify',
      'undoIntent:ingress-b',
      'undone:ingress-b',
      'undoIntent:ingress-a',
      'undone:ingress-a',
    ]);
    expect(entries[8]).toMatchObject({
      errorCode: 'recovery.sshPortClosed',
      result: 'Port 22 on 203.0.113.7 is closed.',
    });
    expect(reports.filter((entry) => entry.kind === 'stepFailed')).toEqual([
      {
        kind: 'stepFailed',
        step: 'verify',
        error: { code: 'recovery.sshPortClosed', message: boom.message },
      },
    ]);
    expect(executor.summarize(entries, steps).map((step) => step.state)).toEqual([
      'undone',
      'done',
      'undone',
      'failed',
      'pending',
    ]);
  });

  it('an undo that fails is reported, the others still run, and the original error is thrown', async () => {
    const boom = new AppError(recoveryErrorCodes.sshTimedOut, 'Timed out.');
    const revokeFailed = new AppError('aws.accessDenied', 'Not allowed to revoke.');
    const steps = [
      fileStep(ws.file, 'ingress-a', { revert: true, revertOnFailure: true }),
      fileStep(ws.file, 'ingress-b', { revert: true, revertOnFailure: true, failRevert: revokeFailed }),
      fileStep(ws.file, 'append-key', { fail: boom }),
    ];
    const journal = await ws.journals.start(start);
    const reports: StepReport[] = [];
    expect(await failure(executor.run(journal, steps, { onProgress: (entry) => reports.push(entry) }))).toBe(
      boom,
    );
    expect(lines(ws.file)).toEqual(['ingress-b']);
    expect(story(journal.entries).slice(6)).toEqual([
      'undoIntent:ingress-b',
      'undoIntent:ingress-a',
      'undone:ingress-a',
    ]);
    expect(reports).toContainEqual({
      kind: 'stepFailed',
      step: 'ingress-b',
      error: { code: 'aws.accessDenied', message: 'Not allowed to revoke.' },
    });
  });

  it('a resume after a failure that undid a step runs again what was done after it, not only the undone step', async () => {
    // The user data path's shape: a failure after the start undid the stop and the set; what the
    // start did is gone with them, so the resume must start again, not skip to the failed step.
    let fail: Error | undefined = new AppError('aws.unavailable', 'AWS could not answer.');
    const steps = [
      fileStep(ws.file, 'stop', { revert: true, revertOnFailure: true, repeatable: true }),
      fileStep(ws.file, 'set', { revert: true, revertOnFailure: true }),
      fileStep(ws.file, 'start', { repeatable: true }),
      {
        ...fileStep(ws.file, 'boot-result'),
        apply: (ctx: Parameters<RecoveryStep['apply']>[0]) =>
          fail ? Promise.reject(fail) : fileStep(ws.file, 'boot-result').apply(ctx),
      },
    ];
    const journal = await ws.journals.start(start);
    await failure(executor.run(journal, steps));
    expect(lines(ws.file)).toEqual(['start']);
    fail = undefined;
    const reopened = await ws.reopen(journal);
    await executor.run(reopened, steps);
    expect(lines(ws.file)).toEqual(['start', 'stop', 'set', 'start', 'boot-result']);
    expect(executor.summarize(reopened.entries, steps).map((step) => step.state)).toEqual([
      'done',
      'done',
      'done',
      'done',
    ]);
  });

  it('an unexpected (non-AppError) failure is journaled as ipc.internal without its message', async () => {
    const journal = await ws.journals.start(start);
    await expect(
      executor.run(journal, [fileStep(ws.file, 'a', { fail: new Error('secret-ish internals') })]),
    ).rejects.toThrow('secret-ish internals');
    expect(journal.entries.at(-1)).toMatchObject({
      type: 'failed',
      errorCode: 'ipc.internal',
      result: 'The step failed unexpectedly (an internal error).',
    });
  });

  it('an outcome with key-like facts keeps the step done and leaves those facts out', async () => {
    const journal = await ws.journals.start(start);
    const step = fileStep(ws.file, 'a', { facts: { ok: 'sgr-1', leaked: 'A'.repeat(60), fine: 'x' } });
    const result = await executor.run(journal, [step]);
    expect(result.facts).toEqual({ ok: 'sgr-1', fine: 'x' });
    expect(journal.entries.at(-1)).toMatchObject({ type: 'done', facts: { ok: 'sgr-1', fine: 'x' } });
  });
});

describe('cancellation', () => {
  it('is honoured between steps only: the running step finishes and is journaled, the next never starts', async () => {
    const controller = new AbortController();
    const steps = [
      fileStep(ws.file, 'ingress-add', {
        revert: true,
        revertOnFailure: true,
        afterEffect: () => controller.abort(),
      }),
      fileStep(ws.file, 'append-key'),
    ];
    const journal = await ws.journals.start(start);
    const error = await failure(executor.run(journal, steps, { signal: controller.signal }));
    expect(error.code).toBe('operations.cancelled');
    expect(error.details).toEqual({ id: journal.id, step: 'append-key' });
    // Resumable: the temporary rule stays (cancel is not failure), nothing is open.
    expect(lines(ws.file)).toEqual(['ingress-add']);
    expect(story(journal.entries)).toEqual(['intent:ingress-add', 'done:ingress-add']);
    await executor.run(await ws.reopen(journal), steps);
    expect(lines(ws.file)).toEqual(['ingress-add', 'append-key']);
  });

  it('a step that stops on the signal is journaled failed, nothing is undone, and the run throws cancelled', async () => {
    const controller = new AbortController();
    const stopped = new AppError(recoveryErrorCodes.sshCancelled, 'The SSH connection was cancelled.');
    const steps = [
      fileStep(ws.file, 'ingress-add', { revert: true, revertOnFailure: true }),
      { ...fileStep(ws.file, 'append-key'), apply: () => (controller.abort(), Promise.reject(stopped)) },
    ];
    const journal = await ws.journals.start(start);
    const error = await failure(executor.run(journal, steps, { signal: controller.signal }));
    expect(error.code).toBe('operations.cancelled');
    expect(story(journal.entries)).toEqual([
      'intent:ingress-add',
      'done:ingress-add',
      'intent:append-key',
      'failed:append-key',
    ]);
    expect(lines(ws.file)).toEqual(['ingress-add']);
  });
});

describe('rollback', () => {
  const undoable = () => [
    fileStep(ws.file, 'ingress-add', { revert: true }),
    fileStep(ws.file, 'note-only'),
    fileStep(ws.file, 'append-key', { revert: true }),
  ];

  it('undoes every done step with a revert, last first, journaled', async () => {
    const journal = await ws.journals.start(start);
    await executor.run(journal, undoable());
    await executor.rollback(journal, undoable());
    expect(lines(ws.file)).toEqual(['note-only']);
    expect(story(journal.entries).slice(6)).toEqual([
      'undoIntent:append-key',
      'undone:append-key',
      'undoIntent:ingress-add',
      'undone:ingress-add',
    ]);
    // Again: nothing left to undo.
    await executor.rollback(await ws.reopen(journal), undoable());
    expect((await ws.journals.read(journal.id)).entries).toHaveLength(11);
  });

  it('is resumable: an undo the process died in runs again; a done undo is not repeated', async () => {
    const journal = await ws.journals.start(start);
    await executor.run(journal, undoable());
    await journal.append({ type: 'undoIntent', stepId: 'append-key', does: 'Remove it' });
    await executor.rollback(await ws.reopen(journal), undoable());
    expect(lines(ws.file)).toEqual(['note-only']);
    expect(story((await ws.journals.read(journal.id)).entries).slice(6)).toEqual([
      'undoIntent:append-key',
      'undoIntent:append-key',
      'undone:append-key',
      'undoIntent:ingress-add',
      'undone:ingress-add',
    ]);
  });

  it('the undo gets its own step facts (the rule id it must revoke)', async () => {
    const journal = await ws.journals.start(start);
    const seen: StepFacts[] = [];
    const a = { ...fileStep(ws.file, 'a', { revert: true, facts: { ruleId: 'sgr-a' } }) };
    const b = fileStep(ws.file, 'b', { facts: { ruleId: 'sgr-b' } });
    await executor.run(journal, [a, b]);
    await executor.rollback(journal, [
      { ...a, revert: (ctx) => (seen.push({ ...ctx.facts }), Promise.resolve('Revoked.')) },
      b,
    ]);
    expect(seen).toEqual([{ ruleId: 'sgr-a' }]);
  });

  it('settles an interrupted step first: checked done → journaled done, then undone; checked not done → left', async () => {
    const journal = await ws.journals.start(start);
    appendFileSync(ws.file, 'ingress-add\n');
    await journal.append(intent('ingress-add'));
    await journal.append(intent('append-key'));
    const steps = [
      fileStep(ws.file, 'ingress-add', { revert: true, check: true }),
      fileStep(ws.file, 'append-key', { revert: true, check: true }),
    ];
    await executor.rollback(await ws.reopen(journal), steps);
    expect(lines(ws.file)).toEqual([]);
    expect(story((await ws.journals.read(journal.id)).entries)).toEqual([
      'intent:ingress-add',
      'intent:append-key',
      'done:ingress-add',
      'undoIntent:ingress-add',
      'undone:ingress-add',
    ]);
  });

  it('checks a failed step that may have half-happened: found done → journaled done, then undone; else left', async () => {
    const journal = await ws.journals.start(start);
    // Both failed (a cancelled wait, a refused call); only the first left its effect behind.
    appendFileSync(ws.file, 'stop-instance\n');
    await journal.append(intent('stop-instance'));
    await journal.append({
      type: 'failed',
      stepId: 'stop-instance',
      result: 'Cancelled.',
      errorCode: 'operations.cancelled',
    });
    await journal.append(intent('set-user-data'));
    await journal.append({
      type: 'failed',
      stepId: 'set-user-data',
      result: 'Refused.',
      errorCode: 'aws.accessDenied',
    });
    const steps = [
      fileStep(ws.file, 'stop-instance', { revert: true, check: true }),
      fileStep(ws.file, 'set-user-data', { revert: true, check: true }),
      fileStep(ws.file, 'unchecked', { revert: true }),
    ];
    await executor.rollback(await ws.reopen(journal), steps);
    expect(lines(ws.file)).toEqual([]);
    // The settled step is journaled as a new attempt that is done, then undone.
    expect(story((await ws.journals.read(journal.id)).entries).slice(4)).toEqual([
      'intent:stop-instance',
      'done:stop-instance',
      'undoIntent:stop-instance',
      'undone:stop-instance',
    ]);
  });

  it('an interrupted step nobody can tell stops the rollback with recovery.stepUncertain', async () => {
    const journal = await ws.journals.start(start);
    await journal.append(intent('ingress-add'));
    const error = await failure(
      executor.rollback(journal, [fileStep(ws.file, 'ingress-add', { revert: true })]),
    );
    expect(error.code).toBe(recoveryErrorCodes.stepUncertain);
    expect(error.message).toContain('then undo it yourself and abandon the recovery.');
  });
});

describe('finish', () => {
  it('is refused before `verified`, and appends `finished` after', async () => {
    const journal = await ws.journals.start(start);
    await executor.run(journal, [fileStep(ws.file, 'append-key')]);
    const error = await failure(executor.finish(journal));
    expect(error.code).toBe(recoveryErrorCodes.notVerified);
    expect(journal.entries.at(-1)?.type).toBe('done');
    await executor.run(journal, [
      fileStep(ws.file, 'append-key'),
      fileStep(ws.file, 'verify', { kind: 'verify', facts: { host: 'h' } }),
    ]);
    await executor.finish(journal);
    expect(story((await ws.journals.read(journal.id)).entries).slice(-2)).toEqual(['verified', 'finished']);
    expect((await failure(executor.finish(journal))).code).toBe(recoveryErrorCodes.recoveryClosed);
  });
});

describe('summarize', () => {
  it('says pending, running (interrupted), done, failed and undone per step, from the journal', async () => {
    const journal = await ws.journals.start(start);
    const steps = ['a', 'b', 'c', 'd', 'e'].map((id) => fileStep(ws.file, id));
    await journal.append(intent('a'));
    await journal.append({ type: 'done', stepId: 'a', result: 'A done.' });
    await journal.append(intent('b'));
    await journal.append({
      type: 'failed',
      stepId: 'b',
      errorCode: 'recovery.sshTimedOut',
      result: 'Timed out.',
    });
    await journal.append(intent('c'));
    await journal.append({ type: 'done', stepId: 'c', result: 'C done.' });
    await journal.append({ type: 'undoIntent', stepId: 'c', does: 'Undo c' });
    await journal.append({ type: 'undone', stepId: 'c', result: 'C undone.' });
    await journal.append(intent('d'));
    expect(executor.summarize(journal.entries, steps)).toEqual([
      { stepId: 'a', state: 'done', result: 'A done.' },
      { stepId: 'b', state: 'failed', errorCode: 'recovery.sshTimedOut', result: 'Timed out.' },
      { stepId: 'c', state: 'undone', result: 'C undone.' },
      { stepId: 'd', state: 'running' },
      { stepId: 'e', state: 'pending' },
    ]);
  });
});
