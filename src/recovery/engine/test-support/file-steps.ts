import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import type { JournalEntry } from '../../journal/journal-schema';
import type { RecoveryStep, StepCheck, StepContext, StepFacts } from '../recovery-step';

/**
 * Steps whose effect is a line in a real file: `apply` appends the step id, `check` looks for it,
 * `revert` removes it. They are the executor's input (what a path gives it), not stand-ins for a
 * peer; the executor's tests and its crash child (crash-child.ts) both use them.
 */
export interface FileStepOptions {
  check?: boolean | StepCheck['state'];
  repeatable?: boolean;
  revert?: boolean;
  revertOnFailure?: boolean;
  kind?: 'verify';
  facts?: Record<string, string>;
  /** Thrown by apply after nothing was written (a step that fails cleanly). */
  fail?: Error;
  /** Thrown by revert. */
  failRevert?: Error;
  /** Called inside apply before the line is appended (to stop the process after the intent). */
  beforeEffect?: (ctx: StepContext) => void;
  /** Called inside apply after the line was appended (to cancel, or to stop the process mid-step). */
  afterEffect?: (ctx: StepContext) => void;
  /** What ctx.facts held when apply ran, per call. */
  seen?: StepFacts[];
}

export function lines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export function fileStep(file: string, id: string, options: FileStepOptions = {}): RecoveryStep {
  const check = options.check;
  return {
    id,
    does: `Append ${id} to the test file`,
    undo: options.revert ? `Remove the ${id} line` : 'Nothing to undo',
    repeatable: options.repeatable ?? false,
    ...(options.kind ? { kind: options.kind } : {}),
    ...(options.revertOnFailure ? { revertOnFailure: true } : {}),
    apply(ctx) {
      options.seen?.push({ ...ctx.facts });
      if (options.fail) return Promise.reject(options.fail);
      options.beforeEffect?.(ctx);
      appendFileSync(file, `${id}\n`);
      options.afterEffect?.(ctx);
      return Promise.resolve({
        result: `Appended ${id}.`,
        ...(options.facts ? { facts: options.facts } : {}),
      });
    },
    ...(check
      ? {
          check(): Promise<StepCheck> {
            if (check === 'unknown') return Promise.resolve({ state: 'unknown' });
            const found = check === true ? lines(file).includes(id) : check === 'done';
            return Promise.resolve(
              found
                ? {
                    state: 'done',
                    outcome: {
                      result: `Found ${id} already there.`,
                      ...(options.facts ? { facts: options.facts } : {}),
                    },
                  }
                : { state: 'notDone' },
            );
          },
        }
      : {}),
    ...(options.revert
      ? {
          revert() {
            if (options.failRevert) return Promise.reject(options.failRevert);
            writeFileSync(
              file,
              lines(file)
                .filter((line) => line !== id)
                .map((line) => `${line}\n`)
                .join(''),
            );
            return Promise.resolve(`Removed ${id}.`);
          },
        }
      : {}),
  };
}

/** `type:stepId` of each entry after `started` (`verified`, `finished` bare): the journal's story. */
export function story(entries: readonly JournalEntry[]): string[] {
  return entries.slice(1).map((entry) => ('stepId' in entry ? `${entry.type}:${entry.stepId}` : entry.type));
}
