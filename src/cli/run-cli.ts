import { IpcError, createClient, type IpcTransport } from '../ipc/client';
import { AppError } from '../ipc/app-error';
import { appName, appVersion } from '../app/app-version';
import type { Core } from '../app/core';
import { UsageError, type CliCommand, type CliIo } from './cli-types';
import { commands as defaultCommands } from './commands';
import { passphraseHint } from './cli-errors';
import { oneLine, terminalSafe } from './terminal-text';
import type { EventPayload } from '../ipc/events';

function mainUsage(commands: CliCommand[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    `Usage: keyrescue <command> [options]`,
    ``,
    `${appName} — recover SSH access to EC2 instances, convert PEM/PPK keys, manage key pairs.`,
    ``,
    `Commands:`,
    ...lines,
    ``,
    `Options:`,
    `  --help, -h     Show help (also: keyrescue <command> --help)`,
    `  --version, -v  Print the version`,
    ``,
    `Exit codes: 0 success, 1 the operation failed, 2 usage error.`,
    ``,
  ].join('\n');
}

/**
 * Runs one `keyrescue` invocation over the shared router and returns its exit code. Kept free of
 * `process` so tests drive it with captured output.
 */
export async function runCli(
  argv: string[],
  rawIo: CliIo,
  createCoreForCli: () => Core,
  commands: CliCommand[] = defaultCommands,
): Promise<number> {
  // Every byte any command prints goes through here, so no key comment or AWS name can drive the terminal.
  const io: CliIo = {
    ...rawIo,
    stdout: (text) => rawIo.stdout(terminalSafe(text)),
    stderr: (text) => rawIo.stderr(terminalSafe(text)),
  };
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    io.stdout(`${appVersion}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(mainUsage(commands));
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`keyrescue: unknown command '${name}'\n\n${mainUsage(commands)}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`Usage: ${command.usage}\n\n${command.summary}\n`);
    return 0;
  }
  const core = createCoreForCli();
  try {
    return await command.run(rest, {
      ...io,
      core,
      api: createClient(
        directTransport(core, io.signal, async (mfaSerial) =>
          io.stdinIsTTY() ? io.readLine(`MFA code for ${oneLine(mfaSerial)}: `) : null,
        ),
      ),
    });
  } catch (error) {
    return reportError(command, error, io);
  } finally {
    // Stops what the command started (the practice account's sandbox), so the process can exit.
    await core.dispose();
  }
}

/** Usage errors exit 2 with the command's usage; failures exit 1 with their message. */
function reportError(command: CliCommand, error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr(`keyrescue ${command.name}: ${error.message}\n\nUsage: ${command.usage}\n`);
    return 2;
  }
  if (error instanceof IpcError || error instanceof AppError) {
    io.stderr(`keyrescue ${command.name}: ${error.message}${passphraseHint(command, error.code)}\n`);
    return 1;
  }
  io.stderr(`keyrescue ${command.name}: unexpected error: ${(error as Error).message ?? String(error)}\n`);
  return 1;
}

/**
 * The CLI calls the router in-process. Events a handler emits reach the listeners commands
 * subscribed with `ctx.api.on` (an operation's progress printer), as pushes reach the window.
 */
export function directTransport(
  core: Core,
  signal?: AbortSignal,
  askMfaCode?: (mfaSerial: string) => Promise<string | null>,
): IpcTransport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const invoke = (channel: string, input: unknown) =>
    core.router.dispatch(channel, input, { caller: 'cli', emit, ...(signal ? { signal } : {}) });
  function emit(event: string, payload: unknown): void {
    for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
    // The prompt is bound to this caller, so only the CLI itself can answer it: from the terminal.
    if (event === 'accounts:mfaRequired' && askMfaCode) {
      const { requestId, mfaSerial } = payload as EventPayload<'accounts:mfaRequired'>;
      void askMfaCode(mfaSerial)
        .catch(() => null)
        .then((code) => invoke('accounts:mfaCode', { requestId, code: code?.trim() || null }));
    }
  }
  return {
    invoke,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => void set.delete(listener);
    },
  };
}
