import { createCore } from '../app/core';
import { runCli } from './run-cli';
import { cliUserDataDir } from './user-data-dir';

/** `keyrescue` entry point: wires the real process to runCli. */
const userDataDir = cliUserDataDir();

async function readLine(prompt: string): Promise<string> {
  // Loaded only for a prompt: readline pulls in Node's stream modules, ~8 ms of every start-up.
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(prompt);
  } finally {
    rl.close();
  }
}

// Ctrl-C cancels a slow key derivation with its own message; a second one ends the process outright.
const interrupt = new AbortController();
process.once('SIGINT', () => {
  interrupt.abort();
  process.once('SIGINT', () => process.exit(130));
});

runCli(
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdinIsTTY: () => Boolean(process.stdin.isTTY),
    readLine,
    env: process.env,
    cwd: process.cwd(),
    signal: interrupt.signal,
  },
  () => createCore({ userDataDir, runtime: 'cli' }),
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`keyrescue: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
