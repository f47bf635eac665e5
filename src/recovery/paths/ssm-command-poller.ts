import type { Clock } from '../../app/clock';
import { nextPollDelay } from '../engine/poll-delay';

/** What KeyRescue reads of one GetCommandInvocation answer. */
export interface InvocationView {
  /** `Pending`, `InProgress`, `Delayed`, `Cancelling` (still going) or a terminal status. */
  status: string;
  /** The finer status (`DeliveryTimedOut`, `ExecutionTimedOut`, `Undeliverable`, …). */
  statusDetails: string;
  /** The script's exit code; -1 while it has not run (or never did). */
  responseCode: number;
  /** The first 24,000 characters of stdout (empty until it finished). */
  stdout: string;
  /** The first 8,000 characters of stderr. */
  stderr: string;
}

/** Terminal statuses of an invocation; anything else means SSM is still working on it. */
const terminal = new Set(['Success', 'Failed', 'TimedOut', 'Cancelled']);

export function isTerminal(invocation: InvocationView): boolean {
  return terminal.has(invocation.status);
}

/** Waits `ms`, or less when `signal` aborts (it never rejects: the caller looks at the signal). */
export type Sleeper = (ms: number, signal: AbortSignal) => Promise<void>;

export const timerSleeper: Sleeper = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

export interface PollOptions {
  clock: Clock;
  sleep: Sleeper;
  signal: AbortSignal;
  /** When the command was sent: elapsed times count from here. */
  sentAt: Date;
  /** The invocation now, or `missing` (InvocationDoesNotExist, normal right after SendCommand). */
  read(): Promise<InvocationView | 'missing'>;
  note(detail: string): void;
  /** First wait, and the shortest; later ones a twentieth of the time waited, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Past this since `sentAt`, stop waiting (the caller cancels the command). */
  maxWaitMs: number;
  /** How long InvocationDoesNotExist may last before the command counts as lost. */
  missingGraceMs: number;
}

export type PollEnd =
  | { kind: 'done'; invocation: InvocationView }
  | { kind: 'aborted'; last?: InvocationView }
  | { kind: 'gaveUp'; last?: InvocationView }
  | { kind: 'missing' };

/**
 * Polls one invocation until it reaches a terminal status, the signal aborts, the total bound
 * passes, or it stays missing past its grace. Sleeps `firstDelayMs`, then a twentieth of the time
 * waited (nextPollDelay), so a quick script (most take a second or two) is read soon after it ends
 * while a delayed delivery does not hammer the API.
 * Time comes from the injected clock and sleeper, so tests need not wait.
 */
export async function pollInvocation(options: PollOptions): Promise<PollEnd> {
  const { clock, signal } = options;
  const elapsed = () => clock.now().getTime() - options.sentAt.getTime();
  let delay = options.firstDelayMs;
  let last: InvocationView | undefined;
  for (;;) {
    await options.sleep(delay, signal);
    if (signal.aborted) return { kind: 'aborted', ...(last ? { last } : {}) };
    const seen = await options.read();
    if (seen !== 'missing') {
      last = seen;
      if (isTerminal(seen)) return { kind: 'done', invocation: seen };
    } else if (last === undefined && elapsed() >= options.missingGraceMs) {
      return { kind: 'missing' };
    }
    const seconds = Math.round(elapsed() / 1000);
    options.note(`${last?.status ?? 'Pending'}, ${seconds} s`);
    if (elapsed() >= options.maxWaitMs) return { kind: 'gaveUp', ...(last ? { last } : {}) };
    delay = nextPollDelay(options, elapsed());
  }
}
