/**
 * Permission-accurate diagnostics for file readers. just-bash's readers report every failure as
 * "No such file or directory"; these wrappers check each file operand first, print the real
 * reason (e.g. "Permission denied") and pass the readable operands to the bundled command.
 */
import type { Command, ExecResult } from 'just-bash';
import { defineCommand } from 'just-bash';
import { strerror } from '../fs-errors.js';
import type { ShellSession } from './session.js';
import { absolute } from './session.js';

/** Commands wrapped, with how many leading non-option operands are not files (grep's pattern). */
const readers: Record<string, { skip: number; status: number }> = {
  cat: { skip: 0, status: 1 },
  head: { skip: 0, status: 1 },
  tail: { skip: 0, status: 1 },
  wc: { skip: 0, status: 1 },
  md5sum: { skip: 0, status: 1 },
  sha256sum: { skip: 0, status: 1 },
};

function wrap(s: ShellSession, name: string, skip: number, status: number): Command {
  return defineCommand(name, async (args, ctx): Promise<ExecResult> => {
    const orig = ctx.origCommand;
    if (!orig) return { stdout: '', stderr: `${name}: unavailable\n`, exitCode: 1 };
    let stderr = '';
    const kept: string[] = [];
    let operandIndex = 0;
    let optionsDone = false;
    let dropped = 0;
    for (let i = 0; i < args.length; i += 1) {
      const a = args[i] as string;
      const isOption = !optionsDone && a.startsWith('-') && a !== '-';
      if (a === '--') optionsDone = true;
      // Options that take a separate value (tail -n 5, head -c 1).
      if (isOption && /^-[nc]$/.test(a) && (name === 'head' || name === 'tail')) {
        kept.push(a, args[i + 1] ?? '');
        i += 1;
        continue;
      }
      if (isOption || a === '-' || operandIndex++ < skip) {
        kept.push(a);
        continue;
      }
      try {
        const st = s.vfs.statOwned(absolute(ctx.cwd, a), true);
        if (st.isDirectory) throw Object.assign(new Error('Is a directory'), { isDir: true });
        await s.vfs.readFileBuffer(absolute(ctx.cwd, a));
        kept.push(a);
      } catch (err) {
        const reason = (err as { isDir?: boolean }).isDir ? 'Is a directory' : strerror(err);
        stderr +=
          name === 'tail' || name === 'head'
            ? `${name}: cannot open '${a}' for reading: ${reason}\n`
            : `${name}: ${a}: ${reason}\n`;
        dropped += 1;
      }
    }
    if (dropped === 0) return orig(args);
    const hadFiles = operandIndex > skip;
    const remaining = operandIndex - skip - dropped;
    const result = hadFiles && remaining === 0 ? { stdout: '', stderr: '', exitCode: 0 } : await orig(kept);
    return { ...result, stderr: stderr + result.stderr, exitCode: result.exitCode || status };
  });
}

/** cat, head, tail, wc, md5sum, sha256sum with real error reasons. */
export function readCommands(s: ShellSession): Command[] {
  return Object.entries(readers).map(([name, r]) => wrap(s, name, r.skip, r.status));
}
