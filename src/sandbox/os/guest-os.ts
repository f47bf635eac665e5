/**
 * What guest commands and sshd see of a running instance OS. InstanceOs implements it; commands
 * depend on this interface, not on the class, so instance-os.ts (which builds the commands) and
 * commands/ do not import each other.
 */
import type { Command, TransformPlugin } from 'just-bash';
import type { PasswdEntry } from './accounts.js';
import type { BlockDevice } from './block-devices.js';
import type { SandboxFilesystem } from './sandbox-filesystem.js';
import type { MountRecord, VfsHost } from './vfs-resolver.js';

/** Result of a command, like a process exit. */
export interface OsExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Internal run options (sudo, cloud-init). */
export interface RunOptions {
  stdin?: string | Uint8Array;
  cwd?: string;
  env?: Record<string, string>;
  umask?: number;
  signal?: AbortSignal;
  /** Rewrites of the parsed script before it runs (the dash dialect, dash-dialect.ts). */
  transforms?: TransformPlugin[];
  /** Commands available to this run only, besides the OS's own. */
  extraCommands?: Command[];
}

export interface GuestOs extends VfsHost {
  /** Kernel messages since boot (`dmesg`). */
  readonly kernelLog: string[];
  readonly rootFilesystem: SandboxFilesystem;
  readonly hostname: string;
  blockDevices(): BlockDevice[];
  addMount(record: MountRecord): void;
  removeMount(mountPoint: string): MountRecord | undefined;
  logKernel(line: string): void;
  runAs(user: PasswdEntry, script: string, opts?: RunOptions): Promise<OsExecResult>;
}
