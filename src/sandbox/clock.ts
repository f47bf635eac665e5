/** Time source for state transitions and Instance Connect key expiry; tests inject a manual one. */
export interface SandboxClock {
  now(): number;
}

/** The real wall clock. */
export const systemClock: SandboxClock = { now: () => Date.now() };

/** A clock tests move by hand, so "valid for 60 s" is checked without waiting 60 s. */
export class ManualClock implements SandboxClock {
  constructor(private current = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.current;
  }
  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.current += ms;
  }
}
