import { ipcErrorCodes } from '../app-error';
import { IpcError, type IpcClient } from '../client';
import type {
  OperationKind,
  OperationProgress,
  OperationResult,
  OperationStatus,
} from '../contracts/operations';
import { operationErrorCodes } from './operation-errors';

// The caller's side of an operation, the same for the window (store actions) and the CLI: start it,
// show its entries in seq order without gaps or repeats, cancel on request, return how it ended.

/** Entries pushed before the start call answered (its id unknown yet) that are held, at most. */
const maxEarlyEntries = 1000;
/** One `operations:wait` call; the caller waits again while the operation runs. */
const defaultWaitSliceMs = 30_000;

export interface FollowOptions {
  /** Each entry once, in seq order (entries the registry already dropped are skipped). */
  onEntry?: (entry: OperationProgress) => void;
  /** The id, as soon as the start call answered (a store remembers which operation is its own). */
  onStarted?: (operationId: string) => void;
  /** Aborting asks the operation to stop (`operations:cancel`) and waits until it has. */
  signal?: AbortSignal;
  /**
   * The operation was started earlier (a reloaded window re-joins it by id): its log so far is read
   * at once, not only when the next entry or the end arrives.
   */
  rejoin?: boolean;
  waitSliceMs?: number;
}

/** Starts an operation with `start` and follows it to its end; resolves with its final status. */
export async function followOperation(
  client: IpcClient,
  start: () => Promise<{ operationId: string }>,
  options: FollowOptions = {},
): Promise<OperationStatus> {
  let operationId: string | undefined;
  let lastSeq = 0;
  const early: OperationProgress[] = [];
  let catching: Promise<void> = Promise.resolve();

  const deliver = (entry: OperationProgress) => {
    if (entry.seq <= lastSeq) return;
    lastSeq = entry.seq;
    options.onEntry?.(entry);
  };
  // Entries the pushes skipped (a gap) come from the registry's log, in order.
  const catchUp = (upTo: number) => {
    catching = catching.then(async () => {
      while (operationId !== undefined && lastSeq < upTo) {
        const page = await client.invoke('operations:replay', { operationId, afterSeq: lastSeq });
        for (const entry of page.entries) deliver(entry);
        if (!page.more) break;
      }
    });
    return catching;
  };
  const accept = (entry: OperationProgress) => {
    if (entry.seq === lastSeq + 1) deliver(entry);
    else if (entry.seq > lastSeq + 1) void catchUp(entry.seq).catch(() => undefined);
  };

  const off = client.on('operation:progress', (entry) => {
    if (operationId === undefined) {
      if (early.length < maxEarlyEntries) early.push(entry);
    } else if (entry.operationId === operationId) accept(entry);
  });
  const cancel = () => {
    if (operationId !== undefined)
      void client.invoke('operations:cancel', { operationId }).catch(() => undefined);
  };
  try {
    const id = (await start()).operationId;
    operationId = id;
    options.onStarted?.(id);
    for (const entry of early.splice(0)) if (entry.operationId === id) accept(entry);
    if (options.rejoin) await catchUp(Number.MAX_SAFE_INTEGER);
    options.signal?.addEventListener('abort', cancel, { once: true });
    if (options.signal?.aborted) cancel();
    let status: OperationStatus;
    do {
      status = await client.invoke('operations:wait', {
        operationId: id,
        timeoutMs: options.waitSliceMs ?? defaultWaitSliceMs,
      });
      await catchUp(status.lastSeq);
    } while (status.state === 'running');
    return status;
  } finally {
    off();
    options.signal?.removeEventListener('abort', cancel);
  }
}

/**
 * The result of an operation of `kind` that ended; a failed one throws its error as an `IpcError`
 * (code and message, as a failed call does), a cancelled one `operations.cancelled`.
 */
export function operationResult<K extends OperationKind>(
  status: OperationStatus,
  kind: K,
): OperationResult<K> {
  if (status.state === 'failed')
    throw new IpcError({
      code: status.error?.code ?? ipcErrorCodes.internal,
      message: status.error?.message ?? 'The operation failed.',
      ...(status.error?.details ? { details: status.error.details } : {}),
    });
  if (status.state === 'cancelled')
    throw new IpcError({ code: operationErrorCodes.cancelled, message: 'The operation was cancelled.' });
  if (status.kind !== kind || status.result === undefined)
    throw new IpcError({
      code: ipcErrorCodes.invalidOutput,
      message: `Operation ${status.operationId} is a ${status.kind}, not a ${kind}, or it has no result.`,
    });
  return status.result as OperationResult<K>;
}

/** Starts, follows and returns the result of one operation of `kind`. */
export async function runOperation<K extends OperationKind>(
  client: IpcClient,
  kind: K,
  start: () => Promise<{ operationId: string }>,
  options: FollowOptions = {},
): Promise<OperationResult<K>> {
  return operationResult(await followOperation(client, start, options), kind);
}
