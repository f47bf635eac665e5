/**
 * Path resolution across a mount table, with Unix search permissions and symlinks. Paths are
 * global ("/mnt/rescue/home/x"); each lookup maps them to (mount, path inside that filesystem).
 * /dev is a small synthetic devfs (null, zero, std streams and the attached block devices).
 */
import { devLookup } from './devfs.js';
import { FsError } from './fs-errors.js';
import { parentOf } from './sandbox-filesystem.js';
import type { Credentials, Location, MountRecord, VfsHost } from './vfs-types.js';

export type { Credentials, Location, MountRecord, VfsHost } from './vfs-types.js';

/** Content of a virtual command file; running it by another path re-enters the built-in. */
export function commandStub(name: string): string {
  return `#!/bin/bash\n/usr/bin/${name} "$@"\n`;
}

export const R = 4;
export const W = 2;
export const X = 1;

/** Splits into components; keeps '..' so it can be applied physically after symlinks. */
export function components(path: string): string[] {
  return path.split('/').filter((c) => c !== '' && c !== '.');
}

/** Lexical normalisation ('/a/./b/../c' → '/a/c'); used for mount points and cwd joins. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const c of components(path)) {
    if (c === '..') out.pop();
    else out.push(c);
  }
  return '/' + out.join('/');
}

/** Whether `creds` has the permission `bit` (R/W/X) on an entry, root bypassing as Linux does. */
export function hasPermission(
  entry: { mode: number; uid: number; gid: number; type?: string },
  creds: Credentials,
  bit: number,
): boolean {
  if (creds.uid === 0) {
    // Root may execute/search only if some x bit is set (directories always searchable).
    return bit !== X || entry.type === 'dir' || (entry.mode & 0o111) !== 0;
  }
  if (entry.uid === creds.uid) return ((entry.mode >> 6) & bit) === bit;
  if (entry.gid === creds.gid || creds.groups.includes(entry.gid)) return ((entry.mode >> 3) & bit) === bit;
  return (entry.mode & bit) === bit;
}

/** Looks one global path up without following anything. */
export function lookup(host: VfsHost, path: string): Location {
  if (path === '/dev' || path.startsWith('/dev/'))
    return devLookup(path, host.blockDeviceNames(), host.deviceLinks());
  let best: MountRecord | undefined;
  for (const m of host.mounts()) {
    const inside = m.mountPoint === '/' || path === m.mountPoint || path.startsWith(m.mountPoint + '/');
    if (inside && (!best || m.mountPoint.length > best.mountPoint.length)) best = m;
  }
  if (!best) throw new FsError('ENOENT', 'lookup', path);
  const inner = best.mountPoint === '/' ? path : path.slice(best.mountPoint.length) || '/';
  let entry = best.fs.entries[inner];
  if (
    !entry &&
    best.mountPoint === '/' &&
    path.startsWith('/usr/bin/') &&
    host.commandNames().has(path.slice(9))
  ) {
    const content = Buffer.from(commandStub(path.slice(9))).toString('base64');
    entry = { type: 'file', mode: 0o755, uid: 0, gid: 0, mtimeMs: 0, content };
  }
  return { kind: 'fs', path, mount: best, inner, entry };
}

/** Metadata of the directory a location sits in (for search/write checks). */
function dirMeta(loc: Location): { mode: number; uid: number; gid: number; type: string } | undefined {
  if (loc.kind === 'dev') return loc.dir ? { mode: 0o755, uid: 0, gid: 0, type: 'dir' } : undefined;
  return loc.entry;
}

/**
 * Resolves `path` (absolute) to its physical location, following symlinks in every component
 * and — when `followLast` — in the last one. Checks search (x) permission on each directory.
 * The last component may not exist (then `entry` is undefined / `exists` false).
 */
export function resolve(
  host: VfsHost,
  creds: Credentials,
  path: string,
  followLast: boolean,
  syscall: string,
): Location {
  const queue = components(path);
  let cur = '/';
  let hops = 0;
  if (queue.length === 0) return lookup(host, '/');
  while (queue.length > 0) {
    const comp = queue.shift() as string;
    if (comp === '..') {
      cur = parentOf(cur);
      continue;
    }
    const here = dirMeta(lookup(host, cur));
    if (!here || here.type !== 'dir') throw new FsError('ENOTDIR', syscall, path);
    if (!hasPermission(here, creds, X)) throw new FsError('EACCES', syscall, path);
    const next = cur === '/' ? `/${comp}` : `${cur}/${comp}`;
    const loc = lookup(host, next);
    const last = queue.length === 0;
    if (loc.kind === 'dev') {
      if (!loc.exists && !last) throw new FsError('ENOENT', syscall, path);
      if (loc.link !== undefined && (!last || followLast)) {
        hops += 1;
        if (hops > 40) throw new FsError('ELOOP', syscall, path);
        queue.unshift(...components(loc.link));
        continue;
      }
      if (!loc.dir && !last) throw new FsError('ENOTDIR', syscall, path);
      cur = next;
      continue;
    }
    const entry = loc.entry;
    if (!entry) {
      if (last) return loc;
      throw new FsError('ENOENT', syscall, path);
    }
    if (entry.type === 'symlink' && (!last || followLast)) {
      hops += 1;
      if (hops > 40) throw new FsError('ELOOP', syscall, path);
      queue.unshift(...components(entry.target));
      if (entry.target.startsWith('/')) cur = '/';
      continue;
    }
    if (!last && entry.type !== 'dir') throw new FsError('ENOTDIR', syscall, path);
    cur = next;
  }
  return lookup(host, cur);
}
