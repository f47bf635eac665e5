/**
 * The core of {@link UnixVfs}: path resolution with one user's credentials, reading, writing,
 * stat, mkdir, readdir and rm with Unix permission checks (owner/group/other, root bypass,
 * sticky /tmp), ownership of new files, umask, read-only mounts and the synthetic /dev.
 */
import { randomBytes } from 'node:crypto';
import type { FileContent, FsStat, MkdirOptions, RmOptions } from 'just-bash';
import type { ByteString } from 'just-bash';
import { unsafeBytesFromLatin1 } from 'just-bash';
import { FsError } from './fs-errors.js';
import type { SandboxFsEntry } from './sandbox-filesystem.js';
import { parentOf } from './sandbox-filesystem.js';
import type { Credentials, Location, OwnedStat, VfsHost, VfsView } from './vfs-types.js';
import { R, W, X, hasPermission, lookup, resolve } from './vfs-resolver.js';
import { devChildren, devStat } from './devfs.js';
import type { EncodingArg } from './vfs-encoding.js';
import { encodingOf, normalizeInput, toBuffer } from './vfs-encoding.js';
import { listChildren, removeTree } from './vfs-tree.js';

export type { OwnedStat } from './vfs-types.js';

/** A per-user view of an instance's filesystems. */
/** Resolution, I/O, stat, mkdir, readdir and rm of a per-user filesystem view. */
export class VfsCore implements VfsView {
  /** File-creation mask, changed by the shell's `umask` builtin replacement. */
  umask = 0o022;

  constructor(
    protected readonly host: VfsHost,
    readonly creds: Credentials,
  ) {}

  /** Resolves a path with this view's credentials (symlinks, mounts, search permission). */
  locate(path: string, follow: boolean, syscall: string): Location {
    return resolve(this.host, this.creds, normalizeInput(path), follow, syscall);
  }

  protected existing(
    path: string,
    follow: boolean,
    syscall: string,
  ): Location & { kind: 'fs'; entry: SandboxFsEntry } {
    const loc = this.locate(path, follow, syscall);
    if (loc.kind === 'dev') throw new FsError(loc.exists ? 'EPERM' : 'ENOENT', syscall, path);
    if (!loc.entry) throw new FsError('ENOENT', syscall, path);
    return loc as Location & { kind: 'fs'; entry: SandboxFsEntry };
  }

  /** Directory entry of the parent, checked for write+search (needed to create or remove). */
  writableParent(loc: Location, syscall: string, path: string): SandboxFsEntry {
    if (loc.kind === 'fs' && loc.mount.readOnly) throw new FsError('EROFS', syscall, path);
    const parent = lookup(this.host, parentOf(loc.path));
    if (parent.kind !== 'fs' || !parent.entry) throw new FsError('EACCES', syscall, path);
    if (parent.entry.type !== 'dir') throw new FsError('ENOTDIR', syscall, path);
    if (!hasPermission(parent.entry, this.creds, W | X)) throw new FsError('EACCES', syscall, path);
    return parent.entry;
  }

  protected newMeta(parent: SandboxFsEntry, base: number) {
    // setgid directories pass their group on, as on Linux.
    const gid = (parent.mode & 0o2000) !== 0 ? parent.gid : this.creds.gid;
    return { mode: base & ~this.umask & 0o7777, uid: this.creds.uid, gid, mtimeMs: Date.now() };
  }

  protected readBytes(path: string): Buffer {
    const loc = this.locate(path, true, 'open');
    if (loc.kind === 'dev') {
      if (!loc.exists) throw new FsError('ENOENT', 'open', path);
      if (loc.dir) throw new FsError('EISDIR', 'read', path);
      if (loc.block) {
        if (this.creds.uid !== 0) throw new FsError('EACCES', 'open', path);
        return Buffer.alloc(0);
      }
      return loc.name === 'urandom' || loc.name === 'random' ? randomBytes(64) : Buffer.alloc(0);
    }
    const entry = loc.entry;
    if (!entry) throw new FsError('ENOENT', 'open', path);
    if (entry.type === 'dir') throw new FsError('EISDIR', 'read', path);
    if (entry.type !== 'file') throw new FsError('EINVAL', 'read', path);
    if (!hasPermission(entry, this.creds, R)) throw new FsError('EACCES', 'open', path);
    return Buffer.from(entry.content, 'base64');
  }

  protected write(path: string, data: Buffer, append: boolean): void {
    const loc = this.locate(path, true, 'open');
    if (loc.kind === 'dev') {
      if (!loc.exists || loc.dir) throw new FsError(loc.exists ? 'EISDIR' : 'EACCES', 'open', path);
      if (loc.block) throw new FsError(this.creds.uid === 0 ? 'EPERM' : 'EACCES', 'open', path);
      return; // null, tty, std streams: discarded
    }
    if (loc.mount.readOnly) throw new FsError('EROFS', 'open', path);
    const entry = loc.mount.fs.entries[loc.inner];
    if (entry) {
      if (entry.type === 'dir') throw new FsError('EISDIR', 'open', path);
      if (entry.type !== 'file') throw new FsError('EINVAL', 'open', path);
      if (!hasPermission(entry, this.creds, W)) throw new FsError('EACCES', 'open', path);
      const next = append ? Buffer.concat([Buffer.from(entry.content, 'base64'), data]) : data;
      entry.content = next.toString('base64');
      entry.mtimeMs = Date.now();
    } else {
      const parent = this.writableParent(loc, 'open', path);
      loc.mount.fs.entries[loc.inner] = {
        type: 'file',
        content: data.toString('base64'),
        ...this.newMeta(parent, 0o666),
      };
    }
    this.host.onChange();
  }

  async readFile(path: string, options?: EncodingArg): Promise<string> {
    const buf = this.readBytes(path);
    const enc = encodingOf(options);
    if (enc === 'binary' || enc === 'latin1') return buf.toString('latin1');
    if (enc === 'base64' || enc === 'hex' || enc === 'ascii') return buf.toString(enc);
    return buf.toString('utf8');
  }

  async readFileBytes(path: string): Promise<ByteString> {
    return unsafeBytesFromLatin1(this.readBytes(path).toString('latin1'));
  }

  async readFileBuffer(path: string): Promise<Uint8Array> {
    return new Uint8Array(this.readBytes(path));
  }

  async writeFile(path: string, content: FileContent, options?: EncodingArg): Promise<void> {
    this.write(path, toBuffer(content, options), false);
  }

  async appendFile(path: string, content: FileContent, options?: EncodingArg): Promise<void> {
    this.write(path, toBuffer(content, options), true);
  }

  async exists(path: string): Promise<boolean> {
    try {
      const loc = this.locate(path, true, 'access');
      return loc.kind === 'dev' ? loc.exists : loc.entry !== undefined;
    } catch {
      return false;
    }
  }

  /** stat/lstat with ownership, for the shell's `stat`, `ls -l` and `test`. */
  statOwned(path: string, follow: boolean): OwnedStat {
    const loc = this.locate(path, follow, follow ? 'stat' : 'lstat');
    if (loc.kind === 'dev') {
      if (!loc.exists) throw new FsError('ENOENT', 'stat', path);
      return devStat(loc);
    }
    const e = loc.entry;
    if (!e) throw new FsError('ENOENT', follow ? 'stat' : 'lstat', path);
    const size =
      e.type === 'file'
        ? Buffer.byteLength(e.content, 'base64')
        : e.type === 'symlink'
          ? e.target.length
          : 4096;
    return {
      isFile: e.type === 'file',
      isDirectory: e.type === 'dir',
      isSymbolicLink: e.type === 'symlink',
      isBlockDevice: false,
      mode: e.mode,
      size,
      mtime: new Date(e.mtimeMs),
      uid: e.uid,
      gid: e.gid,
      path: loc.path,
    };
  }

  async stat(path: string): Promise<FsStat> {
    return this.statOwned(path, true);
  }

  /**
   * access(2) for `test -r/-w/-x` (a hook our patch adds to just-bash, patches/just-bash+*.patch):
   * the caller's effective access, where just-bash alone would read only the owner bits.
   */
  async access(path: string, mode: number): Promise<void> {
    const st = this.statOwned(path, true);
    const loc = this.locate(path, true, 'access');
    if ((mode & W) !== 0 && loc.kind === 'fs' && loc.mount.readOnly)
      throw new FsError('EROFS', 'access', path);
    const meta = { ...st, type: st.isDirectory ? 'dir' : 'file' };
    for (const bit of [R, W, X]) {
      if ((mode & bit) !== 0 && !hasPermission(meta, this.creds, bit))
        throw new FsError('EACCES', 'access', path);
    }
  }

  async lstat(path: string): Promise<FsStat> {
    return this.statOwned(path, false);
  }

  async mkdir(path: string, options?: MkdirOptions): Promise<void> {
    const norm = normalizeInput(path);
    if (options?.recursive) {
      const parts = norm.split('/').filter(Boolean);
      for (let i = 1; i <= parts.length; i += 1) {
        const sub = '/' + parts.slice(0, i).join('/');
        const loc = this.locate(sub, true, 'mkdir');
        if (loc.kind === 'dev' ? loc.exists : loc.entry) {
          const isDir = loc.kind === 'dev' ? loc.dir : loc.entry?.type === 'dir';
          if (!isDir) throw new FsError(i === parts.length ? 'EEXIST' : 'ENOTDIR', 'mkdir', path);
          continue;
        }
        this.makeDir(loc, path);
      }
      return;
    }
    const loc = this.locate(norm, false, 'mkdir');
    if (loc.kind === 'dev' ? loc.exists : loc.entry) throw new FsError('EEXIST', 'mkdir', path);
    this.makeDir(loc, path);
  }

  private makeDir(loc: Location, path: string): void {
    if (loc.kind === 'dev') throw new FsError('EACCES', 'mkdir', path);
    const parent = this.writableParent(loc, 'mkdir', path);
    loc.mount.fs.entries[loc.inner] = { type: 'dir', ...this.newMeta(parent, 0o777) };
    this.host.onChange();
  }

  async readdir(path: string): Promise<string[]> {
    return (await this.readdirWithFileTypes(path)).map((d) => d.name);
  }

  async readdirWithFileTypes(path: string) {
    const loc = this.locate(path, true, 'scandir');
    if (loc.kind === 'dev') {
      if (!loc.dir) throw new FsError(loc.exists ? 'ENOTDIR' : 'ENOENT', 'scandir', path);
      return devChildren(loc.path, this.host.blockDeviceNames(), this.host.deviceLinks());
    }
    const e = loc.entry;
    if (!e) throw new FsError('ENOENT', 'scandir', path);
    if (e.type !== 'dir') throw new FsError('ENOTDIR', 'scandir', path);
    if (!hasPermission(e, this.creds, R)) throw new FsError('EACCES', 'scandir', path);
    const children = listChildren(loc.mount.fs, loc.inner).map(([name, child]) => ({
      name,
      isFile: child.type === 'file',
      isDirectory: child.type === 'dir',
      isSymbolicLink: child.type === 'symlink',
    }));
    if (loc.path === '/usr/bin' && loc.mount.mountPoint === '/') {
      const real = new Set(children.map((c) => c.name));
      for (const name of this.host.commandNames()) {
        if (!real.has(name)) children.push({ name, isFile: true, isDirectory: false, isSymbolicLink: false });
      }
      children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }
    return children;
  }

  async rm(path: string, options?: RmOptions): Promise<void> {
    let loc: Location;
    try {
      loc = this.locate(path, false, 'rm');
    } catch (err) {
      if (options?.force && err instanceof FsError && (err.code === 'ENOENT' || err.code === 'ENOTDIR'))
        return;
      throw err;
    }
    if (loc.kind === 'dev') throw new FsError(loc.exists ? 'EACCES' : 'ENOENT', 'rm', path);
    if (!loc.entry) {
      if (options?.force) return;
      throw new FsError('ENOENT', 'rm', path);
    }
    if (
      loc.inner === '/' ||
      this.host.mounts().some((m) => m.mountPoint === loc.path || m.mountPoint.startsWith(loc.path + '/'))
    ) {
      throw new FsError('EBUSY', 'rm', path);
    }
    const parent = this.writableParent(loc, 'rm', path);
    if (
      (parent.mode & 0o1000) !== 0 &&
      this.creds.uid !== 0 &&
      loc.entry.uid !== this.creds.uid &&
      parent.uid !== this.creds.uid
    ) {
      throw new FsError('EPERM', 'rm', path);
    }
    if (loc.entry.type === 'dir') {
      const children = listChildren(loc.mount.fs, loc.inner);
      if (children.length > 0 && !options?.recursive) throw new FsError('ENOTEMPTY', 'rm', path);
      removeTree(loc.mount.fs, loc.inner, this.creds, path);
    } else {
      delete loc.mount.fs.entries[loc.inner];
    }
    this.host.onChange();
  }
}
