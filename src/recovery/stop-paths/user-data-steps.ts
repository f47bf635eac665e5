import { randomBytes } from 'node:crypto';
import type { RecoveryStep, StepCheck, StepContext, StepOutcome } from '../engine/recovery-step';
import { stepDescription, stepResult, stepText } from '../journal/step-texts';
import { describeInstance, stopAndWait, type PowerTarget } from './instance-power';
import { recoveryOf, recoveryUserDataBytes, type RecoveryUserDataInput } from './recovery-user-data';
import {
  bytesOf,
  describeValue,
  digestOf,
  readUserData,
  sameValue,
  valuePhrase,
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
    ...stepDescription(
      stepText('userData.save.does', { instanceId: target.instanceId }),
      stepText('userData.save.undo'),
    ),
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
        ...stepResult(
          stepText('userData.saved', {
            instanceId: target.instanceId,
            value: valuePhrase(current),
            state: view.state,
          }),
        ),
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
async function restoreOriginal(input: UserDataStepsInput, ctx: StepContext): Promise<StepOutcome> {
  const { target } = input;
  const saved = await original(input, ctx);
  const instanceId = target.instanceId;
  if (sameValue(await readUserData(target), saved))
    return stepResult(stepText('userData.isOriginal', { instanceId, value: valuePhrase(saved) }));
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
    ? stepResult(stepText('userData.removed', { instanceId }))
    : stepResult(stepText('userData.restored', { instanceId, value: valuePhrase(saved) }));
}

function setOutcome(runId: string, bytes: Uint8Array): StepOutcome {
  return {
    ...stepResult(
      stepText('userData.setDone', { bytes: String(bytes.length), digest: digestOf(bytes), runId }),
    ),
    facts: { userDataRunId: runId },
  };
}

export function setRecoveryUserDataStep(input: UserDataStepsInput): RecoveryStep {
  const { target } = input;
  return {
    id: 'set-user-data',
    ...stepDescription(
      stepText('userData.set.does', { instanceId: target.instanceId, user: input.document.targetUser }),
      stepText('userData.set.undo'),
    ),
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
    ...stepDescription(
      stepText('userData.restore.does', { instanceId: target.instanceId }),
      stepText('userData.restore.undo'),
    ),
    repeatable: true,
    apply: (ctx) => restoreOriginal(input, ctx),
    async check(ctx): Promise<StepCheck> {
      const saved = await original(input, ctx);
      return sameValue(await readUserData(target), saved)
        ? {
            state: 'done',
            outcome: stepResult(
              stepText('userData.isOriginal', { instanceId: target.instanceId, value: valuePhrase(saved) }),
            ),
          }
        : { state: 'notDone' };
    },
  };
}
