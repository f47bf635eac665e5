/**
 * just-bash `IFileSystem` over the instance's mounted {@link SandboxFilesystem}s, seen with one
 * user's credentials (see {@link VfsCore} for the permission model). One view is made per shell
 * execution; all views of an instance share the same mount table and data.
 */
import type { CpOptions, IFileSystem } from 'just-bash';
import { FsError } from './fs-errors.js';
import { VfsCore } from './vfs-core.js';
import { hasPermission, lookup, normalizePath, W } from './vfs-resolver.js';
import { copyTree, moveTree } from './vfs-tree.js';

export type { OwnedStat } from './vfs-core.js';

/** A per-user view of an instance's filesystems. */
export class UnixVfs extends VfsCore implements IFileSystem {
  async cp(src: string, dest: string, options?: CpOptions): Promise<void> {
    const from = this.existing(src, true, 'cp');
    if (from.entry.type === 'dir' && !options?.recursive) throw new FsError('EISDIR', 'cp', src);
    const to = this.locate(dest, true, 'cp');
    if (to.kind === 'dev') {
      this.write(dest, this.readBytes(src), false);
      return;
    }
    if (to.entry?.type === 'file' && from.entry.type === 'file') {
      this.write(dest, this.readBytes(src), false); // existing destination keeps owner and mode
      return;
    }
    const parent = this.writableParent(to, 'cp', dest);
    copyTree(from.mount.fs, from.inner, to.mount.fs, to.inner, this.creds, (e) => ({
      ...this.newMeta(parent, e.mode),
    }));
    this.host.onChange();
  }

  async mv(src: string, dest: string): Promise<void> {
    const from = this.existing(src, false, 'rename');
    const to = this.locate(dest, false, 'rename');
    if (to.kind === 'dev') throw new FsError('EACCES', 'rename', dest);
    if (to.path === from.path) return;
    if (to.path.startsWith(from.path + '/')) throw new FsError('EINVAL', 'rename', dest);
    if (from.inner === '/') throw new FsError('EBUSY', 'rename', src);
    this.writableParent(from, 'rename', src);
    this.writableParent(to, 'rename', dest);
    if (to.entry?.type === 'dir') throw new FsError('EISDIR', 'rename', dest);
    moveTree(from.mount.fs, from.inner, to.mount.fs, to.inner);
    this.host.onChange();
  }

  resolvePath(base: string, path: string): string {
    return path.startsWith('/') ? normalizePath(path) : normalizePath(`${base}/${path}`);
  }

  getAllPaths(): string[] {
    const out: string[] = [];
    for (const m of this.host.mounts()) {
      for (const inner of Object.keys(m.fs.entries)) {
        const global = m.mountPoint === '/' ? inner : inner === '/' ? m.mountPoint : m.mountPoint + inner;
        const loc = lookup(this.host, global);
        if (loc.kind === 'fs' && loc.mount === m) out.push(global);
      }
    }
    return out;
  }

  async chmod(path: string, mode: number): Promise<void> {
    const loc = this.existing(path, true, 'chmod');
    if (this.creds.uid !== 0 && loc.entry.uid !== this.creds.uid) throw new FsError('EPERM', 'chmod', path);
    if (loc.mount.readOnly) throw new FsError('EROFS', 'chmod', path);
    loc.entry.mode = mode & 0o7777;
    this.host.onChange();
  }

  /** chown(2)/lchown(2): root may set anything; an owner may only move the file to one of its groups. */
  chown(path: string, uid: number | undefined, gid: number | undefined, follow: boolean): void {
    const loc = this.existing(path, follow, follow ? 'chown' : 'lchown');
    const e = loc.entry;
    if (this.creds.uid !== 0) {
      const uidOk = uid === undefined || uid === e.uid;
      const gidOk = gid === undefined || gid === this.creds.gid || this.creds.groups.includes(gid);
      if (e.uid !== this.creds.uid || !uidOk || !gidOk) throw new FsError('EPERM', 'chown', path);
    }
    if (loc.mount.readOnly) throw new FsError('EROFS', 'chown', path);
    if (uid !== undefined) e.uid = uid;
    if (gid !== undefined) e.gid = gid;
    // Linux clears setuid/setgid on chown of a regular file.
    if (e.type === 'file' && (uid !== undefined || gid !== undefined)) e.mode &= ~0o6000;
    this.host.onChange();
  }

  async symlink(target: string, linkPath: string): Promise<void> {
    const loc = this.locate(linkPath, false, 'symlink');
    if (loc.kind === 'dev' || loc.entry) throw new FsError('EEXIST', 'symlink', linkPath);
    const parent = this.writableParent(loc, 'symlink', linkPath);
    loc.mount.fs.entries[loc.inner] = {
      type: 'symlink',
      target,
      ...this.newMeta(parent, 0o777),
      mode: 0o777,
    };
    this.host.onChange();
  }

  /** Hard links are stored as copies (the JSON format has no inodes); documented limitation. */
  async link(existingPath: string, newPath: string): Promise<void> {
    const from = this.existing(existingPath, false, 'link');
    if (from.entry.type === 'dir') throw new FsError('EPERM', 'link', existingPath);
    const to = this.locate(newPath, false, 'link');
    if (to.kind === 'dev' || to.entry) throw new FsError('EEXIST', 'link', newPath);
    this.writableParent(to, 'link', newPath);
    to.mount.fs.entries[to.inner] = structuredClone(from.entry);
    this.host.onChange();
  }

  async readlink(path: string): Promise<string> {
    const dev = this.locate(path, false, 'readlink');
    if (dev.kind === 'dev' && dev.link !== undefined) return dev.link;
    const loc = this.existing(path, false, 'readlink');
    if (loc.entry.type !== 'symlink') throw new FsError('EINVAL', 'readlink', path);
    return loc.entry.target;
  }

  async realpath(path: string): Promise<string> {
    const loc = this.locate(path, true, 'realpath');
    if (loc.kind === 'dev' ? !loc.exists : !loc.entry) throw new FsError('ENOENT', 'realpath', path);
    return loc.path;
  }

  async utimes(path: string, _atime: Date, mtime: Date): Promise<void> {
    const loc = this.existing(path, true, 'utime');
    if (
      this.creds.uid !== 0 &&
      loc.entry.uid !== this.creds.uid &&
      !hasPermission(loc.entry, this.creds, W)
    ) {
      throw new FsError('EACCES', 'utime', path);
    }
    loc.entry.mtimeMs = mtime.getTime();
    this.host.onChange();
  }
}
