import { AppError, ipcErrorCodes, isAppError } from '../../ipc/app-error';
import { operationErrorCodes } from '../../ipc/operations/operation-errors';
import type { StepReport } from '../../ipc/operations/operation-registry';
import type { RecoveryJournal } from '../journal/recovery-journal';
import type { JournalEntry, StartedEntry } from '../journal/journal-schema';
import { closingTypes } from '../journal/journal-order';
import { recoveryErrorCodes } from '../recovery-errors';
import {
  factsForUndo,
  journalableFacts,
  journalFacts,
  journalIntentText,
  journalResult,
  journalSentences,
  oneLine,
  overtakenSteps,
  stateOf,
  summarize,
  type StepSummary,
} from './executor-state';
import type { RecoveryStep, StepContext, StepFacts, StepOutcome } from './recovery-step';

export interface ExecutorRunOptions {
  /** Cancels between steps (never in the middle of one); a step gets it to stop at a safe point. */
  signal?: AbortSignal;
  /** Each step's start, end and notes, in the operation registry's shape (pass `op.report`). */
  onProgress?: (report: StepReport) => void;
}

export interface ExecutorRunResult {
  /** Every done step's facts (the journal's and this run's), later ones winning. */
  facts: StepFacts;
  /** The journal holds `verified`: a fresh login with the new key worked. */
  verified: boolean;
}

/** Undos after a failure must run even when the failure was a cancel: a temporary rule must not stay open. */
const neverAborted = new AbortController().signal;

const noProgress = () => undefined;

/**
 * Runs a recovery's steps with its journal as the truth (research §11; issue 10 §7). For each step,
 * in order: done in the journal → skipped (its facts join `ctx.facts`); interrupted (an intent
 * without outcome: the process died mid-step) → its `check` decides, else a repeatable step runs
 * again, else the run stops and says what to look at by hand; failed, undone or not begun → it
 * runs. Every intent is durable before the step runs and its outcome is appended after, so a
 * crash at any moment leaves a journal a later run can go on from. It holds no state of its own:
 * one executor serves every recovery (and tests), the journal and the steps are the input.
 */
export class RecoveryExecutor {
  async run(
    journal: RecoveryJournal,
    steps: readonly RecoveryStep[],
    options: ExecutorRunOptions = {},
  ): Promise<ExecutorRunResult> {
    checkStepIds(steps);
    refuseClosed(journal);
    const signal = options.signal ?? neverAborted;
    const report = options.onProgress ?? noProgress;
    const overtaken = overtakenSteps(journal.entries, steps);
    const standsDone = (step: RecoveryStep) =>
      stateOf(journal.entries, step.id).kind === 'done' && !overtaken.has(step.id);
    let done = steps.filter(standsDone).length;
    const total = steps.length;
    for (const step of steps) {
      const state = stateOf(journal.entries, step.id);
      if (state.kind === 'done' && !overtaken.has(step.id)) {
        report({ kind: 'stepDone', step: step.id, detail: state.entry.result, done, total });
        if (step.kind === 'verify') await this.journalVerified(journal);
        continue;
      }
      // Between steps is the only place a cancel stops the run: nothing is half-done here.
      if (signal.aborted) throw cancelled(journal.id, step.id);
      report({ kind: 'step', step: step.id, detail: oneLine(step.does), done, total });
      const ctx = this.context(journal, step, signal, report, journalFacts(journal.entries));
      try {
        const interrupted = state.kind === 'interrupted' || state.kind === 'undoInterrupted';
        const outcome = interrupted ? await this.resolveInterrupted(journal, step, ctx) : null;
        const result = outcome ?? (await this.apply(journal, step, ctx));
        done += 1;
        report({ kind: 'stepDone', step: step.id, detail: result.result, done, total });
        if (step.kind === 'verify') await this.journalVerified(journal);
      } catch (error) {
        report({ kind: 'stepFailed', step: step.id, error: publicError(error) });
        if (signal.aborted) throw cancelled(journal.id, step.id);
        await this.revertOnFailure(journal, steps, report);
        throw error;
      }
    }
    return {
      facts: journalFacts(journal.entries),
      verified: journal.entries.some((entry) => entry.type === 'verified'),
    };
  }

  /**
   * Undoes every done step that has a `revert`, last first, each journaled (`undoIntent` before,
   * `undone` after). Resumable like `run`: an undo the process died in is run again (reverts are
   * safe to repeat: revoking a revoked rule, removing an absent key line change nothing), an
   * interrupted step is checked first. Stops at the first undo that fails, leaving the rest.
   */
  async rollback(
    journal: RecoveryJournal,
    steps: readonly RecoveryStep[],
    options: ExecutorRunOptions = {},
  ): Promise<void> {
    checkStepIds(steps);
    refuseClosed(journal);
    const signal = options.signal ?? neverAborted;
    const report = options.onProgress ?? noProgress;
    for (const step of [...steps].reverse()) {
      if (!step.revert) continue;
      const state = stateOf(journal.entries, step.id);
      // A failed step may have half-happened (a stop sent, then its wait cancelled): its check says.
      const failedCheckable = state.kind === 'failed' && step.check !== undefined;
      if (
        state.kind !== 'done' &&
        state.kind !== 'undoInterrupted' &&
        state.kind !== 'interrupted' &&
        !failedCheckable
      )
        continue;
      if (signal.aborted) throw cancelled(journal.id, step.id);
      const ctx = this.context(journal, step, signal, report, journalFacts(journal.entries));
      try {
        if (failedCheckable) {
          const found = await step.check?.(ctx);
          if (found?.state !== 'done') continue;
          await this.journalDone(journal, step, found.outcome);
        } else if (state.kind === 'interrupted') {
          // Done or not? An undo is journaled only for a done step, so the step is settled first.
          if (!step.check && !step.repeatable) throw uncertain(step, journal.id, 'rollback');
          const found = step.check ? await step.check(ctx) : null;
          if (found?.state === 'notDone') continue;
          if (found?.state === 'unknown') throw uncertain(step, journal.id, 'rollback');
          // A repeatable step without a check is completed (safe by definition) so its undo is journaled.
          if (found?.state === 'done') await this.journalDone(journal, step, found.outcome);
          else await this.apply(journal, step, ctx);
        }
        await this.undo(journal, step, signal, report);
      } catch (error) {
        report({ kind: 'stepFailed', step: step.id, error: publicError(error) });
        throw error;
      }
    }
  }

  /** Closes a verified recovery (`finished`); refused before the new key's login was verified. */
  async finish(journal: RecoveryJournal): Promise<void> {
    refuseClosed(journal);
    if (!journal.entries.some((entry) => entry.type === 'verified'))
      throw new AppError(
        recoveryErrorCodes.notVerified,
        `Recovery ${journal.id} cannot be marked finished: no login with the new key has been verified yet. Resume it to verify, or roll it back.`,
        { id: journal.id },
      );
    await journal.append({ type: 'finished' });
  }

  /**
   * Closes a recovery whose `rollback` went through (`rolledBack`): it is no longer offered for
   * resuming. The journal refuses it while an undo is open.
   */
  async closeRolledBack(journal: RecoveryJournal): Promise<void> {
    refuseClosed(journal);
    await journal.append({ type: 'rolledBack' });
  }

  /** The run result's step list, from the journal. */
  summarize(entries: readonly JournalEntry[], steps: readonly RecoveryStep[]): StepSummary[] {
    return summarize(entries, steps);
  }

  private context(
    journal: RecoveryJournal,
    step: RecoveryStep,
    signal: AbortSignal,
    report: (entry: StepReport) => void,
    facts: StepFacts,
  ): StepContext {
    return {
      recoveryId: journal.id,
      signal,
      facts,
      note: (detail) => report({ kind: 'note', step: step.id, detail: oneLine(detail, 500) }),
    };
  }

  /** Intent (durable) → apply → done with facts, or failed with the error's code. */
  private async apply(journal: RecoveryJournal, step: RecoveryStep, ctx: StepContext): Promise<StepOutcome> {
    await journal.append({
      type: 'intent',
      stepId: step.id,
      does: oneLine(step.does),
      undo: oneLine(step.undo),
      ...withText(journalIntentText(step)),
    });
    let outcome: StepOutcome;
    try {
      outcome = await step.apply(ctx);
    } catch (error) {
      // Only what the step itself threw is its failure; a journal write failing after a step
      // succeeded is not (the intent then stays open and the next run checks).
      await this.journalFailed(journal, step, error);
      throw error;
    }
    return this.journalDone(journal, step, outcome);
  }

  /** A step the process died in: its check decides; else a repeatable step runs again; else stop. */
  private async resolveInterrupted(
    journal: RecoveryJournal,
    step: RecoveryStep,
    ctx: StepContext,
  ): Promise<StepOutcome | null> {
    if (step.check) {
      const found = await step.check(ctx);
      if (found.state === 'done') {
        ctx.note(`Found already done: ${found.outcome.result}`);
        return this.journalDone(journal, step, found.outcome);
      }
      if (found.state === 'notDone') return null;
    }
    if (step.repeatable) return null;
    throw uncertain(step, journal.id, 'run');
  }

  private async journalDone(
    journal: RecoveryJournal,
    step: RecoveryStep,
    outcome: StepOutcome,
  ): Promise<StepOutcome> {
    // `done` follows an intent; an undo the process died in leaves an undoIntent last instead.
    if (stateOf(journal.entries, step.id).kind !== 'interrupted')
      await journal.append({
        type: 'intent',
        stepId: step.id,
        does: oneLine(step.does),
        undo: oneLine(step.undo),
        ...withText(journalIntentText(step)),
      });
    const { facts } = journalableFacts(outcome.facts);
    const result = journalResult(outcome.result);
    // A result sentence replaced for looking like key material must not keep its structured twin.
    const text = result === oneLine(outcome.result) ? journalSentences(outcome.text) : undefined;
    await journal.append({
      type: 'done',
      stepId: step.id,
      result,
      ...withText(text),
      ...(Object.keys(facts).length ? { facts } : {}),
    });
    return { result, facts, ...withText(text) };
  }

  private async journalFailed(journal: RecoveryJournal, step: RecoveryStep, error: unknown): Promise<void> {
    const { code, message } = publicError(error);
    const errorCode = /^[a-z][A-Za-z0-9]*\.[A-Za-z0-9.]{1,80}$/.test(code) ? code : ipcErrorCodes.internal;
    try {
      await journal.append({ type: 'failed', stepId: step.id, errorCode, result: journalResult(message) });
    } catch {
      // The message was refused (or the disk is full): the code alone still says what happened.
      await journal.append({ type: 'failed', stepId: step.id, errorCode }).catch(() => undefined);
    }
  }

  /** `verified` once, after the verify step is done: this user, this key, the host it reached. */
  private async journalVerified(journal: RecoveryJournal): Promise<void> {
    if (journal.entries.some((entry) => entry.type === 'verified')) return;
    const started = journal.entries[0] as StartedEntry;
    const host = journalFacts(journal.entries).host;
    if (!host)
      throw new Error('The verify step reported no `host` fact; the executor needs it for `verified`.');
    await journal.append({
      type: 'verified',
      targetUser: started.targetUser,
      newKeyFingerprint: started.newKeyFingerprint,
      host,
    });
  }

  private async undo(
    journal: RecoveryJournal,
    step: RecoveryStep,
    signal: AbortSignal,
    report: (entry: StepReport) => void,
  ): Promise<void> {
    report({ kind: 'step', step: step.id, detail: `Undo: ${oneLine(step.undo, 490)}` });
    const ctx = this.context(journal, step, signal, report, factsForUndo(journal.entries, step.id));
    await journal.append({
      type: 'undoIntent',
      stepId: step.id,
      does: oneLine(step.undo),
      ...withText(journalIntentText(step)?.undo),
    });
    const reverted = await step.revert!(ctx);
    const outcome = typeof reverted === 'string' ? { result: reverted } : reverted;
    const result = journalResult(outcome.result);
    const text = result === oneLine(outcome.result) ? journalSentences(outcome.text) : undefined;
    await journal.append({ type: 'undone', stepId: step.id, result, ...withText(text) });
    report({ kind: 'stepDone', step: step.id, detail: result });
  }

  /**
   * After a failure: undoes the done steps marked `revertOnFailure` (a temporary ingress rule),
   * last first. An undo that fails is reported and the others still run; the journal keeps its
   * open undo, so a rollback or resume retries it. The original error is what the caller sees.
   */
  private async revertOnFailure(
    journal: RecoveryJournal,
    steps: readonly RecoveryStep[],
    report: (entry: StepReport) => void,
  ): Promise<void> {
    for (const step of [...steps].reverse()) {
      if (!step.revertOnFailure || !step.revert || stateOf(journal.entries, step.id).kind !== 'done')
        continue;
      try {
        await this.undo(journal, step, neverAborted, report);
      } catch (error) {
        report({ kind: 'stepFailed', step: step.id, error: publicError(error) });
      }
    }
  }
}

/** `{ text }` when there is one: the journal's entries carry no `text: undefined`. */
function withText<T>(text: T | undefined): { text: T } | Record<string, never> {
  return text === undefined ? {} : { text };
}

function checkStepIds(steps: readonly RecoveryStep[]): void {
  const seen = new Set<string>();
  for (const step of steps) {
    if (seen.has(step.id))
      throw new Error(`Step id ${step.id} appears twice in the steps given to the executor.`);
    seen.add(step.id);
  }
}

/** Nothing more runs in a finished, abandoned or rolled-back recovery (the journal would refuse it anyway). */
function refuseClosed(journal: RecoveryJournal): void {
  const last = journal.entries.at(-1);
  if (last && closingTypes.has(last.type))
    throw new AppError(
      recoveryErrorCodes.recoveryClosed,
      `Recovery ${journal.id} is ${last.type}; nothing more runs in it. Start a new recovery if access is lost again.`,
      { id: journal.id, state: last.type },
    );
}

function cancelled(id: string, step: string): AppError {
  return new AppError(
    operationErrorCodes.cancelled,
    `Recovery ${id} was cancelled before step ${step}. Nothing is half-done; resume it or roll it back from the journal.`,
    { id, step },
  );
}

function uncertain(step: RecoveryStep, id: string, during: 'run' | 'rollback'): AppError {
  return new AppError(
    recoveryErrorCodes.stepUncertain,
    `Recovery ${id} stopped while step ${step.id} ran ("${oneLine(step.does, 150)}"), and KeyRescue cannot tell whether it happened. Check by hand whether it did (its undo: "${oneLine(step.undo, 150)}"), then ${during === 'run' ? 'resume or roll back' : 'undo it yourself and abandon the recovery'}.`,
    { id, step: step.id, does: oneLine(step.does), undo: oneLine(step.undo) },
  );
}

/** Code and message as the operation and the journal may show them (never a stack). */
function publicError(error: unknown): { code: string; message: string } {
  if (isAppError(error)) return { code: error.code, message: error.message };
  return { code: ipcErrorCodes.internal, message: 'The step failed unexpectedly (an internal error).' };
}
