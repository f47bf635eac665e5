import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseScriptResult, type ScriptResult } from '../script-result';

/** The shells the script must work under: SSM runs `sh`, which is dash on Debian/Ubuntu, busybox on minimal images. */
export const shells = [
  { name: 'bash', command: ['bash'] },
  { name: 'dash', command: ['dash'] },
  { name: 'busybox sh', command: ['busybox', 'sh'] },
] as const;

export type Shell = (typeof shells)[number];

export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
  result: ScriptResult;
}

/** Runs a generated script from a file, as the SSM agent runs `_script.sh`, and parses its result line. */
export interface RunOptions {
  /** Runs the shell with this uid and gid (setpriv) instead of root; the script file is then world-readable. */
  asUid?: number;
  /** The environment the shell starts with (default: PATH only). */
  env?: Record<string, string>;
}

export async function runScript(
  shell: Shell,
  script: string,
  folder: string,
  options: RunOptions = {},
): Promise<ScriptRun> {
  const file = join(folder, 'keyrescue-script.sh');
  await rm(file, { force: true });
  await writeFile(file, script, { mode: options.asUid === undefined ? 0o600 : 0o644 });
  const asUser =
    options.asUid === undefined
      ? []
      : ['setpriv', `--reuid=${options.asUid}`, `--regid=${options.asUid}`, '--clear-groups'];
  const [program, ...args] = [...asUser, ...shell.command];
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
    (resolve) => {
      execFile(
        program,
        [...args, file],
        {
          encoding: 'utf8',
          timeout: 20_000,
          env: options.env ?? { PATH: process.env.PATH ?? '/usr/bin:/bin' },
        },
        (error, out, err) => {
          const status = error ? (typeof error.code === 'number' ? error.code : 255) : 0;
          resolve({ code: status, stdout: out, stderr: err });
        },
      );
    },
  );
  let result: ScriptResult;
  try {
    result = parseScriptResult(stdout);
  } catch (error) {
    throw new Error(`${shell.name}: ${(error as Error).message}\nstdout: ${stdout}\nstderr: ${stderr}`, {
      cause: error,
    });
  }
  return { code, stdout, stderr, result };
}
