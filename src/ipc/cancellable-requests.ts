import { AppError, ipcErrorCodes } from './app-error';

/** How many cancellable calls may be in flight at once; more are refused, so the map stays small. */
export const maxCancellableRequests = 32;

/**
 * The in-flight calls a caller named with a `requestId`, so a later `cancel(requestId)` (the
 * renderer's `keys:cancel`) aborts exactly that call's slow work. An entry lives only while its
 * call runs.
 */
export class CancellableRequests {
  private readonly live = new Map<string, AbortController>();

  constructor(private readonly max = maxCancellableRequests) {}

  /** Runs `work` with a signal that aborts on `cancel(requestId)` or when `outer` aborts. */
  async run<T>(
    requestId: string | undefined,
    outer: AbortSignal | undefined,
    work: (signal: AbortSignal | undefined) => Promise<T>,
  ): Promise<T> {
    if (requestId === undefined) return work(outer);
    if (this.live.has(requestId))
      throw new AppError(ipcErrorCodes.invalidInput, `Request ${requestId} is already running.`);
    if (this.live.size >= this.max)
      throw new AppError(
        ipcErrorCodes.invalidInput,
        `Too many cancellable requests at once (at most ${this.max}); wait for one to finish.`,
      );
    const controller = new AbortController();
    this.live.set(requestId, controller);
    try {
      return await work(outer ? AbortSignal.any([outer, controller.signal]) : controller.signal);
    } finally {
      this.live.delete(requestId);
    }
  }

  /** Aborts the named call; false when none is running (it already finished, or never started). */
  cancel(requestId: string): boolean {
    const controller = this.live.get(requestId);
    controller?.abort();
    return controller !== undefined;
  }

  get size(): number {
    return this.live.size;
  }
}
