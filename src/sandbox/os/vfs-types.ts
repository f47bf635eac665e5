/**
 * The types the sandbox's virtual filesystem modules share (credentials, mounts, resolved
 * locations, stats). They live apart from the code so that devfs, the resolver, the core and the
 * just-bash workarounds can all use them without importing each other in a circle.
 */
import type { FsStat } from 'just-bash';
import type { SandboxFilesystem, SandboxFsEntry } from './sandbox-filesystem.js';

/** Who is asking: the numbers the kernel would check. */
export interface Credentials {
  uid: number;
  gid: number;
  /** Supplementary group ids. */
  groups: number[];
}

/** One mounted filesystem. */
export interface MountRecord {
  mountPoint: string;
  /** Device path shown by `mount`/`lsblk` (e.g. /dev/nvme1n1p1). */
  source: string;
  fs: SandboxFilesystem;
  readOnly: boolean;
  /** Options as given (`nouuid`, `ro`, …), for `mount` listings. */
  options: string[];
}

/** What the resolver needs from the running OS. */
export interface VfsHost {
  /** Current mounts; the one at '/' must exist. */
  mounts(): readonly MountRecord[];
  /** Names under /dev besides the fixed character devices (e.g. 'nvme1n1', 'nvme1n1p1'). */
  blockDeviceNames(): string[];
  /** udev symlinks under /dev/disk (absolute link path → relative target). */
  deviceLinks(): ReadonlyMap<string, string>;
  /** Called after every mutation, so the owner can persist state. */
  onChange(): void;
  /**
   * Commands the shell implements. Each appears as a virtual executable /usr/bin/<name> when the
   * filesystem has no such entry: just-bash finds commands by PATH lookup in the filesystem.
   */
  commandNames(): ReadonlySet<string>;
}

/** A resolved location: inside a mounted filesystem, or a /dev node. */
export type Location =
  | { kind: 'fs'; path: string; mount: MountRecord; inner: string; entry: SandboxFsEntry | undefined }
  | {
      kind: 'dev';
      path: string;
      name: string | undefined;
      exists: boolean;
      block: boolean;
      dir: boolean;
      link: string | undefined;
    };

/** FsStat plus the ownership the shell's `stat`/`ls` need. */
export interface OwnedStat extends FsStat {
  uid: number;
  gid: number;
  /** Global physical path. */
  path: string;
  isBlockDevice: boolean;
}

/** What the just-bash workarounds need of a per-user filesystem view (VfsCore implements it). */
export interface VfsView {
  readonly creds: Credentials;
  locate(path: string, follow: boolean, syscall: string): Location;
  writableParent(loc: Location, syscall: string, path: string): SandboxFsEntry;
}
