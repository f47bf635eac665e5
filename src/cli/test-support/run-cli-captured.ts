import { join } from 'node:path';
import type { AccountsStackOptions } from '../../app/accounts-stack';
import { createCore, type Core, type CoreOptions } from '../../app/core';
import type { PeerDir } from '../../keys/test-support/peers';
import type { RunningSandbox } from '../../sandbox';
import { runCli } from '../run-cli';

export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CapturedRunOptions {
  cwd: string;
  createCore: () => Core;
  env?: NodeJS.ProcessEnv;
  /** Whether stdin looks like a terminal; `answer` is what the user "types" at a prompt. */
  tty?: boolean;
  answer?: string;
  /** Stands for Ctrl-C (SIGINT) when aborted. */
  signal?: AbortSignal;
  /** Sees stderr as it is written (a test waits for a progress line before pressing Ctrl-C). */
  onStderr?: (text: string) => void;
  /** Sees stdout as it is written (a test checks output arrives piece by piece, live). */
  onStdout?: (text: string) => void;
}

/** Runs one `keyrescue` invocation in-process with stdout and stderr captured, as tests need it. */
export async function runCliCaptured(argv: string[], options: CapturedRunOptions): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    argv,
    {
      stdout: (text) => {
        stdout += text;
        options.onStdout?.(text);
      },
      stderr: (text) => {
        stderr += text;
        options.onStderr?.(text);
      },
      stdinIsTTY: () => options.tty ?? false,
      readLine: async () => options.answer ?? '',
      env: options.env ?? {},
      cwd: options.cwd,
      ...(options.signal ? { signal: options.signal } : {}),
    },
    options.createCore,
  );
  return { code, stdout, stderr };
}

/**
 * `keyrescue ARGV…` run in a peer folder (`d.dir` as cwd, `home` inside it as the user-data folder),
 * as the key commands' tests run it. `dir` is read at each call: it is made in a `beforeAll`.
 */
export function cliInPeerDir(dir: () => PeerDir): (...argv: string[]) => Promise<CapturedRun> {
  return (...argv) =>
    runCliCaptured(argv, {
      cwd: dir().dir,
      createCore: () => createCore({ userDataDir: dir().path('home'), runtime: 'cli' }),
    });
}

/**
 * `keyrescue ARGV…` in-process with the sandbox as the practice account (`root` as cwd, its
 * `user-data` folder, `home` as the home folder), as the recovery commands' tests run it. The
 * place is read at each call: it is made in a `beforeAll`. `time` gives the core a clock and the
 * recovery's waits a sleeper of their own (the recovery benchmark runs them faster, as one).
 * `watch` sees stderr as it comes (a test notes where the first step began).
 */
export function cliOnPractice(
  place: () => { root: string; home: string; sandbox: RunningSandbox },
  time: Pick<CoreOptions, 'clock'> & Pick<AccountsStackOptions, 'recoverySleep'> = {},
): (args: string[], watch?: Pick<CapturedRunOptions, 'onStderr'>) => Promise<CapturedRun> {
  const { clock, recoverySleep } = time;
  return (args, watch) => {
    const { root, home, sandbox } = place();
    return runCliCaptured(args, {
      ...watch,
      env: {},
      cwd: root,
      createCore: () =>
        createCore({
          userDataDir: join(root, 'user-data'),
          runtime: 'cli',
          ...(clock ? { clock } : {}),
          accounts: {
            environment: { env: {}, homeDir: home },
            homeDir: home,
            practice: async () => sandbox,
            ...(recoverySleep ? { recoverySleep } : {}),
          },
        }),
    });
  };
}
