/**
 * What the sandbox did, for benchmarks and tests that measure a client against it: every API
 * request it received, and every timed transition it made (with when it began and when it became
 * visible). Times are the sandbox clock's. Each list keeps its newest entries only, so a practice
 * account left running for days does not grow without bound.
 */

/** One HTTP request to the API (an SDK retry is a request of its own). */
export interface RequestEntry {
  at: number;
  /** IAM service prefix (`ec2`, `sts`, `ssm`, `ec2-instance-connect`); `checkip` for GET /checkip. */
  service: string;
  action: string;
  /** The HTTP status answered; undefined while in flight or for a dropped connection. */
  status?: number;
}

/** A timed transition: an instance state, a volume attachment, a snapshot, an SSM invocation. */
export interface TransitionEntry {
  kind: 'instance' | 'attachment' | 'snapshot' | 'command';
  /** The instance, volume, snapshot or command id. */
  resourceId: string;
  /** `stopping→stopped`, `attaching→attached`, `pending→completed`, `Pending→Success`, … */
  change: string;
  startedAt: number;
  /**
   * When a client could first see the new state: the transition's due time plus the work the
   * sandbox did to make it (a guest boot), not the later moment a request or the timer ticked it.
   */
  endedAt: number;
}

const maxEntries = 10_000;

function push<T>(list: T[], entry: T): T {
  list.push(entry);
  if (list.length > maxEntries) list.splice(0, list.length - maxEntries);
  return entry;
}

export class ActivityLog {
  readonly requests: RequestEntry[] = [];
  readonly transitions: TransitionEntry[] = [];

  request(at: number, service: string, action: string): RequestEntry {
    return push(this.requests, { at, service, action });
  }

  transition(entry: TransitionEntry): void {
    push(this.transitions, entry);
  }

  clear(): void {
    this.requests.length = 0;
    this.transitions.length = 0;
  }
}
