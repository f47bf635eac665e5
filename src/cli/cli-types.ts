import type { Core } from '../app/core';
import type { IpcClient } from '../ipc/client';

/** A mistake in how the command was called: exit code 2, message and usage on stderr. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * Whether stdin is an interactive terminal (confirmations are refused when it is not). A function:
   * opening process.stdin costs every start-up a few ms, and only two commands ever ask.
   */
  stdinIsTTY: () => boolean;
  /** Reads one line from stdin (for confirmations); only called when `stdinIsTTY()`. */
  readLine: (prompt: string) => Promise<string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on SIGINT: a slow key derivation stops at once (`keys.cancelled`). */
  signal?: AbortSignal;
}

export interface CliContext extends CliIo {
  core: Core;
  /** The same typed client the renderer uses, over the in-process router. */
  api: IpcClient;
}

export interface CliCommand {
  name: string;
  /** One line for `keyrescue --help`. */
  summary: string;
  /** Full usage text for `keyrescue CMD --help` and usage errors. */
  usage: string;
  /** Returns the exit code (0 success, 1 operation failed); throws UsageError for exit 2. */
  run(args: string[], ctx: CliContext): Promise<number>;
}
