import { AppError } from '../../ipc/app-error';

/**
 * Every error code the user-data path throws on purpose (listed in src/app/error-codes.ts).
 * English comes from each error's message; Japanese from renderer/features/recover/user-data-error-locales.ts.
 */
export const userDataPathErrorCodes = {
  /** The recovery's user data document would be over EC2's 16 KB; refused before any stop. */
  tooLarge: 'userDataPath.tooLarge',
  /** The instance's current user data is already a KeyRescue recovery document (another recovery's). */
  alreadyRecoveryData: 'userDataPath.alreadyRecoveryData',
  /** The saved original user data file is missing, unreadable or not what the journal recorded. */
  backupUnusable: 'userDataPath.backupUnusable',
  /** After restoring, the instance's user data is not byte for byte the saved original. */
  restoreMismatch: 'userDataPath.restoreMismatch',
  /** After setting it, the instance's user data is not the recovery document that was sent. */
  setMismatch: 'userDataPath.setMismatch',
  /** User data can only change while the instance is stopped, and it is not. */
  notStopped: 'userDataPath.notStopped',
  /** The instance is gone (terminated, shutting down) or no longer found. */
  instanceGone: 'userDataPath.instanceGone',
  /** A stop or start did not reach its state within the wait. */
  stateTimedOut: 'userDataPath.stateTimedOut',
  /** The wait for a state or the console output was cancelled; the instance keeps going. */
  waitCancelled: 'userDataPath.waitCancelled',
  /** No sign in the console output that the recovery part ran: cloud-init absent or it skipped it. */
  partNotRun: 'userDataPath.partNotRun',
  /** The part began (its marker is in the console output) but printed no result line. */
  partNoResult: 'userDataPath.partNoResult',
  /** GetConsoleOutput is not allowed: the part's result cannot be read. */
  consoleDenied: 'userDataPath.consoleDenied',
  /** A step that needs the SSH address after a start found none in the journal. */
  endpointUnknown: 'userDataPath.endpointUnknown',
  /** A script after the recovery (the cleanup's removal) needs the new key's login, and no key was given. */
  newKeyNeeded: 'userDataPath.newKeyNeeded',
} as const;

export type UserDataPathErrorCode = (typeof userDataPathErrorCodes)[keyof typeof userDataPathErrorCodes];

export interface InstanceRef {
  instanceId: string;
  region: string;
}

/**
 * Only the instance's id and region go into an error's details: callers pass their PowerTarget,
 * whose account (credentials), clock and sleeper must never reach the operation's error.
 */
function refOf(target: InstanceRef): InstanceRef {
  return { instanceId: target.instanceId, region: target.region };
}

export function tooLargeError(instanceId: string, bytes: number, limit: number): AppError {
  return new AppError(
    userDataPathErrorCodes.tooLarge,
    `The recovery's user data for ${instanceId} would be ${bytes} bytes; EC2 takes at most ${limit}. Nothing was changed and the instance was not stopped. Use a shorter public key (an Ed25519 key, or one without a long comment), or the rescue-volume path.`,
    { instanceId, bytes: String(bytes), limit: String(limit) },
  );
}

export function alreadyRecoveryDataError(target: InstanceRef, recoveryId: string): AppError {
  return new AppError(
    userDataPathErrorCodes.alreadyRecoveryData,
    `The user data of ${target.instanceId} is already a KeyRescue recovery document (from recovery ${recoveryId}), so it is not the instance's original and is not saved as such. Resume or roll back recovery ${recoveryId} first: that restores the original user data. Nothing was changed.`,
    { ...refOf(target), recoveryId },
  );
}

export function backupUnusableError(path: string, why: string): AppError {
  return new AppError(
    userDataPathErrorCodes.backupUnusable,
    `The saved original user data ${path} cannot be used: ${why}. KeyRescue will not put anything else in its place. Put the file back as it was, or set the instance's user data by hand.`,
    { path, why },
  );
}

export function restoreMismatchError(target: InstanceRef, expected: string, found: string): AppError {
  return new AppError(
    userDataPathErrorCodes.restoreMismatch,
    `After restoring, the user data of ${target.instanceId} is not the saved original (expected ${expected}, found ${found}). Check it in the EC2 console before starting the instance; resume tries the restore again.`,
    { ...refOf(target), expected, found },
  );
}

export function setMismatchError(target: InstanceRef, expected: string, found: string): AppError {
  return new AppError(
    userDataPathErrorCodes.setMismatch,
    `After setting the recovery user data, ${target.instanceId} reports other user data (expected ${expected}, found ${found}). Nothing was started; the original is restored when the recovery is rolled back.`,
    { ...refOf(target), expected, found },
  );
}

export function notStoppedError(target: InstanceRef, state: string): AppError {
  return new AppError(
    userDataPathErrorCodes.notStopped,
    `${target.instanceId} is ${state}, and EC2 changes user data only while an instance is stopped. Was it started by someone else meanwhile? Resume the recovery to stop it again, or roll it back.`,
    { ...refOf(target), state },
  );
}

export function instanceGoneError(target: InstanceRef, state: string): AppError {
  return new AppError(
    userDataPathErrorCodes.instanceGone,
    `${target.instanceId} in ${target.region} is ${state}; the recovery cannot go on. The saved original user data stays in the recovery's folder.`,
    { ...refOf(target), state },
  );
}

export function stateTimedOutError(
  target: InstanceRef,
  wanted: string,
  last: string,
  seconds: number,
): AppError {
  return new AppError(
    userDataPathErrorCodes.stateTimedOut,
    `${target.instanceId} did not become ${wanted} within ${seconds} s (last seen: ${last}). Nothing was forced. Look at the instance in the EC2 console, then resume the recovery (it checks the state first) or roll it back.`,
    { ...refOf(target), wanted, last, seconds: String(seconds) },
  );
}

export function waitCancelledError(target: InstanceRef, waitingFor: string): AppError {
  return new AppError(
    userDataPathErrorCodes.waitCancelled,
    `Stopped waiting for ${target.instanceId} (${waitingFor}) because the recovery was cancelled. What EC2 was already doing goes on; resume the recovery (it checks the instance's state first) or roll it back.`,
    { ...refOf(target), waitingFor },
  );
}

export function partNotRunError(target: InstanceRef, seconds: number): AppError {
  return new AppError(
    userDataPathErrorCodes.partNotRun,
    `${target.instanceId} started, but its console output shows no sign of the recovery script within ${seconds} s: cloud-init is not on this image, is disabled, or did not run the user data's script part. The new key was not added. KeyRescue puts the original user data back; the rescue-volume path works without cloud-init.`,
    { ...refOf(target), seconds: String(seconds) },
  );
}

export function partNoResultError(target: InstanceRef, seconds: number): AppError {
  return new AppError(
    userDataPathErrorCodes.partNoResult,
    `The recovery script began on ${target.instanceId} (its marker is in the console output) but printed no KEYRESCUE-RESULT line within ${seconds} s: it stopped part-way or its output is not on the console. KeyRescue puts the original user data back; check /var/log/cloud-init-output.log on the instance, or use the rescue-volume path.`,
    { ...refOf(target), seconds: String(seconds) },
  );
}

export function consoleDeniedError(target: InstanceRef, who: string): AppError {
  return new AppError(
    userDataPathErrorCodes.consoleDenied,
    `${who} may not call ec2:GetConsoleOutput on ${target.instanceId}, so the recovery script's result cannot be read. Allow ec2:GetConsoleOutput, then resume; KeyRescue puts the original user data back meanwhile.`,
    { ...refOf(target), who },
  );
}

export function endpointUnknownError(target: InstanceRef): AppError {
  return new AppError(
    userDataPathErrorCodes.endpointUnknown,
    `The journal holds no SSH address of ${target.instanceId} after its start, so the login with the new key cannot be tried. Resume the recovery: the start step reads the address again.`,
    { ...refOf(target) },
  );
}

export function newKeyNeededError(instanceId: string): AppError {
  return new AppError(
    userDataPathErrorCodes.newKeyNeeded,
    `After a user data recovery, scripts on ${instanceId} run over SSH with the new key, and it was not given. Give the new key, or run the script yourself (keyrescue authorize --print-script).`,
    { instanceId },
  );
}
