/**
 * `ls` with real owners and modes. just-bash's own `ls` prints a fixed "user user" and
 * "-rw-r--r--" in long format, so long listings (-l, -n, -g, -o) are produced here; every other
 * form is passed to the bundled `ls`.
 */
import type { Command, ExecResult } from 'just-bash';
import { defineCommand } from 'just-bash';
import { groupName, userName } from '../accounts.js';
import { isFsError, strerror } from '../fs-errors.js';
import type { OwnedStat } from '../unix-vfs.js';
import { modeString } from './file-format.js';
import type { ShellSession } from './session.js';
import { absolute, parseShortOptions } from './session.js';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function lsDate(d: Date): string {
  const recent = Math.abs(Date.now() - d.getTime()) < 182 * 24 * 3600 * 1000;
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const tail = recent
    ? `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
    : ` ${d.getUTCFullYear()}`;
  return `${months[d.getUTCMonth()]} ${day} ${tail}`;
}

function humanSize(n: number): string {
  if (n < 1024) return String(n);
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let u = -1;
  do {
    v /= 1024;
    u += 1;
  } while (v >= 1024 && u < units.length - 1);
  return `${v < 10 ? Math.ceil(v * 10) / 10 : Math.ceil(v)}${units[u]}`;
}

interface Row {
  name: string;
  st: OwnedStat;
  target?: string;
}

/**
 * Short listings go to the bundled `ls`, after operands it cannot open are reported the way GNU
 * ls does (the bundled one calls every failure "No such file or directory").
 */
async function shortListing(
  s: ShellSession,
  args: string[],
  operands: string[],
  ctx: { cwd: string; origCommand?: (a: string[]) => Promise<ExecResult> },
): Promise<ExecResult> {
  if (!ctx.origCommand) return { stdout: '', stderr: 'ls: unavailable\n', exitCode: 2 };
  let stderr = '';
  const bad = new Set<string>();
  for (const op of operands) {
    try {
      const st = s.vfs.statOwned(absolute(ctx.cwd, op), true);
      if (st.isDirectory) await s.vfs.readdir(absolute(ctx.cwd, op));
    } catch (err) {
      const opening =
        !isFsError(err, 'ENOENT') &&
        (() => {
          try {
            return s.vfs.statOwned(absolute(ctx.cwd, op), true).isDirectory;
          } catch {
            return false;
          }
        })();
      stderr += opening
        ? `ls: cannot open directory '${op}': ${strerror(err)}\n`
        : `ls: cannot access '${op}': ${strerror(err)}\n`;
      bad.add(op);
    }
  }
  if (bad.size === 0) return ctx.origCommand(args);
  const kept = args.filter((a) => !bad.has(a));
  const result = kept.some((a) => !a.startsWith('-'))
    ? await ctx.origCommand(kept)
    : { stdout: '', stderr: '', exitCode: 0 };
  return { ...result, stderr: stderr + result.stderr, exitCode: 2 };
}

/** The `ls` override for one session. */
export function lsCommand(s: ShellSession): Command {
  return defineCommand('ls', async (args, ctx) => {
    const { flags, rest } = parseShortOptions(args.filter((a) => !a.startsWith('--color')));
    const long = ['-l', '-n', '-g', '-o'].some((f) => flags.has(f));
    if (!long) return shortListing(s, args, rest, ctx);
    const numeric = flags.has('-n');
    const showAll = flags.has('-a');
    const almostAll = flags.has('-A');
    const dirAsFile = flags.has('-d');
    const human = flags.has('-h');
    const root = s.os.rootFilesystem;
    const format = (rows: Row[]): string => {
      const cells = rows.map((r) => {
        const owner = numeric ? String(r.st.uid) : userName(root, r.st.uid);
        const group = numeric ? String(r.st.gid) : groupName(root, r.st.gid);
        const size = human ? humanSize(r.st.size) : String(r.st.size);
        return [
          modeString(r.st),
          r.st.isDirectory ? '2' : '1',
          flags.has('-g') ? '' : owner,
          flags.has('-o') ? '' : group,
          size,
          lsDate(r.st.mtime),
          r.target ? `${r.name} -> ${r.target}` : r.name,
        ];
      });
      const width = (i: number) => Math.max(0, ...cells.map((c) => (c[i] ?? '').length));
      return cells
        .map((c) =>
          [
            c[0],
            (c[1] ?? '').padStart(width(1)),
            c[2] === '' ? undefined : (c[2] ?? '').padEnd(width(2)),
            c[3] === '' ? undefined : (c[3] ?? '').padEnd(width(3)),
            (c[4] ?? '').padStart(width(4)),
            c[5],
            c[6],
          ]
            .filter((v) => v !== undefined)
            .join(' '),
        )
        .map((l) => `${l}\n`)
        .join('');
    };
    const rowFor = async (path: string, name: string): Promise<Row> => {
      const st = s.vfs.statOwned(path, false);
      return { name, st, ...(st.isSymbolicLink ? { target: await s.vfs.readlink(path) } : {}) };
    };
    const operands = rest.length === 0 ? ['.'] : rest;
    let stdout = '';
    let stderr = '';
    let status = 0;
    const files: Row[] = [];
    const dirs: string[] = [];
    for (const op of operands) {
      const path = absolute(ctx.cwd, op);
      try {
        const st = s.vfs.statOwned(path, true);
        if (st.isDirectory && !dirAsFile) dirs.push(op);
        else files.push(await rowFor(path, op));
      } catch (err) {
        stderr += `ls: cannot access '${op}': ${strerror(err)}\n`;
        status = 2;
      }
    }
    stdout += format(files);
    for (const [i, op] of dirs.entries()) {
      const path = absolute(ctx.cwd, op);
      try {
        const names = (await s.vfs.readdir(path)).filter((n) => showAll || almostAll || !n.startsWith('.'));
        const rows: Row[] = [];
        if (showAll) rows.push(await rowFor(path, '.'), await rowFor(`${path}/..`, '..'));
        for (const n of names.sort()) rows.push(await rowFor(path === '/' ? `/${n}` : `${path}/${n}`, n));
        if (operands.length > 1) stdout += `${files.length > 0 || i > 0 ? '\n' : ''}${op}:\n`;
        const blocks = rows.reduce((sum, r) => sum + (r.st.isFile ? Math.ceil(r.st.size / 4096) * 4 : 0), 0);
        stdout += `total ${blocks}\n${format(rows)}`;
      } catch (err) {
        stderr += `ls: cannot open directory '${op}': ${strerror(err)}\n`;
        status = 2;
      }
    }
    return { stdout, stderr, exitCode: status };
  });
}
