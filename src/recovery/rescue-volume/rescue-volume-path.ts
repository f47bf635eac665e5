import type { HostKeyChoice } from '../../ipc/contracts/recovery-run';
import type { RecoveryStep, RemoteScriptRunner, StepContext } from '../engine/recovery-step';
import { stepDescription, stepResult, stepText, type StepText } from '../journal/step-texts';
import { verifyStep } from '../engine/verify-step';
import type { SshConnector } from '../ssh/ssh-port';
import { withNewKeyRemoval } from '../stop-paths/new-key-removal';
import { rescueEditStep, rescueProbeStep } from './rescue-edit-step';
import {
  powerOf,
  recorded,
  returnHome,
  recordRootStep,
  restoreDeleteOnTerminationStep,
  snapshotRootStep,
  startTargetStep,
  stopTargetStep,
  type TargetStepsInput,
} from './target-steps';
import { attachToRescue, detachFromRescue, detachFromTarget, reattachToTarget } from './volume-moves';

export interface RescueVolumeStepsInput extends TargetStepsInput {
  targetUser: string;
  newPublicKey: string;
  /** The NEW private key as OpenSSH text, in memory only: the verification logs in with it. */
  newPrivateKeyOpenSsh: string;
  /** How scripts run as root on the rescue instance (SSM Run Command, or another login to it). */
  rescueRunner: RemoteScriptRunner;
  connector: SshConnector;
  hostKey: HostKeyChoice;
}

/**
 * The rescue-volume path (research §5) as the executor's steps, in order. Every step that changes
 * AWS has an undo that runs after any later failure, last first: the volume goes home on its
 * RootDeviceName with its DeleteOnTermination (returnHome, by what it reads, wherever it is), and
 * the stop's undo starts the instance if it ran before. So a failure leaves the instance as it was
 * and every such step undone, and a resume runs them again; the edit stays done (the key is on the
 * volume). The same input always gives the same ids, so a resume lines them up with the journal.
 * A rollback takes the key off again: the first step's undo, last, once the instance runs as before
 * (a crash may have left the edit done whatever the journal says).
 */
export function rescueVolumeSteps(input: RescueVolumeStepsInput): RecoveryStep[] {
  const rescue = input.rescueInstanceId;
  const ids = { instanceId: input.instanceId, rescueId: rescue };
  const move = (
    id: string,
    does: StepText,
    run: (moves: ReturnType<typeof recorded>, ctx: StepContext) => Promise<StepText>,
  ): RecoveryStep => ({
    id,
    ...stepDescription(does, stepText('rescueVolume.move.undo', { instanceId: input.instanceId })),
    repeatable: true,
    revertOnFailure: true,
    revert: (ctx) => returnHome(input, ctx),
    apply: async (ctx) => stepResult(await run(recorded(input, ctx.facts), ctx)),
  });
  return [
    withNewKeyRemoval(recordRootStep(input), {
      target: powerOf(input),
      targetUser: input.targetUser,
      newPublicKey: input.newPublicKey,
      newPrivateKeyOpenSsh: input.newPrivateKeyOpenSsh,
      connector: input.connector,
      hostKey: input.hostKey,
      endpointOf: input.endpointOf,
      sentences: {
        undo: stepText('rescueVolume.removeNewKey.undo', {
          instanceId: input.instanceId,
          user: input.targetUser,
        }),
        left: 'rescueVolume.newKeyLeft',
      },
    }),
    rescueProbeStep({ rescueInstanceId: rescue, runner: input.rescueRunner }),
    snapshotRootStep(input),
    stopTargetStep(input),
    move(
      'detach-root',
      stepText('rescueVolume.detachRoot.does', { instanceId: input.instanceId }),
      detachFromTarget,
    ),
    {
      id: 'attach-rescue',
      ...stepDescription(
        stepText('rescueVolume.attachRescue.does', { rescueId: rescue }),
        stepText('rescueVolume.attachRescue.undo', ids),
      ),
      repeatable: true,
      revertOnFailure: true,
      revert: (ctx) => returnHome(input, ctx),
      async apply(ctx) {
        const { text, device } = await attachToRescue(recorded(input, ctx.facts), ctx);
        return { ...stepResult(text), facts: { rescueDevice: device } };
      },
    },
    rescueEditStep({
      rescueInstanceId: rescue,
      targetUser: input.targetUser,
      newPublicKey: input.newPublicKey,
      runner: input.rescueRunner,
    }),
    move('detach-rescue', stepText('rescueVolume.detachRescue.does', { rescueId: rescue }), detachFromRescue),
    move(
      'reattach-root',
      stepText('rescueVolume.reattach.does', { instanceId: input.instanceId }),
      reattachToTarget,
    ),
    restoreDeleteOnTerminationStep(input),
    startTargetStep(input),
    verifyStep({
      connector: input.connector,
      target: (ctx) => ({ host: ctx.facts.endpointHost ?? '', port: Number(ctx.facts.endpointPort ?? 22) }),
      targetUser: input.targetUser,
      privateKey: input.newPrivateKeyOpenSsh,
      hostKey: input.hostKey,
    }),
  ];
}
