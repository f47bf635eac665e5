/**
 * What every guest command needs: the OS, the caller's filesystem view (credentials, umask)
 * and the caller's passwd entry; plus small helpers for results.
 */
import type { ExecResult } from 'just-bash';
import type { PasswdEntry } from '../accounts.js';
import type { GuestOs } from '../guest-os.js';
import type { UnixVfs } from '../unix-vfs.js';

/** The shell execution a command runs in. */
export interface ShellSession {
  os: GuestOs;
  vfs: UnixVfs;
  user: PasswdEntry;
}

/** Successful result with stdout. */
export function ok(stdout = ''): ExecResult {
  return { stdout, stderr: '', exitCode: 0 };
}

/** Failed result with a diagnostic on stderr (a trailing newline is added). */
export function fail(stderr: string, exitCode = 1, stdout = ''): ExecResult {
  return { stdout, stderr: stderr.endsWith('\n') || stderr === '' ? stderr : stderr + '\n', exitCode };
}

/** Resolves a possibly relative path against the command's cwd. */
export function absolute(cwd: string, path: string): string {
  return path.startsWith('/') ? path : cwd === '/' ? `/${path}` : `${cwd}/${path}`;
}

/**
 * GNU-style option parsing: clustered short options ('-Rh'), options anywhere, '--' ends them.
 * Options in `withValue` consume the next argument (or the rest of the cluster).
 */
export function parseShortOptions(
  args: string[],
  withValue: string[] = [],
): { flags: Map<string, string | true>; rest: string[] } {
  const flags = new Map<string, string | true>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] as string;
    if (a === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(0, eq), a.slice(eq + 1));
      else if (withValue.includes(a)) flags.set(a, args[++i] ?? '');
      else flags.set(a, true);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j += 1) {
        const f = `-${a[j]}`;
        if (withValue.includes(f)) {
          const inline = a.slice(j + 1);
          flags.set(f, inline !== '' ? inline : (args[++i] ?? ''));
          break;
        }
        flags.set(f, true);
      }
      continue;
    }
    rest.push(a);
  }
  return { flags, rest };
}
