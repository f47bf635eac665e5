import { randomUUID } from 'node:crypto';
import { AppError, ipcErrorCodes, isAppError, type ErrorDetails } from '../app-error';
import type { Finding } from '../contracts/recovery';
import type {
  OperationKind,
  OperationProgress,
  OperationResult,
  OperationState,
} from '../contracts/operations';
import { operationErrorCodes } from './operation-errors';
import { OperationLog } from './operation-log';

/** Time and timers, injected so tests move time by hand instead of sleeping. */
export interface OperationClock {
  now(): number;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void;
}

export const systemOperationClock: OperationClock = {
  now: () => Date.now(),
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    timer.unref?.(); // a forgotten operation's timer must not keep the CLI process alive
    return () => clearTimeout(timer);
  },
};

export interface OperationLimits {
  /** Operations running at once; one more is refused (`operations.tooMany`). */
  maxLive: number;
  /** Entries kept per operation (the newest); seq keeps counting past it. */
  maxEntries: number;
  /** How long an ended operation stays readable (status, replay) before it is forgotten. */
  keepFinishedMs: number;
  /** Ended operations kept at most; the oldest is forgotten first. */
  maxFinished: number;
  /** `operations:wait` calls pending at once, across all operations. */
  maxWaiters: number;
}

export const defaultOperationLimits: OperationLimits = {
  maxLive: 16,
  maxEntries: 1000,
  keepFinishedMs: 15 * 60_000,
  maxFinished: 50,
  maxWaiters: 32,
};

/** What the work reports between its steps; the registry adds id, seq and time. */
export interface StepReport {
  kind: 'step' | 'stepDone' | 'stepFailed' | 'note';
  step: string;
  done?: number;
  total?: number;
  count?: number;
  detail?: string;
  error?: { code: string; message: string };
  /** A preflight check's findings. */
  findings?: Finding[];
}

/** What a running operation's work gets. */
export interface OperationContext {
  readonly operationId: string;
  /** Aborted by `cancel`; the work checks it between steps, never in the middle of a change. */
  readonly signal: AbortSignal;
  readonly metadata: Readonly<Record<string, string>>;
  /** Appends a numbered entry and pushes it to whoever started the operation. */
  report(entry: StepReport): void;
  /** Throws `operations.cancelled` when cancel was asked: call it at step boundaries. */
  checkpoint(): void;
}

export interface StartOperation<K extends string, R> {
  kind: K;
  /** Opaque facts kept with the operation (e.g. the `accountId` it pinned); never read here. */
  metadata?: Record<string, string>;
  /** Where entries go as they happen: the starter's window, the CLI's printer. */
  emit?: (entry: OperationProgress) => void;
  run(op: OperationContext): Promise<R>;
}

export interface RegistryStatus<K extends string = string, R = unknown> {
  operationId: string;
  kind: K;
  state: OperationState;
  lastSeq: number;
  startedAt: number;
  endedAt?: number;
  metadata: Record<string, string>;
  result?: R;
  error?: PublicError;
}

/** An operation's error as its caller sees it: code, message and the safe details the texts quote. */
type PublicError = { code: string; message: string; details?: ErrorDetails };

/** Results by kind: the contract's kinds by default, anything in the registry's own tests. */
export type KindResults = { [K in OperationKind]: OperationResult<K> };

interface Entry {
  status: RegistryStatus;
  log: OperationLog;
  controller: AbortController;
  emit?: (entry: OperationProgress) => void;
  /** Settles when the operation ended (never rejects). */
  ended: Promise<void>;
  forgetTimer?: () => void;
}

/**
 * Every long-running operation of this process (DESIGN.md "Long-running operations"): started by a
 * handler that returns the id at once, run with an AbortSignal, a bounded numbered log that a
 * reloaded window replays, and forgotten a while after it ended. Everything is bounded.
 */
export class OperationRegistry<Results extends Record<string, unknown> = KindResults> {
  private readonly operations = new Map<string, Entry>();
  private readonly finishedOrder: string[] = [];
  private readonly limits: OperationLimits;
  private readonly clock: OperationClock;
  private readonly newId: () => string;
  private waiters = 0;

  constructor(
    options: {
      limits?: Partial<OperationLimits>;
      clock?: OperationClock;
      newId?: () => string;
      /** Sees unexpected errors (bugs) in full; the caller only gets `ipc.internal`. */
      onInternalError?: (kind: string, error: unknown) => void;
    } = {},
  ) {
    this.limits = { ...defaultOperationLimits, ...options.limits };
    this.clock = options.clock ?? systemOperationClock;
    this.newId = options.newId ?? (() => `op-${randomUUID()}`);
    this.onInternalError = options.onInternalError ?? (() => undefined);
  }

  private readonly onInternalError: (kind: string, error: unknown) => void;

  /** Starts the work and returns its id at once; entry 1 (`started`) is already in the log. */
  start<K extends keyof Results & string>(spec: StartOperation<K, Results[K]>): { operationId: string } {
    if (this.liveCount() >= this.limits.maxLive)
      throw new AppError(
        operationErrorCodes.tooMany,
        `${this.limits.maxLive} operations are already running; wait for one to finish and try again.`,
      );
    const operationId = this.newId();
    const controller = new AbortController();
    let markEnded: () => void = () => undefined;
    const entry: Entry = {
      status: {
        operationId,
        kind: spec.kind,
        state: 'running',
        lastSeq: 0,
        startedAt: this.clock.now(),
        metadata: { ...spec.metadata },
      },
      log: new OperationLog(this.limits.maxEntries),
      controller,
      ...(spec.emit ? { emit: spec.emit } : {}),
      ended: new Promise<void>((resolve) => (markEnded = resolve)),
    };
    this.operations.set(operationId, entry);
    this.append(entry, { kind: 'started', step: spec.kind });
    const context: OperationContext = {
      operationId,
      signal: controller.signal,
      metadata: entry.status.metadata,
      report: (report) => {
        if (entry.status.state === 'running') this.append(entry, report);
      },
      checkpoint: () => {
        if (controller.signal.aborted)
          throw new AppError(operationErrorCodes.cancelled, `The operation ${operationId} was cancelled.`);
      },
    };
    void Promise.resolve()
      .then(() => spec.run(context))
      .then(
        (result) => this.finish(entry, 'succeeded', { result }),
        (error: unknown) =>
          controller.signal.aborted
            ? this.finish(entry, 'cancelled', {})
            : this.finish(entry, 'failed', { error: this.publicError(spec.kind, error) }),
      )
      .finally(markEnded);
    return { operationId };
  }

  /** Where the operation stands; `operations.notFound` for an unknown or forgotten id. */
  status(operationId: string): RegistryStatus<keyof Results & string> {
    return { ...this.get(operationId).status } as RegistryStatus<keyof Results & string>;
  }

  /** Asks the work to stop at its next step boundary; false when it had already ended. */
  cancel(operationId: string): boolean {
    const entry = this.get(operationId);
    if (entry.status.state !== 'running') return false;
    entry.controller.abort();
    return true;
  }

  /** The status once the operation ended, or after `timeoutMs` with it still running. */
  async wait(operationId: string, timeoutMs: number): Promise<RegistryStatus<keyof Results & string>> {
    const entry = this.get(operationId);
    if (entry.status.state === 'running' && timeoutMs > 0) {
      if (this.waiters >= this.limits.maxWaiters)
        throw new AppError(
          operationErrorCodes.tooMany,
          `${this.limits.maxWaiters} calls are already waiting for operations; try again shortly.`,
        );
      this.waiters += 1;
      let stopTimer: () => void = () => undefined;
      try {
        await Promise.race([
          entry.ended,
          new Promise<void>((resolve) => (stopTimer = this.clock.after(timeoutMs, resolve))),
        ]);
      } finally {
        stopTimer();
        this.waiters -= 1;
      }
    }
    return { ...entry.status } as RegistryStatus<keyof Results & string>;
  }

  /** Entries after `afterSeq`, at most `limit`. */
  replay(operationId: string, afterSeq: number, limit: number) {
    const entry = this.get(operationId);
    const { entries, more } = entry.log.after(afterSeq, limit);
    return {
      operationId,
      state: entry.status.state,
      lastSeq: entry.log.lastSeq,
      firstKeptSeq: entry.log.firstKeptSeq,
      entries,
      more,
    };
  }

  /** Cancels everything still running and waits until it stopped (the driver is shutting down). */
  async dispose(): Promise<void> {
    const running = [...this.operations.values()].filter((entry) => entry.status.state === 'running');
    for (const entry of running) entry.controller.abort();
    await Promise.all(running.map((entry) => entry.ended));
    for (const entry of this.operations.values()) entry.forgetTimer?.();
    this.operations.clear();
    this.finishedOrder.length = 0;
  }

  private liveCount(): number {
    let live = 0;
    for (const entry of this.operations.values()) if (entry.status.state === 'running') live += 1;
    return live;
  }

  private get(operationId: string): Entry {
    const entry = this.operations.get(operationId);
    if (!entry)
      throw new AppError(
        operationErrorCodes.notFound,
        `There is no operation ${operationId}: it never started here, or it ended a while ago.`,
        { operationId },
      );
    return entry;
  }

  private append(entry: Entry, report: Omit<OperationProgress, 'operationId' | 'seq' | 'at'>): void {
    const numbered = entry.log.append({
      ...report,
      operationId: entry.status.operationId,
      at: this.clock.now(),
    });
    entry.status.lastSeq = numbered.seq;
    try {
      entry.emit?.(numbered);
    } catch (error) {
      // A window that went away or a bad entry loses a push, not the operation; replay still has it.
      this.onInternalError(entry.status.kind, error);
    }
  }

  private finish(
    entry: Entry,
    state: Exclude<OperationState, 'running'>,
    outcome: { result?: unknown; error?: PublicError },
  ): void {
    entry.status.state = state;
    entry.status.endedAt = this.clock.now();
    if (outcome.result !== undefined) entry.status.result = outcome.result;
    if (outcome.error) entry.status.error = outcome.error;
    this.append(entry, {
      kind: state,
      step: entry.status.kind,
      ...(outcome.error ? { error: outcome.error } : {}),
    });
    const id = entry.status.operationId;
    this.finishedOrder.push(id);
    entry.forgetTimer = this.clock.after(this.limits.keepFinishedMs, () => this.forget(id));
    while (this.finishedOrder.length > this.limits.maxFinished) this.forget(this.finishedOrder[0] as string);
  }

  private forget(operationId: string): void {
    const index = this.finishedOrder.indexOf(operationId);
    if (index >= 0) this.finishedOrder.splice(index, 1);
    this.operations.get(operationId)?.forgetTimer?.();
    this.operations.delete(operationId);
  }

  /** An AppError as its code and message; anything else is a bug, reported as `ipc.internal`. */
  private publicError(kind: string, error: unknown): PublicError {
    // The details too: the renderer's translated texts quote them (`{{name}}`), as for a failed call.
    if (isAppError(error))
      return {
        code: error.code,
        message: error.message,
        ...(Object.keys(error.details).length ? { details: error.details } : {}),
      };
    this.onInternalError(kind, error);
    return { code: ipcErrorCodes.internal, message: `Unexpected error in ${kind}.` };
  }
}
