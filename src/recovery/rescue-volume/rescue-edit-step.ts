import type { RecoveryStep, RemoteScriptRunner, StepContext } from '../engine/recovery-step';
import { checkResult, scriptOutcomeSentences } from '../engine/script-step';
import { stepDescription, stepResult, stepText } from '../journal/step-texts';
import { rescueEditScript, rescueMountPoint, rescueProbeScript, rescueProblemOf } from './rescue-edit-script';
import { rescueNotRootError, rescueScriptError } from './rescue-volume-errors';

export interface RescueEditStepInput {
  rescueInstanceId: string;
  targetUser: string;
  newPublicKey: string;
  /** How the script runs as root on the rescue instance (SSM, or another login to it). */
  runner: RemoteScriptRunner;
}

/**
 * Facts a runner learns are about the rescue instance: kept under `rescue…` names, so the target's
 * verification never pins the rescue's host key, and the rescue's own login pins it on a resume.
 */
function rescueContext(ctx: StepContext): StepContext {
  const { hostKeyFingerprint: _targets, ...facts } = ctx.facts;
  const rescueKey = ctx.facts.rescueHostKeyFingerprint;
  return { ...ctx, facts: rescueKey ? { ...facts, hostKeyFingerprint: rescueKey } : facts };
}

const renamed: Record<string, string> = {
  hostKeyFingerprint: 'rescueHostKeyFingerprint',
  runAs: 'rescueRunAs',
  commandId: 'rescueCommandId',
};

/** A runner's facts under their `rescue…` names. */
function rescueFacts(facts: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(facts ?? {}).map(([key, value]) => [
      renamed[key] ?? `rescue${key.charAt(0).toUpperCase()}${key.slice(1)}`,
      value,
    ]),
  );
}

/**
 * Before anything changes: a script that only prints its uid, run through the rescue's runner. An
 * unreachable rescue (SSM offline, a refused login, no sudo) fails here, with the target untouched.
 */
export function rescueProbeStep(
  input: Pick<RescueEditStepInput, 'rescueInstanceId' | 'runner'>,
): RecoveryStep {
  const via = input.runner.describeText ?? input.runner.describe;
  return {
    id: 'rescue-probe',
    ...stepDescription(
      stepText('rescueVolume.probe.does', { rescueId: input.rescueInstanceId, via }),
      stepText('rescueVolume.readsOnly'),
    ),
    repeatable: true,
    async apply(ctx) {
      const { result, facts } = await input.runner.run(rescueProbeScript(), rescueContext(ctx));
      const problem = rescueProblemOf(result.detail);
      if (problem?.problem !== 'probe' || problem.detail !== '0')
        throw rescueNotRootError(
          input.rescueInstanceId,
          input.runner.describe,
          problem?.detail ?? result.status,
        );
      return {
        ...stepResult(stepText('rescueVolume.probed', { rescueId: input.rescueInstanceId, via })),
        facts: rescueFacts(facts),
      };
    },
  };
}

/**
 * Mounts the target's root volume on the rescue instance, appends the new key under it with the
 * shared script and unmounts (rescue-edit-script.ts). Repeatable: the script appends only when
 * the key's blob is absent, and a mount a crashed run left behind is its own and reused.
 */
export function rescueEditStep(input: RescueEditStepInput): RecoveryStep {
  return {
    id: 'rescue-edit',
    ...stepDescription(
      stepText('rescueVolume.edit.does', {
        rescueId: input.rescueInstanceId,
        user: input.targetUser,
        via: input.runner.describeText ?? input.runner.describe,
      }),
      stepText('rescueVolume.edit.undo'),
    ),
    repeatable: true,
    async apply(ctx) {
      const volumeId = ctx.facts.rootVolumeId ?? '';
      const script = rescueEditScript({
        volumeId,
        attachedAs: ctx.facts.rescueDevice ?? '/dev/sdf',
        targetUser: input.targetUser,
        publicKey: input.newPublicKey,
      });
      ctx.note(`Mounting ${volumeId} at ${rescueMountPoint(volumeId)} on ${input.rescueInstanceId}`);
      const { result, facts } = await input.runner.run(script, rescueContext(ctx));
      const problem =
        result.status === 'refused' || result.status === 'failed' ? rescueProblemOf(result.detail) : null;
      if (problem && problem.problem !== 'probe')
        throw rescueScriptError(problem.problem, input.rescueInstanceId, volumeId, problem.detail);
      checkResult(result, ['added', 'alreadyPresent'], input.runner.describe);
      const prefix = rescueMountPoint(volumeId);
      // The file as the target will see it: without the rescue's mount point in front.
      const onTarget = (path: string | null) =>
        path?.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
      const seen = { ...result, file: onTarget(result.file), backup: onTarget(result.backup) };
      return {
        ...stepResult(
          ...scriptOutcomeSentences(seen, input.targetUser),
          stepText('rescueVolume.unmounted', { rescueId: input.rescueInstanceId }),
        ),
        facts: {
          ...rescueFacts(facts),
          status: result.status,
          ...(seen.file ? { file: seen.file } : {}),
          ...(seen.backup ? { backup: seen.backup } : {}),
          ...(result.warnings.length ? { warnings: result.warnings.join(',') } : {}),
        },
      };
    },
  };
}
