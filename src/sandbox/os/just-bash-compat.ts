/**
 * Two workarounds for just-bash 3.4.2 (pinned), which was written for filesystems that never
 * refuse anything. Both recognise the calling just-bash function by its bundled name on the
 * stack; the tests for redirect failures and `test -r/-w/-x` fail if an upgrade renames them.
 *
 * 1. Redirections: an exception from opening `> file` escapes `Bash.exec` entirely. Its
 *    pre-check `Eh` (exists → stat, before the open) turns a failing `stat` into "cannot open
 *    redirect target" with status 1 — what bash does for an unwritable target. So inside that
 *    pre-check we answer "exists" and fail `stat` when the real open(O_WRONLY|O_CREAT) would fail.
 * 2. `test -r/-w/-x` (function `ds`) reads only the owner permission bits from `stat`; there we
 *    put the caller's effective access into those bits, as access(2) would (EROFS included).
 */
import type { FsStat } from 'just-bash';
import type { OwnedStat, VfsView } from './vfs-types.js';
import { R, W, X, hasPermission } from './vfs-resolver.js';

function calledFrom(fn: string): boolean {
  return new Error().stack?.includes(`at ${fn} (`) ?? false;
}

/** True inside just-bash's `test`/`[` file operators. */
export function calledFromTest(): boolean {
  return calledFrom('ds');
}

/** Inside the redirect pre-check: would opening `path` for writing fail for this view? */
export function redirectWouldFail(vfs: VfsView, path: string): boolean {
  if (!calledFrom('Eh')) return false;
  try {
    const loc = vfs.locate(path, true, 'open');
    if (loc.kind === 'dev') return !loc.exists || loc.block || loc.dir;
    if (loc.mount.readOnly) return true;
    const real = loc.mount.fs.entries[loc.inner];
    if (real) return real.type === 'file' && !hasPermission(real, vfs.creds, W);
    vfs.writableParent(loc, 'open', path);
    return false;
  } catch {
    return true;
  }
}

/** The stat `test` should see: owner bits replaced by the caller's effective r/w/x. */
export function effectiveModeForTest(vfs: VfsView, path: string, st: OwnedStat): FsStat {
  const loc = vfs.locate(path, true, 'access');
  const readOnly = loc.kind === 'fs' && loc.mount.readOnly;
  const meta = { ...st, type: st.isDirectory ? 'dir' : 'file' };
  const bits =
    (hasPermission(meta, vfs.creds, R) ? 0o400 : 0) |
    (!readOnly && hasPermission(meta, vfs.creds, W) ? 0o200 : 0) |
    (hasPermission(meta, vfs.creds, X) ? 0o100 : 0);
  return { ...st, mode: (st.mode & ~0o700) | bits };
}
