/**
 * Whole-subtree operations on one {@link SandboxFilesystem}'s flat path→entry map: listing a
 * directory, copying, moving (also across filesystems) and removing a tree.
 */
import { FsError } from './fs-errors.js';
import type { SandboxFilesystem, SandboxFsEntry } from './sandbox-filesystem.js';
import type { Credentials } from './vfs-types.js';
import { R, W, X, hasPermission } from './vfs-resolver.js';

function childPrefix(dir: string): string {
  return dir === '/' ? '/' : dir + '/';
}

/** Direct children of `dir` as [name, entry], sorted by name. */
export function listChildren(fs: SandboxFilesystem, dir: string): Array<[string, SandboxFsEntry]> {
  const prefix = childPrefix(dir);
  const out: Array<[string, SandboxFsEntry]> = [];
  for (const [path, entry] of Object.entries(fs.entries)) {
    if (path === dir || !path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    if (rest.length > 0 && !rest.includes('/')) out.push([rest, entry]);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** `dir` and every path below it. */
function subtree(fs: SandboxFilesystem, dir: string): string[] {
  const prefix = childPrefix(dir);
  return Object.keys(fs.entries).filter((p) => p === dir || p.startsWith(prefix));
}

/** Maps `p` (at or below `src`) to the same place below `dest`. */
function rebase(p: string, src: string, dest: string): string {
  if (p === src) return dest;
  const rel = src === '/' ? p : p.slice(src.length);
  return dest === '/' ? rel : dest + rel;
}

/** Removes a directory tree, checking that the caller may empty every directory in it. */
export function removeTree(fs: SandboxFilesystem, dir: string, creds: Credentials, shownPath: string): void {
  const paths = subtree(fs, dir);
  for (const p of paths) {
    const e = fs.entries[p];
    if (e?.type === 'dir' && !hasPermission(e, creds, R | W | X))
      throw new FsError('EACCES', 'rm', shownPath);
  }
  for (const p of paths) delete fs.entries[p];
}

/**
 * Copies `src` (file, symlink or tree) to `dest`. New entries take metadata from `meta(entry)`
 * (the caller's ownership and masked mode, as `cp` without `-p` does).
 */
export function copyTree(
  srcFs: SandboxFilesystem,
  src: string,
  destFs: SandboxFilesystem,
  dest: string,
  creds: Credentials,
  meta: (e: SandboxFsEntry) => { mode: number; uid: number; gid: number; mtimeMs: number },
): void {
  const paths = subtree(srcFs, src);
  for (const p of paths) {
    const e = srcFs.entries[p];
    if (!e) continue;
    if (e.type !== 'symlink' && !hasPermission(e, creds, e.type === 'dir' ? R | X : R))
      throw new FsError('EACCES', 'open', p);
    const target = rebase(p, src, dest);
    const m = meta(e);
    if (e.type === 'file') destFs.entries[target] = { type: 'file', content: e.content, ...m };
    else if (e.type === 'dir') destFs.entries[target] = { type: 'dir', ...m };
    else destFs.entries[target] = { type: 'symlink', target: e.target, ...m, mode: 0o777 };
  }
}

/** rename(2): moves entries keeping their metadata; across filesystems it copies then deletes. */
export function moveTree(
  srcFs: SandboxFilesystem,
  src: string,
  destFs: SandboxFilesystem,
  dest: string,
): void {
  const paths = subtree(srcFs, src);
  const destExisting = subtree(destFs, dest);
  for (const p of destExisting) delete destFs.entries[p];
  const moved: Array<[string, SandboxFsEntry]> = [];
  for (const p of paths) {
    const e = srcFs.entries[p];
    if (e) moved.push([rebase(p, src, dest), e]);
    delete srcFs.entries[p];
  }
  for (const [p, e] of moved) destFs.entries[p] = e;
}
