import type { parseArgs as nodeParseArgs, ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-types';

/**
 * `util.parseArgs` with strict options, its errors turned into usage errors (exit 2). Taking the
 * function as an argument keeps the result type exactly as Node infers it for each command.
 */
export function parseCommandArgs<T extends ParseArgsConfig>(
  parseArgs: typeof nodeParseArgs,
  config: T,
): ReturnType<typeof nodeParseArgs<T>> {
  try {
    return parseArgs({ strict: true, allowPositionals: false, ...config } as T);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
