/**
 * `bash`/`sh` option handling the bundled shells lack (`-s`, `-e`, `-u`, `-x`, `-o pipefail`,
 * `-l`), and an `rm` whose `-f` still reports permission failures (GNU rm -f only hides ENOENT).
 */
import type { Command, ExecResult } from 'just-bash';
import { defineCommand, latin1FromBytes } from 'just-bash';
import { isFsError, strerror } from '../fs-errors.js';
import type { ShellSession } from './session.js';
import { absolute } from './session.js';

function shellWrapper(name: 'bash' | 'sh'): Command {
  return defineCommand(name, async (args, ctx): Promise<ExecResult> => {
    const orig = ctx.origCommand;
    if (!orig) return { stdout: '', stderr: `${name}: unavailable\n`, exitCode: 127 };
    const setFlags: string[] = [];
    let fromStdin = false;
    let command: string | undefined;
    let i = 0;
    for (; i < args.length; i += 1) {
      const a = args[i] as string;
      if (a === '--' || a === '-') {
        i += 1;
        break;
      }
      if (a === '-c') {
        command = args[++i] ?? '';
        i += 1;
        break;
      }
      if (a === '-o' || a === '+o') {
        setFlags.push(`${a} ${args[++i] ?? ''}`);
        continue;
      }
      if (['--login', '--noprofile', '--norc', '--posix', '-i'].includes(a)) continue;
      if (/^-[a-zA-Z]+$/.test(a)) {
        for (const f of a.slice(1)) {
          if (f === 's') fromStdin = true;
          else if (f === 'c') command = undefined;
          else if (f !== 'l' && f !== 'i') setFlags.push(`-${f}`);
        }
        if (a.includes('c')) {
          command = args[++i] ?? '';
          i += 1;
          break;
        }
        continue;
      }
      break;
    }
    const rest = args.slice(i);
    const prefix = setFlags.map((f) => `set ${f}\n`).join('');
    if (command !== undefined) return orig(['-c', prefix + command, ...rest]);
    if (fromStdin || rest.length === 0) {
      const script = latin1FromBytes(ctx.stdin);
      return script.trim() === ''
        ? { stdout: '', stderr: '', exitCode: 0 }
        : orig(['-c', prefix + Buffer.from(script, 'latin1').toString('utf8'), name, ...rest]);
    }
    if (setFlags.length === 0) return orig(rest);
    const [file, ...params] = rest as [string, ...string[]];
    try {
      const text = await ctx.fs.readFile(ctx.fs.resolvePath(ctx.cwd, file));
      return orig(['-c', prefix + text, file, ...params]);
    } catch (err) {
      return { stdout: '', stderr: `${name}: ${file}: ${strerror(err)}\n`, exitCode: 127 };
    }
  });
}

function rmWrapper(s: ShellSession): Command {
  return defineCommand('rm', async (args, ctx): Promise<ExecResult> => {
    const orig = ctx.origCommand;
    if (!orig) return { stdout: '', stderr: 'rm: unavailable\n', exitCode: 1 };
    const result = await orig(args);
    const force = args.some((a) => /^-[a-zA-Z]*f/.test(a) || a === '--force');
    if (!force) return result;
    let stderr = '';
    for (const op of args.filter((a) => !a.startsWith('-'))) {
      const path = absolute(ctx.cwd, op);
      try {
        s.vfs.statOwned(path, false);
      } catch {
        continue; // gone, as asked
      }
      try {
        await s.vfs.rm(path, {
          recursive: args.some((a) => /^-[a-zA-Z]*[rR]/.test(a) || a === '--recursive'),
        });
      } catch (err) {
        if (!isFsError(err, 'ENOENT')) stderr += `rm: cannot remove '${op}': ${strerror(err)}\n`;
      }
    }
    return stderr ? { ...result, stderr: result.stderr + stderr, exitCode: 1 } : result;
  });
}

/** bash, sh and rm wrappers for one session. */
export function shellCommands(s: ShellSession): Command[] {
  return [shellWrapper('bash'), shellWrapper('sh'), rmWrapper(s)];
}
