/**
 * `cp` and `chmod` around the bundled versions: `cp -a`/`-p`/`--preserve` keep owner, group,
 * mode and mtime (ownership only when the caller is root, as on Linux), and `chmod` reports
 * "Operation not permitted" for files the caller does not own instead of a generic error.
 */
import type { Command, ExecResult } from 'just-bash';
import { defineCommand } from 'just-bash';
import { strerror } from '../fs-errors.js';
import type { ShellSession } from './session.js';
import { absolute } from './session.js';

async function copyMetadata(s: ShellSession, src: string, dest: string): Promise<void> {
  const st = s.vfs.statOwned(src, false);
  if (s.vfs.creds.uid === 0) s.vfs.chown(dest, st.uid, st.gid, false);
  if (!st.isSymbolicLink) {
    await s.vfs.chmod(dest, st.mode);
    await s.vfs.utimes(dest, st.mtime, st.mtime);
  }
  if (st.isDirectory) {
    for (const name of await s.vfs.readdir(src)) await copyMetadata(s, `${src}/${name}`, `${dest}/${name}`);
  }
}

function cpCommand(s: ShellSession): Command {
  return defineCommand('cp', async (args, ctx): Promise<ExecResult> => {
    const orig = ctx.origCommand;
    if (!orig) return { stdout: '', stderr: 'cp: unavailable\n', exitCode: 1 };
    let preserve = false;
    const out: string[] = [];
    for (const a of args) {
      if (a === '--archive' || a === '-a') {
        preserve = true;
        out.push('-r', '-p');
      } else if (a.startsWith('--preserve')) {
        preserve = true;
        out.push('-p');
      } else if (/^-[a-zA-Z]+$/.test(a)) {
        if (a.includes('a') || a.includes('p')) preserve = true;
        out.push(a.replace('a', 'rp'));
      } else out.push(a);
    }
    const operands = out.filter((a) => !a.startsWith('-'));
    const destArg = operands.pop();
    let destIsDir = false;
    if (destArg !== undefined) {
      try {
        destIsDir = s.vfs.statOwned(absolute(ctx.cwd, destArg), true).isDirectory;
      } catch {
        destIsDir = false;
      }
    }
    const result = await orig(out);
    if (!preserve || result.exitCode !== 0 || destArg === undefined) return result;
    try {
      for (const src of operands) {
        const dest = absolute(
          ctx.cwd,
          destIsDir ? `${destArg}/${src.replace(/\/+$/, '').split('/').pop() ?? src}` : destArg,
        );
        await copyMetadata(s, absolute(ctx.cwd, src), dest);
      }
    } catch (err) {
      return {
        ...result,
        stderr: `${result.stderr}cp: preserving permissions: ${strerror(err)}\n`,
        exitCode: 1,
      };
    }
    return result;
  });
}

function chmodCommand(s: ShellSession): Command {
  return defineCommand('chmod', async (args, ctx): Promise<ExecResult> => {
    const orig = ctx.origCommand;
    if (!orig) return { stdout: '', stderr: 'chmod: unavailable\n', exitCode: 1 };
    const isOption = (a: string) => /^-(R|v|c|f|-recursive|-verbose|-changes|-silent|-quiet)$/.test(a);
    const modeIndex = args.findIndex((a) => !isOption(a));
    if (modeIndex < 0) return orig(args);
    const kept = args.slice(0, modeIndex + 1);
    let stderr = '';
    let files = 0;
    for (const file of args.slice(modeIndex + 1)) {
      files += 1;
      try {
        const st = s.vfs.statOwned(absolute(ctx.cwd, file), true);
        if (s.vfs.creds.uid !== 0 && st.uid !== s.vfs.creds.uid) {
          stderr += `chmod: changing permissions of '${file}': Operation not permitted\n`;
          continue;
        }
      } catch (err) {
        stderr += `chmod: cannot access '${file}': ${strerror(err)}\n`;
        continue;
      }
      kept.push(file);
    }
    if (stderr === '') return orig(args);
    const result = kept.length > modeIndex + 1 ? await orig(kept) : { stdout: '', stderr: '', exitCode: 0 };
    return files > 0 ? { ...result, stderr: stderr + result.stderr, exitCode: 1 } : result;
  });
}

/** realpath, and readlink -f/-e/-m, resolved by the VFS (symlinks across mounts, /bin → usr/bin). */
function realpathCommands(s: ShellSession): Command[] {
  const resolveAll = async (paths: string[], cwd: string, name: string): Promise<ExecResult> => {
    let stdout = '';
    let stderr = '';
    for (const p of paths) {
      try {
        stdout += `${await s.vfs.realpath(absolute(cwd, p))}\n`;
      } catch (err) {
        stderr += `${name}: ${p}: ${strerror(err)}\n`;
      }
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  };
  return [
    defineCommand('realpath', async (args, ctx) =>
      resolveAll(
        args.filter((a) => !a.startsWith('-')),
        ctx.cwd,
        'realpath',
      ),
    ),
    defineCommand('readlink', async (args, ctx) => {
      if (!args.some((a) => /^-[a-zA-Z]*[fem]/.test(a)))
        return ctx.origCommand ? ctx.origCommand(args) : { stdout: '', stderr: '', exitCode: 1 };
      return resolveAll(
        args.filter((a) => !a.startsWith('-')),
        ctx.cwd,
        'readlink',
      );
    }),
  ];
}

/** mkdir with -m/--mode (octal): the mode applies to the named directories, not to -p parents. */
function mkdirCommand(s: ShellSession): Command {
  return defineCommand('mkdir', async (args, ctx): Promise<ExecResult> => {
    const orig = ctx.origCommand;
    if (!orig) return { stdout: '', stderr: 'mkdir: unavailable\n', exitCode: 1 };
    let mode: string | undefined;
    const out: string[] = [];
    for (let i = 0; i < args.length; i += 1) {
      const a = args[i] as string;
      if (a === '-m' || a === '--mode') mode = args[++i];
      else if (a.startsWith('--mode=')) mode = a.slice(7);
      else if (/^-[a-zA-Z]*m/.test(a) && !a.startsWith('--')) {
        const rest = a.slice(a.indexOf('m') + 1);
        mode = rest !== '' ? rest : args[++i];
        const flags = a.slice(0, a.indexOf('m'));
        if (flags !== '-') out.push(flags);
      } else out.push(a);
    }
    if (mode === undefined) return orig(args);
    if (!/^[0-7]{1,4}$/.test(mode))
      return { stdout: '', stderr: `mkdir: invalid mode '${mode}'\n`, exitCode: 1 };
    const result = await orig(out);
    for (const dir of out.filter((a) => !a.startsWith('-'))) {
      try {
        await s.vfs.chmod(absolute(ctx.cwd, dir), parseInt(mode, 8));
      } catch {
        // mkdir already reported why the directory is missing
      }
    }
    return result;
  });
}

/** cp, chmod, mkdir, realpath and readlink for one session. */
export function copyModeCommands(s: ShellSession): Command[] {
  return [cpCommand(s), chmodCommand(s), mkdirCommand(s), ...realpathCommands(s)];
}
