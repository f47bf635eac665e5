import type { RecoveryStep, StepCheck, StepContext, StepFacts, StepOutcome } from '../engine/recovery-step';
import { awsErrorCodes } from '../../aws/aws-errors';
import { isAppError } from '../../ipc/app-error';
import { stepDescription, stepResult, stepText } from '../journal/step-texts';
import type { InstanceAddresses, SshAddress } from '../paths/ssh-target';
import {
  createRecoverySnapshot,
  describeInstance,
  describeSnapshot,
  findRecoverySnapshot,
  setDeleteOnTermination,
  waitFor,
  type Ec2Target,
  type InstanceView,
  type SnapshotView,
} from './ebs-calls';
import {
  instanceGoneError,
  rescueNotFoundError,
  rescueNotRunningError,
  rescueOtherZoneError,
  rescueSameAsTargetError,
  rootNotEbsError,
  snapshotFailedError,
} from './rescue-volume-errors';
import { startAndWait, type PowerTarget } from '../stop-paths/instance-power';
import { startInstanceStep, stopInstanceStep } from '../stop-paths/power-steps';
import { returnToTarget, type VolumeMoveInput } from './volume-moves';

/**
 * The target-side steps of the rescue-volume path: record what must be restored, the safety
 * snapshot, stop, DeleteOnTermination, start. The stop's undo is the whole way back
 * (restoreTarget: the volume home, its DeleteOnTermination, a start if it ran before), so it alone
 * restores the instance when a move was cut short; the snapshot stays.
 */
export interface TargetStepsInput {
  ec2: Ec2Target;
  instanceId: string;
  rescueInstanceId: string;
  /** Where the verification login reaches the target once it runs again (its address may be new). */
  endpointOf(addresses: InstanceAddresses): Promise<SshAddress>;
}

const gone = new Set(['terminated', 'shutting-down']);

async function instanceOrGone(ec2: Ec2Target, instanceId: string): Promise<InstanceView> {
  const view = await describeInstance(ec2, instanceId);
  if (!view) throw instanceGoneError(instanceId, 'not found');
  if (gone.has(view.state)) throw instanceGoneError(instanceId, view.state);
  return view;
}

/** What the journaled facts of `record-root` say, for the steps after it. */
export function recorded(
  input: TargetStepsInput,
  facts: StepFacts,
): VolumeMoveInput & {
  deleteOnTermination: boolean;
  originalState: string;
} {
  return {
    ec2: input.ec2,
    instanceId: input.instanceId,
    rescueInstanceId: input.rescueInstanceId,
    volumeId: facts.rootVolumeId ?? '',
    rootDeviceName: facts.rootDeviceName ?? '',
    deleteOnTermination: facts.deleteOnTermination === 'true',
    originalState: facts.originalState ?? '',
  };
}

export function recordRootStep(input: TargetStepsInput): RecoveryStep {
  return {
    id: 'record-root',
    ...stepDescription(
      stepText('rescueVolume.record.does', {
        instanceId: input.instanceId,
        rescueId: input.rescueInstanceId,
      }),
      stepText('rescueVolume.readsOnly'),
    ),
    repeatable: true,
    async apply() {
      if (input.rescueInstanceId === input.instanceId) throw rescueSameAsTargetError(input.instanceId);
      const target = await instanceOrGone(input.ec2, input.instanceId);
      if (target.rootDeviceType !== 'ebs' || !target.root)
        throw rootNotEbsError(
          input.instanceId,
          target.rootDeviceType === 'ebs' ? 'no volume at the root device' : target.rootDeviceType,
        );
      const rescue = await describeInstance(input.ec2, input.rescueInstanceId);
      if (!rescue) throw rescueNotFoundError(input.rescueInstanceId, input.ec2.region);
      if (rescue.state !== 'running') throw rescueNotRunningError(input.rescueInstanceId, rescue.state);
      if (rescue.availabilityZone !== target.availabilityZone)
        throw rescueOtherZoneError(
          input.rescueInstanceId,
          rescue.availabilityZone,
          input.instanceId,
          target.availabilityZone,
        );
      const { volumeId, deleteOnTermination } = target.root;
      return {
        ...stepResult(
          stepText('rescueVolume.recorded', {
            instanceId: input.instanceId,
            state: target.state,
            volumeId,
            device: target.rootDeviceName,
            deleteOnTermination: String(deleteOnTermination),
            zone: target.availabilityZone,
          }),
        ),
        facts: {
          originalState: target.state,
          rootDeviceName: target.rootDeviceName,
          rootVolumeId: volumeId,
          deleteOnTermination: String(deleteOnTermination),
          availabilityZone: target.availabilityZone,
        },
      };
    },
  };
}

function waitSnapshot(input: TargetStepsInput, volumeId: string, found: SnapshotView, ctx: StepContext) {
  return waitFor(input.ec2, ctx, {
    what: `Snapshot ${found.snapshotId}`,
    wanted: 'completed',
    read: () => describeSnapshot(input.ec2, found.snapshotId),
    done: (snapshot) => snapshot.state === 'completed',
    seen: (snapshot) => `${snapshot.state} ${snapshot.progress}`.trim(),
    fail: (snapshot) =>
      snapshot.state === 'error' || snapshot.state === 'deleted'
        ? snapshotFailedError(found.snapshotId, volumeId, snapshot.state)
        : null,
  });
}

function snapshotOutcome(snapshotId: string, volumeId: string, made: boolean): StepOutcome {
  return {
    ...stepResult(
      stepText(made ? 'rescueVolume.snapshotMade' : 'rescueVolume.snapshotFound', { snapshotId, volumeId }),
    ),
    facts: { snapshotId },
  };
}

/** Errors after which a CreateSnapshot may or may not have happened: look for the tag, then try again. */
const unsure = new Set<string>([
  awsErrorCodes.throttled,
  awsErrorCodes.serviceUnavailable,
  awsErrorCodes.endpointUnreachable,
  awsErrorCodes.requestFailed,
]);
const createAttempts = 4;

/** The recovery's snapshot: the one its tag finds, else a new one (never two, research §11 / issue §4). */
async function findOrCreateSnapshot(input: TargetStepsInput, volumeId: string, ctx: StepContext) {
  for (let attempt = 1; ; attempt += 1) {
    const existing = await findRecoverySnapshot(input.ec2, ctx.recoveryId, volumeId);
    if (existing) return { snapshot: existing, made: attempt > 1 };
    try {
      const made = await createRecoverySnapshot(input.ec2, ctx.recoveryId, volumeId, input.instanceId);
      return { snapshot: made, made: true };
    } catch (error) {
      if (attempt >= createAttempts || !isAppError(error) || !unsure.has(error.code)) throw error;
      ctx.note(
        `CreateSnapshot answered ${error.code}; looking for the snapshot by its tag before trying again`,
      );
      await input.ec2.sleep(1000 * attempt, ctx.signal);
    }
  }
}

export function snapshotRootStep(input: TargetStepsInput): RecoveryStep {
  return {
    id: 'snapshot-root',
    ...stepDescription(
      stepText('rescueVolume.snapshot.does', { instanceId: input.instanceId }),
      stepText('rescueVolume.snapshot.undo'),
    ),
    // The tag is the idempotency key: a repeat finds the snapshot the first attempt made.
    repeatable: true,
    async apply(ctx) {
      const volumeId = ctx.facts.rootVolumeId ?? '';
      const { snapshot, made } = await findOrCreateSnapshot(input, volumeId, ctx);
      ctx.note(`Snapshot ${snapshot.snapshotId}: ${snapshot.state} ${snapshot.progress}`);
      await waitSnapshot(input, volumeId, snapshot, ctx);
      return snapshotOutcome(snapshot.snapshotId, volumeId, made);
    },
    async check(ctx): Promise<StepCheck> {
      const volumeId = ctx.facts.rootVolumeId ?? '';
      const existing = await findRecoverySnapshot(input.ec2, ctx.recoveryId, volumeId);
      if (!existing) return { state: 'notDone' };
      await waitSnapshot(input, volumeId, existing, ctx);
      return { state: 'done', outcome: snapshotOutcome(existing.snapshotId, volumeId, false) };
    },
  };
}

/** The user-data path's stop and start (src/recovery/stop-paths) drive the target's power. */
export function powerOf(input: TargetStepsInput): PowerTarget {
  const { account, region, clock, sleep, limits } = input.ec2;
  return { account, region, clock, sleep, instanceId: input.instanceId, ...(limits ? { limits } : {}) };
}

/**
 * The way back from anywhere in the path: the root volume on its device, its DeleteOnTermination,
 * and the instance running again if it ran before. Every part reads first, so it is safe to repeat.
 */
/**
 * The root volume back on the target at its RootDeviceName with its DeleteOnTermination, wherever
 * the recovery left it: the undo of every step that moves the volume. Reads first, safe to repeat.
 */
export async function returnHome(input: TargetStepsInput, ctx: StepContext): Promise<string> {
  const was = recorded(input, ctx.facts);
  const parts = [await returnToTarget(was, ctx)];
  const view = await instanceOrGone(input.ec2, input.instanceId);
  if (view.root && view.root.deleteOnTermination !== was.deleteOnTermination) {
    await setDeleteOnTermination(input.ec2, input.instanceId, was.rootDeviceName, was.deleteOnTermination);
    parts.push(`DeleteOnTermination set back to ${was.deleteOnTermination}.`);
  }
  return parts.join(' ');
}

/** {@link returnHome}, then the instance started again if it was running before the recovery. */
export async function restoreTarget(input: TargetStepsInput, ctx: StepContext): Promise<string> {
  const was = recorded(input, ctx.facts);
  const parts = [await returnHome(input, ctx)];
  if (was.originalState === 'running') {
    const { sent } = await startAndWait(powerOf(input), ctx);
    parts.push(sent ? `Started ${input.instanceId} again.` : `${input.instanceId} is running.`);
  } else parts.push(`${input.instanceId} was ${was.originalState} before; left stopped.`);
  return parts.join(' ');
}

export function stopTargetStep(input: TargetStepsInput): RecoveryStep {
  return {
    ...stopInstanceStep({
      id: 'stop-target',
      text: {
        does: stepText('userData.stop.does', { instanceId: input.instanceId }),
        undo: stepText('rescueVolume.stop.undo', { instanceId: input.instanceId }),
      },
      target: powerOf(input),
      restartOnUndo: false,
    }),
    // Any failure after the stop puts the instance back as it was: a server must not stay down.
    revertOnFailure: true,
    revert: (ctx) => restoreTarget(input, ctx),
  };
}

export function restoreDeleteOnTerminationStep(input: TargetStepsInput): RecoveryStep {
  return {
    id: 'restore-delete-on-termination',
    revertOnFailure: true,
    revert: (ctx) => returnHome(input, ctx),
    ...stepDescription(
      stepText('rescueVolume.dot.does', { instanceId: input.instanceId }),
      stepText('rescueVolume.dot.undo'),
    ),
    repeatable: true,
    async apply(ctx) {
      const was = recorded(input, ctx.facts);
      const view = await instanceOrGone(input.ec2, input.instanceId);
      if (view.root?.deleteOnTermination === was.deleteOnTermination)
        return stepResult(
          stepText('rescueVolume.dotAsBefore', {
            device: was.rootDeviceName,
            value: String(was.deleteOnTermination),
          }),
        );
      await setDeleteOnTermination(input.ec2, input.instanceId, was.rootDeviceName, was.deleteOnTermination);
      return stepResult(
        stepText('rescueVolume.dotRestored', {
          device: was.rootDeviceName,
          value: String(was.deleteOnTermination),
        }),
      );
    },
  };
}

export function startTargetStep(input: TargetStepsInput): RecoveryStep {
  return {
    ...startInstanceStep({
      id: 'start-target',
      text: {
        does: stepText('rescueVolume.start.does', { instanceId: input.instanceId }),
        undo: stepText('rescueVolume.start.undo'),
      },
      target: powerOf(input),
      endpointOf: input.endpointOf,
    }),
    // Undone with the others after a failure, so a resume runs it again; the stop's undo starts it.
    revertOnFailure: true,
    revert: async () => `Nothing of its own: the stop's undo starts ${input.instanceId} if it was running.`,
  };
}
