import type { OperationProgress } from '../../../src/ipc/contracts/operations';

// The live step list of a recovery run or cleanup, built from its `operation:progress` entries
// (step ids as `step`), so the page shows each step's state, elapsed time and last note.

export interface StepView {
  id: string;
  state: 'pending' | 'running' | 'done' | 'failed' | 'skipped' | 'undone';
  /** When it started and ended (ms since the epoch, the registry's clock). */
  startedAt?: number;
  endedAt?: number;
  /** The step's latest `note` ("InProgress, 12 s"). */
  note?: string;
  error?: { code: string; message: string };
}

/** Steps as planned, all pending (the run fills them in; a step it adds goes at the end). */
export function pendingSteps(ids: string[]): StepView[] {
  return ids.map((id) => ({ id, state: 'pending' }));
}

const stateOf: Partial<Record<OperationProgress['kind'], StepView['state']>> = {
  step: 'running',
  stepDone: 'done',
  stepFailed: 'failed',
};

/** The step list after one entry; entries about the operation itself (start, end) change nothing. */
export function applyEntry(steps: StepView[], entry: OperationProgress): StepView[] {
  const state = stateOf[entry.kind];
  if (!state && entry.kind !== 'note') return steps;
  const index = steps.findIndex((step) => step.id === entry.step);
  if (index < 0 && !state) return steps; // a note about no step shown
  const current: StepView = index >= 0 ? (steps[index] as StepView) : { id: entry.step, state: 'pending' };
  let next: StepView;
  if (entry.kind === 'note') next = entry.detail ? { ...current, note: entry.detail } : current;
  else if (state === 'running') next = { id: current.id, state, startedAt: entry.at };
  else
    next = {
      ...current,
      state: state ?? current.state,
      endedAt: entry.at,
      ...(entry.error ? { error: entry.error } : {}),
    };
  return index >= 0 ? steps.map((step, at) => (at === index ? next : step)) : [...steps, next];
}

/** Steps as the journal summarised them (a finished run), keeping times seen live. */
export function mergeSummaries(
  steps: StepView[],
  summaries: { stepId: string; state: StepView['state']; errorCode?: string | undefined }[],
): StepView[] {
  const merged = summaries.map((summary): StepView => {
    const live = steps.find((step) => step.id === summary.stepId);
    return {
      ...(live ?? {}),
      id: summary.stepId,
      state: summary.state,
      ...(summary.errorCode && !live?.error ? { error: { code: summary.errorCode, message: '' } } : {}),
    };
  });
  // A planned step the run did not need (port 22 was open: no temporary rule) never ran: skipped.
  const notRun = steps
    .filter((step) => !summaries.some((summary) => summary.stepId === step.id))
    .map((step): StepView => (step.state === 'pending' ? { ...step, state: 'skipped' } : step));
  return [...merged, ...notRun];
}

/** Whole seconds a step took, or has taken so far at `now`; null before it started. */
export function elapsedSeconds(step: StepView, now: number): number | null {
  if (step.startedAt === undefined) return null;
  return Math.max(0, Math.round(((step.endedAt ?? now) - step.startedAt) / 1000));
}

/** The stop paths' stop steps and the start steps that follow them. */
const stopsToStarts = [
  ['stop-instance', 'start-instance'],
  ['stop-after-verify', 'start-after-restore'],
  ['stop-target', 'start-target'],
] as const;

/**
 * Where a stopped run left the instance, as locale keys (`outcome.state.*`): what is changed and
 * what is still open, so a failure never leaves the user guessing.
 */
export function instanceStateKeys(steps: StepView[], ingressRuleOpen?: boolean): string[] {
  const done = new Set(steps.filter((step) => step.state === 'done').map((step) => step.id));
  if (done.size === 0 && !ingressRuleOpen) return ['outcome.state.untouched'];
  const keys: string[] = [];
  if (ingressRuleOpen ?? (done.has('ingress-add') && !done.has('ingress-revoke')))
    keys.push('outcome.state.ingressOpen');
  if (done.has('import-key-pair')) keys.push('outcome.state.keyPairImported');
  // A stop path: stopped by a step whose matching start has not run (an undone stop restarted it).
  if (stopsToStarts.some(([stop, start]) => done.has(stop) && !done.has(start)))
    keys.push('outcome.state.instanceStopped');
  if (done.has('set-user-data') && !done.has('restore-user-data')) keys.push('outcome.state.userDataChanged');
  // The user data's boot and the rescue instance's edit add the key as the no-downtime paths' append.
  const added = done.has('append-key') || done.has('boot-result') || done.has('rescue-edit');
  keys.push(added ? 'outcome.state.keyAdded' : 'outcome.state.keyNotAdded');
  return keys;
}

/** The step a run stopped at: the failed one, else the first that did not finish. */
export function stoppedAt(steps: StepView[]): StepView | null {
  return (
    steps.find((step) => step.state === 'failed') ?? steps.find((step) => step.state === 'running') ?? null
  );
}

/** A live note the UI says in its own language: an instance's stop or start, a snapshot's progress. */
export type LiveNote =
  | { kind: 'stopping' | 'starting'; seconds: number }
  | { kind: 'snapshot'; percent: number; seconds: number | null };

/**
 * The engine's waiting notes (src/recovery/stop-paths/instance-power.ts: "Stopping i-… 38 s
 * (stopping)"; rescue-volume/ebs-calls.ts: "Snapshot snap-…: pending 62%… 38 s") read back, so
 * the Japanese UI shows them too; any other note is null (shown as the engine wrote it, in English).
 */
export function liveNote(note: string | undefined): LiveNote | null {
  if (!note) return null;
  const power = /^(Stopping|Starting) i-[0-9a-f]+… (\d+) s \(/.exec(note);
  if (power) return { kind: power[1] === 'Stopping' ? 'stopping' : 'starting', seconds: Number(power[2]) };
  const snapshot = /^Snapshot snap-[0-9a-f]+: \w+ (\d{1,3})%(?:… (\d+) s)?/.exec(note);
  if (snapshot)
    return {
      kind: 'snapshot',
      percent: Math.min(100, Number(snapshot[1])),
      seconds: snapshot[2] === undefined ? null : Number(snapshot[2]),
    };
  return null;
}
