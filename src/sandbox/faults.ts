/** A fault the sandbox injects into requests for one action (or every action with `*`). */
export interface FaultSpec {
  /** Extra delay before answering, in ms. */
  latencyMs?: number;
  /**
   * What to do instead of answering; omitted = answer normally (after latency). `drop-after-apply`
   * performs the action, then drops the connection: AWS applied it, the answer was lost.
   */
  kind?: 'throttle' | 'internal-error' | 'unavailable' | 'drop-connection' | 'drop-after-apply';
  /** How many requests the fault applies to before it clears itself; omitted = until cleared. */
  times?: number;
  /** How many requests of the action pass untouched before the fault starts (fault the n-th call). */
  skip?: number;
}

/** Per-action fault table; the server consults it once per request. */
export class FaultTable {
  private readonly faults = new Map<string, FaultSpec>();
  /** Requests that a fault was applied to, by action (tests check retries actually happened). */
  readonly applied = new Map<string, number>();

  set(action: string, spec: FaultSpec): void {
    this.faults.set(action, { ...spec });
  }

  clear(action?: string): void {
    if (action === undefined) this.faults.clear();
    else this.faults.delete(action);
  }

  /** Takes the fault for this request (decrementing `times`), or undefined. */
  take(action: string): FaultSpec | undefined {
    const key = this.faults.has(action) ? action : this.faults.has('*') ? '*' : undefined;
    if (key === undefined) return undefined;
    const spec = this.faults.get(key);
    if (!spec) return undefined;
    if (spec.skip !== undefined && spec.skip > 0) {
      spec.skip -= 1;
      return undefined;
    }
    if (spec.times !== undefined) {
      spec.times -= 1;
      if (spec.times <= 0) this.faults.delete(key);
    }
    this.applied.set(action, (this.applied.get(action) ?? 0) + 1);
    return { ...spec };
  }
}
