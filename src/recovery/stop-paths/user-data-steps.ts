import { randomBytes } from 'node:crypto';
import type { RecoveryStep, StepCheck, StepContext, StepOutcome } from '../engine/recovery-step';
import { describeInstance, stopAndWait, type PowerTarget } from './instance-power';
import { recoveryOf, recoveryUserDataBytes, type RecoveryUserDataInput } from './recovery-user-data';
import {
  bytesOf,
  describeValue,
  digestOf,
  readUserData,
  sameValue,
  writeUserData,
  type UserDataValue,
} from './user-data-attribute';
import { loadBackup, saveBackup } from './user-data-backup';
import {
  alreadyRecoveryDataError,
  notStoppedError,
  restoreMismatchError,
  setMismatchError,
} from './user-data-errors';

/**
 * The user-data steps: save the original (journal: presence, size, digest; file: the exact
 * bytes), set the recovery document, restore the original byte for byte. Each reads the real user
 * data before acting, so a half-happened step is recognised (already ours, already the original)
 * instead of repeated blindly. The set step's undo is the restore, so a failure after it — no
 * result line, a failed login — never leaves the recovery's user data in place (research §11.6).
 */

export interface UserDataStepsInput {
  target: PowerTarget;
  /** The saved original's file (user-data-backup.ts's backupPathOf). */
  backupPath: string;
  /** The document's inputs but the recovery and run ids, which the steps supply. */
  document: Omit<RecoveryUserDataInput, 'recoveryId' | 'runId'>;
}

/** Any 12 hex digits give the same size: the limit check before the stop uses this one. */
const sizingRunId = '000000000000';

function documentBytes(input: UserDataStepsInput, recoveryId: string, runId: string): Uint8Array {
  return recoveryUserDataBytes({ ...input.document, recoveryId, runId }, input.target.instanceId);
}

/** The original as the save step journaled it, read back from its file and checked against the journal. */
function original(input: UserDataStepsInput, ctx: StepContext): Promise<UserDataValue> {
  return loadBackup(input.backupPath, {
    instanceId: input.target.instanceId,
    digest: ctx.facts.userDataDigest ?? '-',
    present: ctx.facts.userDataPresent === 'true',
  });
}

export function saveUserDataStep(input: UserDataStepsInput): RecoveryStep {
  const { target } = input;
  return {
    id: 'save-user-data',
    does: `Check that the recovery's user data fits EC2's 16 KB, then read ${target.instanceId}'s current user data and keep it (exact bytes) in the recovery's folder.`,
    undo: 'Nothing to undo (it only reads; the saved copy stays for the report).',
    // Nothing has changed yet when it runs, so reading and saving again is the check.
    repeatable: true,
    async apply(ctx) {
      documentBytes(input, ctx.recoveryId, sizingRunId);
      const current = await readUserData(target);
      const ours = recoveryOf(bytesOf(current));
      if (ours) throw alreadyRecoveryDataError(target, ours.recoveryId);
      const view = await describeInstance(target);
      const bytes = bytesOf(current);
      await saveBackup(input.backupPath, {
        recoveryId: ctx.recoveryId,
        instanceId: target.instanceId,
        region: target.region,
        savedAt: target.clock.now().toISOString(),
        base64: current.base64,
        bytes: bytes.length,
        digest: digestOf(bytes),
      });
      return {
        result: `Saved ${target.instanceId}'s user data (${describeValue(current)}) beside the journal; the instance is ${view.state}.`,
        facts: {
          userDataPresent: String(current.base64 !== null),
          userDataBytes: String(bytes.length),
          userDataDigest: digestOf(bytes),
          originalState: view.state,
        },
      };
    },
  };
}

/** Puts the saved original back (stopping first when needed) and proves it is byte for byte. */
async function restoreOriginal(input: UserDataStepsInput, ctx: StepContext): Promise<string> {
  const { target } = input;
  const saved = await original(input, ctx);
  if (sameValue(await readUserData(target), saved))
    return `${target.instanceId}'s user data is the original (${describeValue(saved)}); nothing to restore.`;
  const view = await describeInstance(target);
  if (view.state !== 'stopped') {
    ctx.note(`${target.instanceId} is ${view.state}; stopping it to restore its user data.`);
    await stopAndWait(target, ctx);
  }
  await writeUserData(target, bytesOf(saved));
  const after = await readUserData(target);
  if (!sameValue(after, saved))
    throw restoreMismatchError(target, describeValue(saved), describeValue(after));
  return saved.base64 === null
    ? `Removed the recovery's user data: ${target.instanceId} has no user data, as before.`
    : `Restored ${target.instanceId}'s original user data byte for byte (${describeValue(saved)}).`;
}

function setOutcome(runId: string, bytes: Uint8Array): StepOutcome {
  return {
    result: `Set the recovery's user data (${bytes.length} bytes, ${digestOf(bytes)}, run ${runId}).`,
    facts: { userDataRunId: runId },
  };
}

export function setRecoveryUserDataStep(input: UserDataStepsInput): RecoveryStep {
  const { target } = input;
  return {
    id: 'set-user-data',
    does: `Set ${target.instanceId}'s user data to KeyRescue's document: cloud-init runs the authorized-keys script for ${input.document.targetUser} at the next boot.`,
    undo: 'Restore the saved original user data byte for byte (or remove it when there was none), stopping the instance first if it runs.',
    repeatable: false,
    revertOnFailure: true,
    async apply(ctx) {
      const view = await describeInstance(target);
      if (view.state !== 'stopped') throw notStoppedError(target, view.state);
      const runId = randomBytes(6).toString('hex');
      const bytes = documentBytes(input, ctx.recoveryId, runId);
      await writeUserData(target, bytes);
      const after = bytesOf(await readUserData(target));
      if (digestOf(after) !== digestOf(bytes))
        throw setMismatchError(target, digestOf(bytes), `${after.length} bytes, ${digestOf(after)}`);
      return setOutcome(runId, bytes);
    },
    async check(ctx): Promise<StepCheck> {
      const current = bytesOf(await readUserData(target));
      const ours = recoveryOf(current);
      if (ours?.recoveryId === ctx.recoveryId)
        return { state: 'done', outcome: setOutcome(ours.runId, current) };
      // Still the original: the call never happened. Anything else was not KeyRescue's doing here.
      return !ours && digestOf(current) === ctx.facts.userDataDigest
        ? { state: 'notDone' }
        : { state: 'unknown' };
    },
    revert: (ctx) => restoreOriginal(input, ctx),
  };
}

export function restoreUserDataStep(input: UserDataStepsInput): RecoveryStep {
  const { target } = input;
  return {
    id: 'restore-user-data',
    does: `Restore ${target.instanceId}'s original user data byte for byte (or remove it when there was none), so the recovery script never runs again.`,
    undo: 'Nothing to undo (this is the original user data).',
    repeatable: true,
    apply: async (ctx) => ({ result: await restoreOriginal(input, ctx) }),
    async check(ctx): Promise<StepCheck> {
      const saved = await original(input, ctx);
      return sameValue(await readUserData(target), saved)
        ? {
            state: 'done',
            outcome: {
              result: `${target.instanceId}'s user data is the original (${describeValue(saved)}).`,
            },
          }
        : { state: 'notDone' };
    },
  };
}
