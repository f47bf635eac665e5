import { defaultMaxAttempts } from '../../aws/client-factory';
import type { FaultSpec } from '../../sandbox';

/**
 * The fault table of the stop-path tests: every AWS action an uninterrupted run calls (the
 * sandbox's activity log), each faulted in turn. A case names the request to fault by its action
 * and how many requests of that action pass first, so it hits the same call in every run.
 */

/** What the preflight of `recover` calls (both stop paths; the DryRun calls check permissions), sorted. */
export const preflightActions = [
  'AuthorizeSecurityGroupIngress',
  'CreateSnapshot',
  'DescribeAddresses',
  'DescribeImages',
  'DescribeInstanceAttribute',
  'DescribeInstanceInformation',
  'DescribeInstanceTypes',
  'DescribeInstances',
  'DescribeKeyPairs',
  'DescribeNetworkAcls',
  'DescribeSecurityGroups',
  'DescribeVolumes',
  'DetachVolume',
  'GetCallerIdentity',
  'GetParameter',
  'ModifyInstanceAttribute',
  'StartInstances',
  'StopInstances',
];

export type MatrixFaultKind = 'throttle' | 'internal-error' | 'drop-connection' | 'drop-after-apply';

export interface FaultCase {
  action: string;
  /** Requests of `action` that pass before the fault starts (0 = its first call). */
  skip: number;
  /** Before the first step (preflight: read-only and DryRun calls) or during the steps. */
  phase: 'preflight' | 'run';
  kind: MatrixFaultKind;
}

/** The requests of an uninterrupted run, and how many of them came before its first step. */
export interface RecordedRun {
  requests: string[];
  firstStep: number;
}

/** Calls that change something in AWS (in the steps; in preflight they are DryRun). */
const mutatingAction =
  /^(Create|Delete|Stop|Start|Attach|Detach|Modify|Send|Authorize|Revoke|Import|Run|Terminate|Put)/;

export function isMutating(action: string): boolean {
  return mutatingAction.test(action);
}

/**
 * Each action's first call in preflight and its first call in the steps get a throttle, a 500 and
 * a dropped connection; every call of a mutating action in the steps gets those and a
 * drop-after-apply (done by AWS, the answer lost). `preflight: false` leaves out the preflight's
 * calls (the same calls, in the same order, on both stop paths: one table faults them).
 */
export function faultCases(run: RecordedRun, options: { preflight: boolean }): FaultCase[] {
  const cases: FaultCase[] = [];
  const calls = new Map<string, number>();
  const faulted = new Set<string>();
  run.requests.forEach((action, index) => {
    const phase = index < run.firstStep ? 'preflight' : 'run';
    const skip = calls.get(action) ?? 0;
    calls.set(action, skip + 1);
    if (phase === 'preflight' && !options.preflight) return;
    const mutating = phase === 'run' && isMutating(action);
    if (faulted.has(`${phase} ${action}`) && !mutating) return;
    faulted.add(`${phase} ${action}`);
    const kinds: MatrixFaultKind[] = ['throttle', 'internal-error', 'drop-connection'];
    if (mutating) kinds.push('drop-after-apply');
    for (const kind of kinds) cases.push({ action, skip, phase, kind });
  });
  return cases;
}

/**
 * The sandbox fault of a case. A 500 or a drop comes as many times as the SDK tries, so the call
 * really fails; a throttle twice (the SDK backs off a second or more per throttle: six would cost
 * ~15 s a case), which the SDK's retry must absorb; drop-after-apply once, so the retry meets
 * what the first request did.
 */
export function faultSpec(c: FaultCase): FaultSpec {
  const times = c.kind === 'throttle' ? 2 : c.kind === 'drop-after-apply' ? 1 : defaultMaxAttempts;
  return { kind: c.kind, times, skip: c.skip };
}

export function caseName(c: FaultCase): string {
  return `${c.phase} ${c.action} #${c.skip + 1} ${c.kind}`;
}

/** Bounded set of reusable resources (a sandbox each): at most `size` exist, one case uses one. */
export class ResourcePool<T> {
  private readonly free: T[] = [];
  private readonly all = new Set<T>();
  private readonly waiting: ((resource: T) => void)[] = [];
  private creating = 0;

  constructor(
    private readonly size: number,
    private readonly create: () => Promise<T>,
    private readonly destroy: (resource: T) => Promise<void>,
  ) {}

  /**
   * Runs `use` on a free resource; one `use` threw on is destroyed (it may be left half-way), not
   * reused, so one failing case does not fail the next ones.
   */
  async with<R>(use: (resource: T) => Promise<R>): Promise<R> {
    const resource = await this.acquire();
    try {
      const result = await use(resource);
      this.release(resource);
      return result;
    } catch (error) {
      this.all.delete(resource);
      await this.destroy(resource);
      const next = this.waiting.shift();
      if (next) void this.acquireNew().then(next);
      throw error;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.all].map((resource) => this.destroy(resource)));
    this.all.clear();
  }

  private async acquire(): Promise<T> {
    const ready = this.free.pop();
    if (ready) return ready;
    if (this.all.size + this.creating < this.size) return this.acquireNew();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private async acquireNew(): Promise<T> {
    this.creating += 1;
    try {
      const resource = await this.create();
      this.all.add(resource);
      return resource;
    } finally {
      this.creating -= 1;
    }
  }

  private release(resource: T): void {
    const next = this.waiting.shift();
    if (next) next(resource);
    else this.free.push(resource);
  }
}
