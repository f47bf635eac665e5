import type { OperationKind, OperationProgress, OperationResult } from '../ipc/contracts/operations';
import { runOperation } from '../ipc/operations/run-operation';
import type { CliContext } from './cli-types';
import { oneLine } from './terminal-text';

/**
 * One progress entry as a line for the terminal, or null for entries that say nothing new
 * (start and end: the command prints the outcome). Every field from AWS or disk stays on its line.
 */
export function progressLine(entry: OperationProgress): string | null {
  const count =
    entry.done !== undefined && entry.total !== undefined ? `[${entry.done}/${entry.total}] ` : '';
  const step = oneLine(entry.step);
  switch (entry.kind) {
    case 'step':
      return `${count}${step}…`;
    case 'stepDone':
      return `${count}${step}: done${entry.count !== undefined ? ` (${entry.count})` : ''}`;
    case 'stepFailed':
      return `${count}${step}: failed: ${oneLine(entry.error?.message ?? 'unknown error')}`;
    case 'note':
      return `${step}${entry.detail ? `: ${oneLine(entry.detail)}` : ''}`;
    default:
      return null;
  }
}

/**
 * Starts an operation through the router and waits for it, printing its progress on stderr as
 * `keyrescue COMMAND: …` lines (nothing with `--json`, whose only output is the final JSON).
 * Ctrl-C asks the operation to stop (`operations:cancel`); it then fails with `operations.cancelled`.
 */
export function runCliOperation<K extends OperationKind>(
  ctx: CliContext,
  options: { command: string; kind: K; json: boolean; start: () => Promise<{ operationId: string }> },
): Promise<OperationResult<K>> {
  return runOperation(ctx.api, options.kind, options.start, {
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onEntry: (entry) => {
      const line = options.json ? null : progressLine(entry);
      if (line !== null) ctx.stderr(`keyrescue ${options.command}: ${line}\n`);
    },
  });
}
