/**
 * Block devices of an instance and the kernel's naming of them: EBS volumes appear as
 * /dev/nvme<N>n1 (+ p1) on Nitro instance types and /dev/xvd<x> (+ 1) on Xen types, whatever
 * device name the AttachVolume call used.
 */
import type { SandboxFilesystem } from './sandbox-filesystem.js';

/** One attached disk as the guest kernel sees it. */
export interface BlockDevice {
  /** Whole-disk node, e.g. '/dev/nvme1n1' or '/dev/xvdf'. */
  device: string;
  /** Partition node holding the filesystem, e.g. '/dev/nvme1n1p1'; absent when the filesystem is on the whole disk. */
  partition?: string;
  /** The filesystem (absent for a blank volume). Mutated in place by the guest. */
  filesystem?: SandboxFilesystem;
  /** EBS volume id, shown as the NVMe serial `vol…` (lsblk -o SERIAL). */
  volumeId?: string;
  /** Size for lsblk; default 8. */
  sizeGiB?: number;
}

/** Inputs for {@link kernelDeviceNames}. */
export interface KernelNameInput {
  /** Device name given to RunInstances/AttachVolume, e.g. '/dev/sdf', '/dev/xvda', '/dev/sda1'. */
  requestedDevice: string;
  /** Nitro instance types expose NVMe. */
  nitro: boolean;
  /** NVMe controller index on Nitro (0 = root, then in attach order). */
  nvmeIndex: number;
  /** Whether the volume has a partition table (volumes from an AMI/snapshot of a root do). */
  partitioned: boolean;
}

/** Kernel names for an attachment ('/dev/sdf' → '/dev/xvdf' on Xen, '/dev/nvme1n1' on Nitro). */
export function kernelDeviceNames(input: KernelNameInput): { device: string; partition?: string } {
  if (input.nitro) {
    const device = `/dev/nvme${input.nvmeIndex}n1`;
    return input.partitioned ? { device, partition: `${device}p1` } : { device };
  }
  const letter = /^\/dev\/(?:sd|xvd|hd)([a-z]+)\d*$/.exec(input.requestedDevice)?.[1] ?? 'f';
  const device = `/dev/xvd${letter}`;
  return input.partitioned ? { device, partition: `${device}1` } : { device };
}

/** Where a device path points: which disk, and whether it names the partition. */
export interface DeviceMatch {
  disk: BlockDevice;
  isPartition: boolean;
  /** Filesystem reachable through this node (undefined for a partitioned whole disk or blank disk). */
  filesystem: SandboxFilesystem | undefined;
}

/** Resolves '/dev/xvdf', '/dev/nvme1n1p1', 'UUID=…' or 'LABEL=…' to a device. */
export function matchDevice(disks: readonly BlockDevice[], spec: string): DeviceMatch | undefined {
  const uuid = /^UUID=(.+)$/.exec(spec)?.[1];
  const label = /^LABEL=(.+)$/.exec(spec)?.[1];
  for (const disk of disks) {
    const fsNode = disk.partition ?? disk.device;
    if (uuid !== undefined || label !== undefined) {
      const fs = disk.filesystem;
      if (fs && ((uuid !== undefined && fs.uuid === uuid) || (label !== undefined && fs.label === label))) {
        return { disk, isPartition: disk.partition !== undefined, filesystem: fs };
      }
      continue;
    }
    if (spec === disk.device)
      return { disk, isPartition: false, filesystem: disk.partition ? undefined : disk.filesystem };
    if (disk.partition !== undefined && spec === disk.partition)
      return { disk, isPartition: true, filesystem: disk.filesystem };
    if (spec === fsNode && disk.partition === undefined)
      return { disk, isPartition: false, filesystem: disk.filesystem };
  }
  return undefined;
}

/** The NVMe serial AWS reports for a volume ('vol-0abc' → 'vol0abc'). */
export function nvmeSerial(volumeId: string | undefined): string {
  return volumeId ? volumeId.replace('-', '') : '';
}
