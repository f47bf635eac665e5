import type { HostKeyChoice } from '../../ipc/contracts/recovery-run';
import type { RecoveryStep, RemoteScriptRunner, StepContext } from '../engine/recovery-step';
import { stepDescription, stepResult, stepText, type StepText } from '../journal/step-texts';
import { verifyStep } from '../engine/verify-step';
import type { SshConnector } from '../ssh/ssh-port';
import { rescueEditStep } from './rescue-edit-step';
import {
  recorded,
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
 * The rescue-volume path (research §5) as the executor's steps, in order. Only the stop has an
 * undo, and it is the whole way back (target-steps.ts restoreTarget): the steps after it move the
 * volume forward or home again by what they read, so each is safe to repeat after a crash. The
 * same input always gives the same ids, so a resume lines them up with the journal.
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
    apply: async (ctx) => stepResult(await run(recorded(input, ctx.facts), ctx)),
  });
  return [
    recordRootStep(input),
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
