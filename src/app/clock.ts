/**
 * The core's clock port. Services take the time from an injected `Clock` instead of calling
 * `new Date()`, so what they stamp (inventory load times, export file names, journal entries) is
 * decided by the driver: the wall clock in the app and the CLI, a `TestClock` in tests. Pure
 * durations (how long a call took) keep `performance.now()`: they measure, they do not stamp.
 * The sandbox keeps its own clock (src/sandbox/clock.ts): it is an independent peer.
 */
export interface Clock {
  /** The current time; a fresh Date each call, so a caller may keep or change it freely. */
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock tests set and move by hand; it never moves on its own. */
export class TestClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    this.current = new Date(start).getTime();
    if (Number.isNaN(this.current)) throw new Error(`TestClock: ${String(start)} is not a time.`);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves time forward by `ms` milliseconds (never backwards: stamps only grow, as in real life). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error('TestClock.advance takes a non-negative number of milliseconds.');
    this.current += ms;
  }
}
