import type { Duplex } from 'node:stream';
import type { InstanceRecord, RegionState, SandboxState, VolumeRecord } from './model';

/** Result of running a script on an instance (SSM Run Command). */
export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * What the API side needs from the simulated operating systems. The API state machine calls these
 * at state changes; the implementation owns the live shells, filesystems and SSH servers.
 */
export interface OsRuntime {
  /** A fresh filesystem for a new root volume made from an image (JSON form). */
  rootFilesystemForImage(imageId: string): unknown;
  /** An empty data volume's filesystem (JSON form). */
  emptyFilesystem(): unknown;
  /** Boots an instance that just became running (runs cloud-init, starts its SSH server); returns its console output. */
  boot(region: string, rs: RegionState, instance: InstanceRecord): Promise<string>;
  /** Stops the OS of an instance that is stopping or terminating; filesystems go back to volumes. */
  shutdown(instance: InstanceRecord): Promise<void>;
  /** A volume attached to a running instance appears as a block device. */
  hotAttach(instance: InstanceRecord, volume: VolumeRecord, device: string): Promise<void>;
  /** A volume detached from a running instance disappears (after its filesystem is saved). */
  hotDetach(instance: InstanceRecord, volume: VolumeRecord): Promise<void>;
  /** Whether the guest has this volume's filesystem mounted (a detach then waits, as on EC2). */
  isMounted(instance: InstanceRecord, volume: VolumeRecord): boolean;
  /**
   * Runs a script file as root on a running instance as SSM's agent does (`sh -c <scriptPath>`: the
   * image's /bin/sh unless a `#!` line says otherwise); `signal` stops it (CancelCommand, timeout).
   */
  runAsRoot(
    instanceId: string,
    script: string,
    run: { scriptPath: string; signal?: AbortSignal },
  ): Promise<ExecResult>;
  /** After a restart: brings the OS of every running instance back (no boot: cloud-init does not re-run). */
  resume(state: SandboxState): Promise<void>;
  /** Copies live filesystems into their volume records (before each state write). */
  syncToState(): void;
  /** Stops every SSH server. */
  stopAll(): Promise<void>;
  /**
   * Hands a tunnelled stream to a running instance's SSH server (Instance Connect Endpoint);
   * false when the instance serves no SSH.
   */
  connectSsh(instanceId: string, stream: Duplex): boolean;
}

/** An OS runtime with no operating systems: instances have no SSH and scripts cannot run. */
export const noOsRuntime: OsRuntime = {
  rootFilesystemForImage: () => null,
  emptyFilesystem: () => null,
  boot: async () => '',
  shutdown: async () => undefined,
  hotAttach: async () => undefined,
  hotDetach: async () => undefined,
  isMounted: () => false,
  runAsRoot: async () => ({ stdout: '', stderr: 'no operating system', exitCode: 127 }),
  resume: async () => undefined,
  syncToState: () => undefined,
  stopAll: async () => undefined,
  connectSsh: () => false,
};
