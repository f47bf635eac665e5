import { DeleteSnapshotCommand, DescribeSnapshotsCommand } from '@aws-sdk/client-ec2';
import type { ResolvedAccount } from '../../aws/account-types';
import { withEc2Client } from '../../aws/with-aws-client';
import { AppError } from '../../ipc/app-error';
import { operationErrorCodes } from '../../ipc/operations/operation-errors';
import type { RecoveryStep, StepOutcome } from '../engine/recovery-step';
import { stepDescription, stepResult, stepText } from '../journal/step-texts';
import { recoveryTagKey } from '../rescue-volume/ebs-calls';
import { cleanupErrorCodes } from './cleanup-errors';

/**
 * `delete-snapshot`: the cleanup's deletion of the rescue-volume path's safety snapshot (issue 11:
 * kept until the user deletes it). Only by id, only the snapshot this recovery's journal names,
 * and only while it carries KeyRescue's tag for this recovery: a snapshot someone re-tagged or
 * that was never ours is refused. A repeat finds it gone and deletes nothing.
 */

export interface DeleteSnapshotInput {
  account: ResolvedAccount;
  region: string;
  recoveryId: string;
  /** The id the user chose to delete (the one the cleanup screen or the CLI showed). */
  snapshotId: string;
  /** The snapshot the recovery's snapshot step journaled (fact `snapshotId`), if any. */
  journaledSnapshotId: string | undefined;
}

/** The snapshot's tags, or null when EC2 no longer has it. */
async function snapshotTags(input: DeleteSnapshotInput): Promise<Record<string, string> | null> {
  return withEc2Client(input.account, input.region, 'DescribeSnapshots', async (ec2) => {
    const answer = await ec2
      .send(new DescribeSnapshotsCommand({ SnapshotIds: [input.snapshotId] }))
      .catch((error: unknown) => {
        if ((error as { name?: string }).name === 'InvalidSnapshot.NotFound') return null;
        throw error;
      });
    const snapshot = answer?.Snapshots?.find((candidate) => candidate.SnapshotId === input.snapshotId);
    if (!snapshot) return null;
    return Object.fromEntries((snapshot.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
  });
}

/** The chosen id must be this recovery's own snapshot: refused before any step runs. */
export function requireRecoverySnapshot(input: DeleteSnapshotInput): void {
  if (input.snapshotId === input.journaledSnapshotId) return;
  throw new AppError(
    cleanupErrorCodes.snapshotNotThisRecovery,
    `Snapshot ${input.snapshotId} is not the safety snapshot of recovery ${input.recoveryId} (its journal names ${input.journaledSnapshotId ?? 'none'}). Nothing was deleted.`,
    {
      snapshotId: input.snapshotId,
      recoveryId: input.recoveryId,
      journaled: input.journaledSnapshotId ?? '-',
    },
  );
}

function goneOutcome(input: DeleteSnapshotInput): StepOutcome {
  const { snapshotId, region } = input;
  return {
    ...stepResult(stepText('deleteSnapshot.gone', { snapshotId, region })),
    facts: { deletedSnapshotId: snapshotId },
  };
}

export function deleteSnapshotStep(input: DeleteSnapshotInput): RecoveryStep {
  const { snapshotId, region } = input;
  requireRecoverySnapshot(input);
  return {
    id: 'delete-snapshot',
    ...stepDescription(
      stepText('deleteSnapshot.does', { snapshotId, region }),
      stepText('deleteSnapshot.undo'),
    ),
    // By id; a repeat finds it gone instead of failing.
    repeatable: true,
    async apply(ctx) {
      if (ctx.signal.aborted)
        throw new AppError(
          operationErrorCodes.cancelled,
          'Cancelled before deleting the snapshot; nothing was changed.',
        );
      const tags = await snapshotTags(input);
      if (!tags) return goneOutcome(input);
      if (tags[recoveryTagKey] !== input.recoveryId)
        throw new AppError(
          cleanupErrorCodes.snapshotNotTagged,
          `Snapshot ${snapshotId} does not carry KeyRescue's tag ${recoveryTagKey}=${input.recoveryId}, so it is not deleted. Nothing was deleted; if it is not needed, look at it in the EC2 console and delete it yourself.`,
          { snapshotId, recoveryId: input.recoveryId, tagKey: recoveryTagKey },
        );
      await withEc2Client(input.account, region, 'DeleteSnapshot', (ec2) =>
        ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId })).catch((error: unknown) => {
          // Deleted between the look and the call (elsewhere, or an earlier attempt's answer lost).
          if ((error as { name?: string }).name === 'InvalidSnapshot.NotFound') return null;
          throw error;
        }),
      );
      return {
        ...stepResult(stepText('deleteSnapshot.deleted', { snapshotId, region })),
        facts: { deletedSnapshotId: snapshotId },
      };
    },
    async check() {
      return (await snapshotTags(input))
        ? { state: 'notDone' }
        : { state: 'done', outcome: goneOutcome(input) };
    },
  };
}
