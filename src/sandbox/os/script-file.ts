/**
 * Runs a script file as the SSM agent's AWS-RunShellScript does: it writes the commands to
 * `_script.sh` and runs `sh -c <path>`. The kernel honours a `#!` line; a file without one
 * (ENOEXEC) is run by that `sh` itself — so the image's /bin/sh decides: bash on Amazon Linux,
 * dash on Ubuntu and Debian, where bash-only syntax fails as it does there.
 */
import { defineCommand } from 'just-bash';
import { dashDialect, dashErrorCommand } from './dash-dialect.js';
import { dashSyntaxError, linesRunBeforeSyntaxError } from './dash-syntax.js';
import type { GuestOs, OsExecResult } from './guest-os.js';
import type { PasswdEntry } from './accounts.js';

/** How to run one script file. */
export interface ScriptFileRun {
  /** The image's /bin/sh. */
  binSh: 'bash' | 'dash';
  /** Where the file would be: dash names it in its messages. */
  scriptPath: string;
  cwd?: string;
  signal?: AbortSignal;
}

/** The shell that ends up running the file: from its `#!` line, else the invoking `sh`. */
export function interpreterOf(script: string, binSh: 'bash' | 'dash'): 'bash' | 'dash' {
  if (!script.startsWith('#!')) return binSh;
  const [program = '', argument = ''] = script.slice(2).split('\n', 1)[0]?.trim().split(/\s+/) ?? [];
  const name = program.endsWith('/env') ? argument : program.slice(program.lastIndexOf('/') + 1);
  if (name === 'sh') return binSh;
  return name === 'dash' ? 'dash' : 'bash';
}

const reachedCommandName = '__dash_reached_syntax_error';

/** Runs `script` as `user` the way the file's interpreter would. */
export async function runScriptFile(
  os: GuestOs,
  user: PasswdEntry,
  script: string,
  run: ScriptFileRun,
): Promise<OsExecResult> {
  const options = { ...(run.cwd ? { cwd: run.cwd } : {}), ...(run.signal ? { signal: run.signal } : {}) };
  if (interpreterOf(script, run.binSh) === 'bash') return os.runAs(user, script, options);
  const syntax = await dashSyntaxError(script, run.scriptPath);
  if (!syntax)
    return os.runAs(user, script, {
      ...options,
      transforms: [dashDialect()],
      extraCommands: [dashErrorCommand(run.scriptPath)],
    });
  // dash runs the complete commands before the bad line, then stops with status 2 — unless one
  // of them ended the script first.
  const before = await linesRunBeforeSyntaxError(script, syntax);
  let reached = before === '';
  const reachedMark = defineCommand(reachedCommandName, async () => {
    reached = true;
    return { stdout: '', stderr: '', exitCode: 0 };
  });
  const result = reached
    ? { stdout: '', stderr: '', exitCode: 0 }
    : await os.runAs(user, `${before}${reachedCommandName}\n`, {
        ...options,
        transforms: [dashDialect()],
        extraCommands: [dashErrorCommand(run.scriptPath), reachedMark],
      });
  if (!reached) return result;
  return { stdout: result.stdout, stderr: `${result.stderr}${syntax.message}\n`, exitCode: 2 };
}
