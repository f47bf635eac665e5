import type * as z from 'zod/mini';
import type { stepSummarySchema } from '../../ipc/contracts/recovery-run';
import {
  journalEntrySchema,
  maxFactsPerStep,
  stepSentencesSchema,
  stepTextSchema,
  type JournalEntry,
} from '../journal/journal-schema';
import type { StepText } from '../journal/step-texts';
import type { RecoveryStep, StepFacts } from './recovery-step';

/**
 * What the journal says about each step, read from its entries alone (the journal is the truth: a
 * resume in another process, days later, sees only it). The executor (executor.ts) decides from
 * these what to skip, check, repeat or undo; `summarize` turns them into the run result's steps.
 */

export type StepSummary = z.infer<typeof stepSummarySchema>;
type DoneEntry = Extract<JournalEntry, { type: 'done' }>;
type FailedEntry = Extract<JournalEntry, { type: 'failed' }>;
type UndoneEntry = Extract<JournalEntry, { type: 'undone' }>;

export type StepState =
  | { kind: 'pending' }
  | { kind: 'done'; entry: DoneEntry }
  /** An intent without an outcome: the process stopped while the step ran; it may have half-happened. */
  | { kind: 'interrupted' }
  /** An undo intent without `undone`: the step was done and its undo may have half-happened. */
  | { kind: 'undoInterrupted'; done: DoneEntry }
  | { kind: 'failed'; entry: FailedEntry }
  | { kind: 'undone'; entry: UndoneEntry };

/** Each step id's state, from its latest entry (a new intent after `failed` is a retry, and so on). */
export function stepStates(entries: readonly JournalEntry[]): Map<string, StepState> {
  const states = new Map<string, StepState>();
  const lastDone = new Map<string, DoneEntry>();
  for (const entry of entries) {
    switch (entry.type) {
      case 'intent':
        states.set(entry.stepId, { kind: 'interrupted' });
        break;
      case 'done':
        lastDone.set(entry.stepId, entry);
        states.set(entry.stepId, { kind: 'done', entry });
        break;
      case 'failed':
        states.set(entry.stepId, { kind: 'failed', entry });
        break;
      case 'undoIntent':
        // The order rules allow an undo only of a step that was done, so lastDone is set.
        states.set(entry.stepId, { kind: 'undoInterrupted', done: lastDone.get(entry.stepId)! });
        break;
      case 'undone':
        states.set(entry.stepId, { kind: 'undone', entry });
        break;
      default:
        break;
    }
  }
  return states;
}

/**
 * Done steps an undo has overtaken: done before a step earlier in the order was undone (a failure
 * reverted the stop and the user data after the start was done). What they did may be gone with
 * that undo (the instance stopped again, the volume back home), so a run that goes on from the
 * undone step does them again instead of skipping them.
 */
export function overtakenSteps(
  entries: readonly JournalEntry[],
  steps: readonly RecoveryStep[],
): Set<string> {
  const states = stepStates(entries);
  const overtaken = new Set<string>();
  let undoneSeq = -1;
  for (const step of steps) {
    const state = states.get(step.id);
    if (state?.kind === 'done' && state.entry.seq < undoneSeq) overtaken.add(step.id);
    if (state?.kind === 'undone') undoneSeq = Math.max(undoneSeq, state.entry.seq);
  }
  return overtaken;
}

export function stateOf(entries: readonly JournalEntry[], stepId: string): StepState {
  return stepStates(entries).get(stepId) ?? { kind: 'pending' };
}

/**
 * The facts of every step that stands done in the journal (any step, not only a given list: the
 * cleanup's steps need the recovery's host key and rule id), in the order they were done, later
 * ones winning. An undone step's facts are gone with it (its rule no longer exists).
 */
export function journalFacts(entries: readonly JournalEntry[]): Record<string, string> {
  const done = [...stepStates(entries).values()]
    .filter((state): state is Extract<StepState, { kind: 'done' }> => state.kind === 'done')
    .map((state) => state.entry)
    .sort((a, b) => a.seq - b.seq);
  return Object.assign({}, ...done.map((entry) => entry.facts ?? {})) as Record<string, string>;
}

/** A step's own facts over everyone's: an undo needs what its own step learned (its rule id). */
export function factsForUndo(entries: readonly JournalEntry[], stepId: string): StepFacts {
  const state = stateOf(entries, stepId);
  const own =
    state.kind === 'done' ? state.entry.facts : state.kind === 'undoInterrupted' ? state.done.facts : {};
  return { ...journalFacts(entries), ...own };
}

/** The run result's step list, in the steps' order, from the journal. */
export function summarize(entries: readonly JournalEntry[], steps: readonly RecoveryStep[]): StepSummary[] {
  const states = stepStates(entries);
  return steps.map((step): StepSummary => {
    const state = states.get(step.id) ?? { kind: 'pending' };
    switch (state.kind) {
      case 'pending':
        return { stepId: step.id, state: 'pending' };
      case 'interrupted':
      case 'undoInterrupted':
        // What a crash left: the step (or its undo) began and nothing says how it ended.
        return { stepId: step.id, state: 'running' };
      case 'done':
        return { stepId: step.id, state: 'done', result: state.entry.result };
      case 'failed':
        return {
          stepId: step.id,
          state: 'failed',
          errorCode: state.entry.errorCode,
          ...(state.entry.result ? { result: state.entry.result } : {}),
        };
      case 'undone':
        return { stepId: step.id, state: 'undone', result: state.entry.result };
    }
  });
}

/** The longest free text a journal entry holds (journal-schema.ts's maxTextLength). */
const maxJournalText = 300;

/** One line, at most `max` characters: control characters become spaces, a long text is cut. */
export function oneLine(text: string, max = maxJournalText): string {
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** Whether the journal's schema takes this text (it refuses anything that looks like key material). */
function journalTakes(text: string): boolean {
  return journalEntrySchema.safeParse({
    v: 1,
    seq: 1,
    at: '2026-01-01T00:00:00.000Z',
    type: 'undone',
    stepId: 'x',
    result: text,
  }).success;
}

/** A step's result sentence as the journal takes it (a refused one is replaced, never written). */
export function journalResult(text: string): string {
  const line = oneLine(text) || 'Done.';
  return journalTakes(line)
    ? line
    : 'Done (the result sentence was not journaled: it looked like key material).';
}

/**
 * The facts the journal takes: a fact it would refuse (too long, key-like) is left out rather
 * than losing the whole outcome of a step that happened. Returns the facts and what was left out.
 */
export function journalableFacts(facts: Record<string, string> | undefined): {
  facts: Record<string, string>;
  dropped: string[];
} {
  const kept: Record<string, string> = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(facts ?? {})) {
    const takes =
      /^[a-z][A-Za-z0-9]{0,39}$/.test(key) &&
      Object.keys(kept).length < maxFactsPerStep &&
      value.length > 0 &&
      value === oneLine(value) &&
      journalTakes(value);
    if (takes) kept[key] = value;
    else dropped.push(key);
  }
  return { facts: kept, dropped };
}

/**
 * A step's structured sentences as the journal takes them: a text it would refuse (a param too
 * long or key-like, params not fitting the sentence) is left out, and the report falls back to
 * the English text, rather than losing the entry of a step that happened.
 */
export function journalSentences(text: readonly StepText[] | undefined): StepText[] | undefined {
  return text && stepSentencesSchema.safeParse(text).success ? [...text] : undefined;
}

/** The intent's `does` and `undo` as the journal takes them (both, or neither). */
export function journalIntentText(step: RecoveryStep): { does: StepText; undo: StepText } | undefined {
  const text = step.text;
  if (!text) return undefined;
  return stepTextSchema.safeParse(text.does).success && stepTextSchema.safeParse(text.undo).success
    ? { does: text.does, undo: text.undo }
    : undefined;
}
