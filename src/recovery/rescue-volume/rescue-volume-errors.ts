import { AppError } from '../../ipc/app-error';

/**
 * Error codes of the rescue-volume path (listed in src/app/error-codes.ts). English is each
 * error's message; Japanese is in renderer/features/recover/rescue-volume-error-locales.ts.
 */
export const rescueVolumeErrorCodes = {
  rootNotEbs: 'rescueVolume.rootNotEbs',
  rescueSameAsTarget: 'rescueVolume.rescueSameAsTarget',
  rescueNotFound: 'rescueVolume.rescueNotFound',
  rescueNotRunning: 'rescueVolume.rescueNotRunning',
  rescueOtherZone: 'rescueVolume.rescueOtherZone',
  rescueNoFreeDevice: 'rescueVolume.rescueNoFreeDevice',
  instanceGone: 'rescueVolume.instanceGone',
  volumeElsewhere: 'rescueVolume.volumeElsewhere',
  snapshotFailed: 'rescueVolume.snapshotFailed',
  waitTimedOut: 'rescueVolume.waitTimedOut',
  waitCancelled: 'rescueVolume.waitCancelled',
  deviceNotFound: 'rescueVolume.deviceNotFound',
  diskInUse: 'rescueVolume.diskInUse',
  rootPartitionNotFound: 'rescueVolume.rootPartitionNotFound',
  lvmUnsupported: 'rescueVolume.lvmUnsupported',
  mountFailed: 'rescueVolume.mountFailed',
  unmountFailed: 'rescueVolume.unmountFailed',
  rescueMissing: 'rescueVolume.rescueMissing',
  rescueNotRoot: 'rescueVolume.rescueNotRoot',
} as const;

const codes = rescueVolumeErrorCodes;

export function rootNotEbsError(instanceId: string, rootDeviceType: string): AppError {
  return new AppError(
    codes.rootNotEbs,
    `The root device of ${instanceId} is not an attached EBS volume (${rootDeviceType}); the rescue-volume path needs one. Nothing was changed.`,
    { instanceId, rootDeviceType },
  );
}

export function rescueSameAsTargetError(instanceId: string): AppError {
  return new AppError(
    codes.rescueSameAsTarget,
    `The rescue instance must be another instance than ${instanceId}, the one being recovered. Nothing was changed.`,
    { instanceId },
  );
}

export function rescueNotFoundError(rescueId: string, region: string): AppError {
  return new AppError(
    codes.rescueNotFound,
    `The rescue instance ${rescueId} was not found in ${region}. Pick a running instance in the same Availability Zone. Nothing was changed.`,
    { rescueId, region },
  );
}

export function rescueNotRunningError(rescueId: string, state: string): AppError {
  return new AppError(
    codes.rescueNotRunning,
    `The rescue instance ${rescueId} is ${state}; it must be running so the script can run on it. Start it first. Nothing was changed.`,
    { rescueId, state },
  );
}

export function rescueOtherZoneError(
  rescueId: string,
  rescueZone: string,
  instanceId: string,
  zone: string,
): AppError {
  return new AppError(
    codes.rescueOtherZone,
    `The rescue instance ${rescueId} is in ${rescueZone}, but ${instanceId} and its root volume are in ${zone}; a volume attaches only in its own Availability Zone. Pick a rescue instance in ${zone}. Nothing was changed.`,
    { rescueId, rescueZone, instanceId, zone },
  );
}

export function rescueNoFreeDeviceError(rescueId: string): AppError {
  return new AppError(
    codes.rescueNoFreeDevice,
    `The rescue instance ${rescueId} has no free device name from /dev/sdf to /dev/sdp for the volume. Detach a volume from it or pick another rescue instance.`,
    { rescueId },
  );
}

export function instanceGoneError(instanceId: string, state: string): AppError {
  return new AppError(
    codes.instanceGone,
    `Instance ${instanceId} is ${state}; the recovery cannot go on with it. Its root volume and the snapshot the recovery made are not deleted by KeyRescue.`,
    { instanceId, state },
  );
}

export function volumeElsewhereError(volumeId: string, where: string, expected: string): AppError {
  return new AppError(
    codes.volumeElsewhere,
    `The volume ${volumeId} is ${where}, not ${expected} as this recovery left it. KeyRescue does not move a volume it did not put there; look at the volume in the EC2 console, then resume or roll back.`,
    { volumeId, where, expected },
  );
}

export function snapshotFailedError(snapshotId: string, volumeId: string, state: string): AppError {
  return new AppError(
    codes.snapshotFailed,
    `The safety snapshot ${snapshotId} of ${volumeId} ended in state ${state}, so nothing was stopped or detached. Try again later; if it keeps failing, look at the volume's encryption key and EBS limits.`,
    { snapshotId, volumeId, state },
  );
}

export function waitTimedOutError(what: string, wanted: string, seen: string, seconds: number): AppError {
  return new AppError(
    codes.waitTimedOut,
    `${what} did not become ${wanted} within ${seconds} s (last seen: ${seen}). What AWS does goes on; resume the recovery to wait again, or roll it back.`,
    { what, wanted, seen, seconds: String(seconds) },
  );
}

export function waitCancelledError(what: string, wanted: string): AppError {
  return new AppError(
    codes.waitCancelled,
    `Stopped waiting for ${what} to become ${wanted} because the recovery was cancelled. What AWS does goes on; resume the recovery or roll it back.`,
    { what, wanted },
  );
}

export function rescueNotRootError(rescueId: string, via: string, seen: string): AppError {
  return new AppError(
    codes.rescueNotRoot,
    `A check script run on the rescue instance ${rescueId} through ${via} did not run as root (it reported ${seen}). Nothing was changed: the recovery needs root on the rescue instance.`,
    { rescueId, via, seen },
  );
}

export function rescueMissingError(id: string): AppError {
  return new AppError(
    codes.rescueMissing,
    `Recovery ${id} uses the rescue-volume path but names no rescue instance; start a new recovery with one.`,
    { id },
  );
}

/** What the rescue script reported when it could not reach the volume's root filesystem. */
export function rescueScriptError(
  kind:
    | 'deviceNotFound'
    | 'diskInUse'
    | 'rootPartitionNotFound'
    | 'lvmUnsupported'
    | 'mountFailed'
    | 'unmountFailed',
  rescueId: string,
  volumeId: string,
  detail: string,
): AppError {
  const where = `on the rescue instance ${rescueId}`;
  const messages = {
    deviceNotFound: `No disk for ${volumeId} is visible ${where} (looked for the NVMe serial and the Xen device name). Check that the volume shows as attached, then resume.`,
    diskInUse: `The disk of ${volumeId} ${where} is already mounted outside KeyRescue's mount point (${detail}); KeyRescue does not touch it. Unmount it, then resume.`,
    rootPartitionNotFound: `No partition of ${volumeId} ${where} holds a Linux root file system (etc/os-release and etc/passwd) that KeyRescue can mount (${detail}).`,
    lvmUnsupported: `The root file system of ${volumeId} is on LVM (${detail}); KeyRescue does not activate or rename volume groups on a rescue instance. Edit it by hand or use another path.`,
    mountFailed: `Mounting the root file system of ${volumeId} ${where} failed (${detail}). An older rescue kernel may not read a newer file system: use a rescue instance at least as new as the target.`,
    unmountFailed: `The root file system of ${volumeId} could not be unmounted ${where} (${detail}); the volume stays attached until it is. Unmount it, then resume.`,
  } as const;
  return new AppError(codes[kind], messages[kind], { rescueId, volumeId, detail });
}
