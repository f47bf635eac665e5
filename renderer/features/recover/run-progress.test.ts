import { describe, expect, it } from 'vitest';
import type { OperationProgress } from '../../../src/ipc/contracts/operations';
import {
  applyEntry,
  elapsedSeconds,
  instanceStateKeys,
  liveNote,
  mergeSummaries,
  pendingSteps,
  stoppedAt,
} from './run-progress';

let seq = 0;
const entry = (
  kind: OperationProgress['kind'],
  step: string,
  at: number,
  extra: Partial<OperationProgress> = {},
) => ({ operationId: 'op', seq: ++seq, kind, step, at, ...extra }) as OperationProgress;

describe('run progress', () => {
  it('moves planned steps through running and done, with times and notes', () => {
    let steps = pendingSteps(['ingress-add', 'append-key', 'verify']);
    steps = applyEntry(steps, entry('started', 'recovery.run', 0));
    steps = applyEntry(steps, entry('step', 'ingress-add', 1000));
    steps = applyEntry(steps, entry('note', 'ingress-add', 1500, { detail: 'sgr-1' }));
    expect(steps[0]).toEqual({ id: 'ingress-add', state: 'running', startedAt: 1000, note: 'sgr-1' });
    expect(elapsedSeconds(steps[0]!, 4400)).toBe(3);
    steps = applyEntry(steps, entry('stepDone', 'ingress-add', 3000));
    expect(steps[0]).toMatchObject({ state: 'done', endedAt: 3000 });
    expect(elapsedSeconds(steps[0]!, 99_000)).toBe(2);
    expect(elapsedSeconds(steps[1]!, 99_000)).toBeNull();
    steps = applyEntry(steps, entry('step', 'append-key', 3000));
    steps = applyEntry(
      steps,
      entry('stepFailed', 'append-key', 5000, {
        error: { code: 'recovery.sshPortClosed', message: 'closed' },
      }),
    );
    expect(stoppedAt(steps)).toMatchObject({ id: 'append-key', error: { code: 'recovery.sshPortClosed' } });
    expect(steps[2]).toEqual({ id: 'verify', state: 'pending' });
  });

  it('adds a step it did not plan at the end, and ignores notes about no step', () => {
    let steps = pendingSteps(['verify']);
    steps = applyEntry(steps, entry('note', 'elsewhere', 1, { detail: 'x' }));
    expect(steps).toHaveLength(1);
    steps = applyEntry(steps, entry('step', 'throwaway-key', 2));
    expect(steps.map((step) => step.id)).toEqual(['verify', 'throwaway-key']);
  });

  it('takes the journal’s summary at the end, keeping the times seen live', () => {
    const live = applyEntry(pendingSteps(['append-key', 'verify']), entry('step', 'append-key', 10));
    const merged = mergeSummaries(live, [
      { stepId: 'append-key', state: 'done' },
      { stepId: 'verify', state: 'failed', errorCode: 'recovery.sshAuthFailed' },
    ]);
    expect(merged[0]).toMatchObject({ state: 'done', startedAt: 10 });
    expect(merged[1]).toMatchObject({ state: 'failed', error: { code: 'recovery.sshAuthFailed' } });
    const skipped = mergeSummaries(pendingSteps(['ingress-add', 'verify']), [
      { stepId: 'verify', state: 'done' },
    ]);
    expect(skipped.map((step) => `${step.id}:${step.state}`)).toEqual(['verify:done', 'ingress-add:skipped']);
  });

  it('says where a stopped run left the instance', () => {
    const done = (ids: string[]) => ids.map((id) => ({ id, state: 'done' as const }));
    expect(instanceStateKeys(pendingSteps(['append-key']))).toEqual(['outcome.state.untouched']);
    expect(instanceStateKeys(done(['ingress-add']))).toEqual([
      'outcome.state.ingressOpen',
      'outcome.state.keyNotAdded',
    ]);
    expect(instanceStateKeys(done(['ingress-add', 'import-key-pair', 'append-key']), false)).toEqual([
      'outcome.state.keyPairImported',
      'outcome.state.keyAdded',
    ]);
  });

  it('a stop path: says the instance is stopped and its user data changed until the steps put them back', () => {
    const done = (ids: string[]) => ids.map((id) => ({ id, state: 'done' as const }));
    expect(instanceStateKeys(done(['save-user-data', 'stop-instance', 'set-user-data']))).toEqual([
      'outcome.state.instanceStopped',
      'outcome.state.userDataChanged',
      'outcome.state.keyNotAdded',
    ]);
    expect(
      instanceStateKeys(
        done(['save-user-data', 'stop-instance', 'set-user-data', 'start-instance', 'boot-result']),
      ),
    ).toEqual(['outcome.state.userDataChanged', 'outcome.state.keyAdded']);
    expect(instanceStateKeys(done(['record-root', 'snapshot-root', 'stop-target', 'rescue-edit']))).toEqual([
      'outcome.state.instanceStopped',
      'outcome.state.keyAdded',
    ]);
  });
});

describe('live notes the UI says in its own language', () => {
  it("reads the engine's stop, start and snapshot waits; anything else is left as written", () => {
    expect(liveNote('Stopping i-0abc123… 38 s (stopping)')).toEqual({ kind: 'stopping', seconds: 38 });
    expect(liveNote('Starting i-0abc123… 4 s (pending)')).toEqual({ kind: 'starting', seconds: 4 });
    expect(liveNote('Snapshot snap-0123abcd: pending 62%… 38 s')).toEqual({
      kind: 'snapshot',
      percent: 62,
      seconds: 38,
    });
    expect(liveNote('Snapshot snap-0123abcd: pending 0%')).toEqual({
      kind: 'snapshot',
      percent: 0,
      seconds: null,
    });
    expect(liveNote('Mounting vol-1 at /mnt/x on i-0abc')).toBeNull();
    expect(liveNote(undefined)).toBeNull();
  });
});
