import { maxReplayEntries, type OperationStatus, type operationsContract } from '../contracts/operations';
import type { Handlers } from '../router';
import type { OperationRegistry } from './operation-registry';

/** `operations:*`: status, wait, cancel and replay of any operation by its id. */
export function createOperationsHandlers(
  registry: OperationRegistry,
): Pick<Handlers, keyof typeof operationsContract> {
  return {
    'operations:status': async ({ operationId }) => registry.status(operationId) as OperationStatus,
    'operations:wait': async ({ operationId, timeoutMs }) =>
      (await registry.wait(operationId, timeoutMs)) as OperationStatus,
    'operations:cancel': async ({ operationId }) => ({ cancelled: registry.cancel(operationId) }),
    'operations:replay': async ({ operationId, afterSeq, limit }) =>
      registry.replay(operationId, afterSeq, limit ?? maxReplayEntries),
  };
}
