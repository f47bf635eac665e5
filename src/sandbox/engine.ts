import { apiError } from './api-error';
import type { ActivityLog } from './activity-log';
import type { SandboxClock } from './clock';
import type { RegionState, RoleSessionRecord, SandboxState } from './model';
import type { StateStore } from './state-store';
import type { OsRuntime } from './os-runtime';

/** How long timed transitions take. `instant` makes them all zero (unit tests). */
export interface SandboxTimings {
  pendingMs: number;
  stoppingMs: number;
  shuttingDownMs: number;
  snapshotMs: number;
  attachMs: number;
  detachMs: number;
  /** Instance Connect Endpoint create-in-progress → create-complete, and delete-in-progress → delete-complete. */
  endpointCreateMs: number;
  endpointDeleteMs: number;
  /** SendCommand → the agent starts the script (delivery); the script itself then runs for real. */
  commandMs: number;
}

export const timingsBySpeed: Record<'instant' | 'realistic', SandboxTimings> = {
  instant: {
    pendingMs: 0,
    stoppingMs: 0,
    shuttingDownMs: 0,
    snapshotMs: 0,
    attachMs: 0,
    detachMs: 0,
    endpointCreateMs: 0,
    endpointDeleteMs: 0,
    commandMs: 0,
  },
  realistic: {
    pendingMs: 4000,
    stoppingMs: 5000,
    shuttingDownMs: 3000,
    snapshotMs: 6000,
    attachMs: 1500,
    detachMs: 1500,
    endpointCreateMs: 8000,
    endpointDeleteMs: 5000,
    commandMs: 0,
  },
};

/** Everything an action handler can reach. */
export interface SandboxEngine {
  store: StateStore;
  clock: SandboxClock;
  timings: SandboxTimings;
  os: OsRuntime;
  /** Requests and transitions, for measuring a client (benchmarks). */
  activity: ActivityLog;
}

/** One request, after authentication and routing. */
export interface ActionContext {
  engine: SandboxEngine;
  state: SandboxState;
  region: string;
  rs: RegionState;
  requestId: string;
  /** ISO time now, from the sandbox clock. */
  nowIso: string;
  /** The assumed-role session the request was signed with; undefined for the account's own keys. */
  session?: RoleSessionRecord;
}

/** An action of a Query/JSON service: the SDK's operation schema plus what it does. */
export interface ActionDefinition {
  /** The SDK's static operation schema (`[9, ns, name, traits, input, output]`). */
  schema: readonly unknown[];
  /** Reads only: no state write is needed after it. */
  readOnly?: boolean;
  handler: (ctx: ActionContext, input: never) => unknown;
}

/** Declares an action with the SDK's request/response types for its handler. */
export function defineAction<I, O>(
  schema: unknown,
  handler: (ctx: ActionContext, input: I) => O | Promise<O>,
  options: { readOnly?: boolean } = {},
): ActionDefinition {
  return {
    schema: schema as readonly unknown[],
    handler: handler as ActionDefinition['handler'],
    ...options,
  };
}

/** Input member checks shared by actions. */
export function required<T>(value: T | undefined | null, name: string): T {
  if (value === undefined || value === null || (typeof value === 'string' && value === '')) {
    throw apiError('MissingParameter', `The request must contain the parameter ${name}`);
  }
  return value;
}
