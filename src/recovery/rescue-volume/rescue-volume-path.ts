import type { HostKeyChoice } from '../../ipc/contracts/recovery-run';
import type { RecoveryStep, RemoteScriptRunner } from '../engine/recovery-step';
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
  const move = (
    id: string,
    does: string,
    run: (moves: ReturnType<typeof recorded>, ctx: Parameters<RecoveryStep['apply']>[0]) => Promise<string>,
  ): RecoveryStep => ({
    id,
    does,
    undo: `Part of the stop's undo: the root volume goes back to ${input.instanceId} at its root device`,
    repeatable: true,
    apply: async (ctx) => ({ result: await run(recorded(input, ctx.facts), ctx) }),
  });
  return [
    recordRootStep(input),
    snapshotRootStep(input),
    stopTargetStep(input),
    move(
      'detach-root',
      `Detaches the root volume from ${input.instanceId} (not forced) and waits until it is available`,
      detachFromTarget,
    ),
    {
      id: 'attach-rescue',
      does: `Attaches the root volume to the rescue instance ${rescue} at a free device name and waits until it is attached`,
      undo: `Part of the stop's undo: the volume is detached from ${rescue} and goes back to ${input.instanceId}`,
      repeatable: true,
      async apply(ctx) {
        const { result, device } = await attachToRescue(recorded(input, ctx.facts), ctx);
        return { result, facts: { rescueDevice: device } };
      },
    },
    rescueEditStep({
      rescueInstanceId: rescue,
      targetUser: input.targetUser,
      newPublicKey: input.newPublicKey,
      runner: input.rescueRunner,
    }),
    move(
      'detach-rescue',
      `Detaches the root volume from the rescue instance ${rescue} and waits until it is available`,
      detachFromRescue,
    ),
    move(
      'reattach-root',
      `Attaches the root volume to ${input.instanceId} again under its original root device name`,
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
