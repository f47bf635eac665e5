import * as z from 'zod/mini';
import { inventoryViewSchema } from './inventory';
import { findingSchema, preflightResultSchema } from './recovery';
import { cleanupResultSchema, recoveryRollbackResultSchema, recoveryRunResultSchema } from './recovery-run';
import { int, list, requiredText, text } from './schema-helpers';

// Long-running operations (DESIGN.md "Long-running operations"): a channel that starts one answers
// at once with an `operationId`; the work reports numbered progress entries (`operation:progress`)
// and ends succeeded, failed or cancelled. These channels ask about any operation by its id.

export const operationId = requiredText(100);

/** The most entries one `operations:replay` answer carries; ask again after the last one for more. */
export const maxReplayEntries = 500;
/** The longest one `operations:wait` holds the call open; the caller waits again after it. */
export const maxWaitMs = 60_000;

/**
 * What an entry says: `started` (seq 1), a step began / finished / failed, a `note`, and exactly one
 * terminal entry (`succeeded`, `failed`, `cancelled`) that ends the log. A decision the user must
 * take mid-way (stop the instance?) will be a further kind answered by a channel, like the MFA prompt.
 */
export const operationEntryKinds = [
  'started',
  'step',
  'stepDone',
  'stepFailed',
  'note',
  'succeeded',
  'failed',
  'cancelled',
] as const;
export type OperationEntryKind = (typeof operationEntryKinds)[number];
export const terminalEntryKinds = ['succeeded', 'failed', 'cancelled'] as const;

export const operationStates = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export type OperationState = (typeof operationStates)[number];

const count = int().check(z.gte(0), z.lte(100_000_000));
/** A time as ms since the epoch. */
const timestamp = int().check(z.gte(0));
/** An error as the caller may see it: a stable code and a message, never a stack. */
export const operationErrorSchema = z.strictObject({
  code: text(100),
  message: text(2000),
  /** The error's safe facts (a name, a region), which the translated text quotes. */
  details: z.optional(z.record(text(100), z.union([text(1000), z.number(), z.boolean()]))),
});

/** The one progress shape, pushed as `operation:progress` and returned by `operations:replay`. */
export const operationProgressSchema = z.strictObject({
  operationId,
  /** 1, 2, 3… per operation, so a window that missed some asks for what came after its last one. */
  seq: int().check(z.gte(1)),
  kind: z.enum(operationEntryKinds),
  /** What the entry is about: a region, a file, a step id; the operation's kind for start and end. */
  step: text(100),
  done: z.optional(count),
  total: z.optional(count),
  /** How many things the step found (key pairs in a region). */
  count: z.optional(count),
  detail: z.optional(text(500)),
  error: z.optional(operationErrorSchema),
  /** What a preflight check found (its `stepDone` or `stepFailed`), so the checklist fills in live. */
  findings: z.optional(list(findingSchema, 50)),
  /** When it happened, ms since the epoch (the registry's clock). */
  at: timestamp,
});
export type OperationProgress = z.infer<typeof operationProgressSchema>;

/**
 * Opaque facts the starter attached (the account it pinned: `accountId`); the registry keeps and
 * returns them, it does not read them. Bounded like any other field.
 */
export const operationMetadataSchema = z
  .record(text(40), text(300))
  .check(z.refine((value) => Object.keys(value).length <= 8, 'at most 8 metadata entries'));

function statusOf<K extends string, R extends z.ZodMiniType>(kind: K, result: R) {
  return z.strictObject({
    operationId,
    kind: z.literal(kind),
    state: z.enum(operationStates),
    /** The seq of the newest entry (0 before the first). */
    lastSeq: count,
    startedAt: timestamp,
    endedAt: z.optional(timestamp),
    metadata: operationMetadataSchema,
    /** Set once the operation succeeded. */
    result: z.optional(result),
    /** Set once it failed. */
    error: z.optional(operationErrorSchema),
  });
}

/**
 * Every kind of operation and the result it ends with. A new long-running feature adds its kind
 * here, so `operations:status` stays validated like every other answer.
 */
export const operationStatusSchema = z.discriminatedUnion('kind', [
  statusOf('inventory.refresh', inventoryViewSchema),
  statusOf('recovery.run', recoveryRunResultSchema),
  statusOf('recovery.cleanup', cleanupResultSchema),
  statusOf('recovery.rollback', recoveryRollbackResultSchema),
  statusOf('recovery.preflight', preflightResultSchema),
]);
export type OperationStatus = z.infer<typeof operationStatusSchema>;
export type OperationKind = OperationStatus['kind'];
export type OperationResult<K extends OperationKind> = NonNullable<
  Extract<OperationStatus, { kind: K }>['result']
>;

export const operationsContract = {
  /** Where an operation stands: state, newest seq, and its result or error once it ended. */
  'operations:status': {
    input: z.strictObject({ operationId }),
    output: operationStatusSchema,
  },
  /** Answers once the operation ended, or after `timeoutMs` (≤ 60 s) with it still running. */
  'operations:wait': {
    input: z.strictObject({ operationId, timeoutMs: int().check(z.gte(0), z.lte(maxWaitMs)) }),
    output: operationStatusSchema,
  },
  /**
   * Asks a running operation to stop; it stops at its next step boundary and ends `cancelled`.
   * `cancelled` is false when it had already ended.
   */
  'operations:cancel': {
    input: z.strictObject({ operationId }),
    output: z.strictObject({ cancelled: z.boolean() }),
  },
  /**
   * The entries after `afterSeq` (at most `limit`, ≤ 500), for a window that was reloaded or missed
   * pushes. `firstKeptSeq` > `afterSeq + 1` means older entries were dropped (a bounded log).
   */
  'operations:replay': {
    input: z.strictObject({
      operationId,
      afterSeq: count,
      limit: z.optional(int().check(z.gte(1), z.lte(maxReplayEntries))),
    }),
    output: z.strictObject({
      operationId,
      state: z.enum(operationStates),
      lastSeq: count,
      firstKeptSeq: count,
      entries: list(operationProgressSchema, maxReplayEntries),
      /** More entries follow the last one returned. */
      more: z.boolean(),
    }),
  },
} as const;
