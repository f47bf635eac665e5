/**
 * The JSON-serialisable filesystem a sandbox volume carries. It is plain data (no classes, no
 * Buffers) so the sandbox server can keep it inside its state file and restore it byte for byte.
 * The live shell (`UnixVfs`) edits these objects in place, so whatever the server persists is
 * always the current content of the disk.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import '../../ipc/zod-locale';

/** Filesystem types the sandbox knows (what `lsblk -f` / `blkid` report). */
export type SandboxFsType = 'xfs' | 'ext4' | 'ntfs';

/** Metadata every entry carries. `mode` holds permission bits only (e.g. 0o644, 0o1777). */
interface EntryMeta {
  mode: number;
  uid: number;
  gid: number;
  /** Modification time, milliseconds since the epoch. */
  mtimeMs: number;
}

/** A regular file; `content` is base64 so binary files survive JSON. */
export interface SandboxFileEntry extends EntryMeta {
  type: 'file';
  content: string;
}
/** A directory; its children are the entries whose path has it as parent. */
export interface SandboxDirEntry extends EntryMeta {
  type: 'dir';
}
/** A symbolic link; `target` is stored verbatim (absolute or relative). */
export interface SandboxSymlinkEntry extends EntryMeta {
  type: 'symlink';
  target: string;
}
export type SandboxFsEntry = SandboxFileEntry | SandboxDirEntry | SandboxSymlinkEntry;

/**
 * One filesystem (what `mkfs` would have made on a partition). `entries` maps absolute paths
 * *inside this filesystem* ('/' is its root directory) to entries.
 */
export interface SandboxFilesystem {
  uuid: string;
  fsType: SandboxFsType;
  /** Volume label ('' when none), e.g. '/' on AL2023, 'cloudimg-rootfs' on Ubuntu. */
  label: string;
  entries: Record<string, SandboxFsEntry>;
}

// `z.number()` already refuses NaN and ±Infinity, so `mtimeMs` needs no extra finiteness check.
const meta = {
  mode: z.number().check(z.int(), z.gte(0), z.lte(0o7777)),
  uid: z.number().check(z.int(), z.gte(0), z.lte(0xffffffff)),
  gid: z.number().check(z.int(), z.gte(0), z.lte(0xffffffff)),
  mtimeMs: z.number(),
};
const entrySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('file'), content: z.string(), ...meta }),
  z.strictObject({ type: z.literal('dir'), ...meta }),
  z.strictObject({
    type: z.literal('symlink'),
    target: z.string().check(z.minLength(1), z.maxLength(4096)),
    ...meta,
  }),
]);

/** zod schema of {@link SandboxFilesystem}, for validating a state file on load. */
export const sandboxFilesystemSchema = z
  .strictObject({
    uuid: z.string().check(z.minLength(1), z.maxLength(64)),
    fsType: z.enum(['xfs', 'ext4', 'ntfs']),
    label: z.string().check(z.maxLength(64)),
    entries: z.record(z.string().check(z.startsWith('/')), entrySchema),
  })
  .check(z.refine((fs) => fs.entries['/']?.type === 'dir', { message: 'filesystem has no root directory' }));

/** Parses unknown JSON (e.g. from a state file) into a filesystem, throwing on bad shape. */
export function parseSandboxFilesystem(value: unknown): SandboxFilesystem {
  return sandboxFilesystemSchema.parse(value) as SandboxFilesystem;
}

/** Makes an empty filesystem (only its root directory, 0755 root:root). */
export function createEmptyFilesystem(opts: {
  fsType: SandboxFsType;
  label?: string;
  uuid?: string;
}): SandboxFilesystem {
  return {
    uuid: opts.uuid ?? (opts.fsType === 'ntfs' ? ntfsSerial() : randomUUID()),
    fsType: opts.fsType,
    label: opts.label ?? '',
    entries: { '/': { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: Date.now() } },
  };
}

/** Deep copy (a snapshot or a volume created from a snapshot keeps the UUID, like a block copy). */
export function cloneFilesystem(fs: SandboxFilesystem): SandboxFilesystem {
  return structuredClone(fs);
}

function ntfsSerial(): string {
  return randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
}

/** Options for {@link putFile} / {@link putDir}. */
export interface PutOptions {
  mode?: number;
  uid?: number;
  gid?: number;
}

/** Writes a file (creating missing parent dirs 0755 root:root) — for building images and tests. */
export function putFile(
  fs: SandboxFilesystem,
  path: string,
  content: string | Uint8Array,
  opts: PutOptions = {},
): void {
  putDir(fs, parentOf(path), {});
  fs.entries[path] = {
    type: 'file',
    content: Buffer.from(content).toString('base64'),
    mode: opts.mode ?? 0o644,
    uid: opts.uid ?? 0,
    gid: opts.gid ?? 0,
    mtimeMs: Date.now(),
  };
}

/** Creates a directory and its missing parents; an existing directory gets the given metadata. */
export function putDir(fs: SandboxFilesystem, path: string, opts: PutOptions = {}): void {
  if (path !== '/') putDir(fs, parentOf(path), {});
  const existing = fs.entries[path];
  if (existing?.type === 'dir') {
    if (opts.mode !== undefined) existing.mode = opts.mode;
    if (opts.uid !== undefined) existing.uid = opts.uid;
    if (opts.gid !== undefined) existing.gid = opts.gid;
    return;
  }
  fs.entries[path] = {
    type: 'dir',
    mode: opts.mode ?? 0o755,
    uid: opts.uid ?? 0,
    gid: opts.gid ?? 0,
    mtimeMs: Date.now(),
  };
}

/** Creates a symlink (parents as in {@link putFile}). */
export function putSymlink(fs: SandboxFilesystem, path: string, target: string): void {
  putDir(fs, parentOf(path), {});
  fs.entries[path] = { type: 'symlink', target, mode: 0o777, uid: 0, gid: 0, mtimeMs: Date.now() };
}

/** Reads a file's text (UTF-8), or undefined when missing or not a file — no permission checks. */
export function readFileText(fs: SandboxFilesystem, path: string): string | undefined {
  const entry = fs.entries[path];
  return entry?.type === 'file' ? Buffer.from(entry.content, 'base64').toString('utf8') : undefined;
}

/** Parent directory of an absolute, normalised path ('/' for top-level entries and '/'). */
export function parentOf(path: string): string {
  const idx = path.lastIndexOf('/');
  return idx <= 0 ? '/' : path.slice(0, idx);
}
