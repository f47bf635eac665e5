import {
  CreateSnapshotCommand,
  DeleteTagsCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../engine/test-support/executor-fixtures';
import { startDemoAccount, type DemoAccount } from '../paths/test-support/demo-account';
import { testStepContext } from '../paths/test-support/step-context';
import { recoveryTagKey } from '../rescue-volume/ebs-calls';
import { cleanupErrorCodes } from './cleanup-errors';
import { deleteSnapshotStep } from './snapshot-step';

// The cleanup's deletion of the safety snapshot against the practice sandbox: the app's client
// factory, the real SDK over HTTP, EC2's semantics (tags, delete by id, NotFound).

let demo: DemoAccount;
let volumeId: string;

beforeAll(async () => {
  demo = await startDemoAccount();
  const { Volumes } = await demo.ec2.send(new DescribeVolumesCommand({}));
  volumeId = Volumes?.[0]?.VolumeId ?? '';
});
afterAll(() => demo.stop());

const recoveryId = 'rec-20261202-190000-0a1b2c3d';

/** A completed snapshot tagged for `taggedFor` (none when undefined), as the rescue-volume path makes one. */
async function snapshot(taggedFor: string | undefined): Promise<string> {
  const { SnapshotId = '' } = await demo.ec2.send(
    new CreateSnapshotCommand({
      VolumeId: volumeId,
      ...(taggedFor
        ? {
            TagSpecifications: [
              { ResourceType: 'snapshot', Tags: [{ Key: recoveryTagKey, Value: taggedFor }] },
            ],
          }
        : {}),
    }),
  );
  await demo.sandbox.control.tick();
  return SnapshotId;
}

async function exists(snapshotId: string): Promise<boolean> {
  return demo.ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] })).then(
    (answer) => (answer.Snapshots ?? []).length === 1,
    (error: { name?: string }) => {
      if (error.name === 'InvalidSnapshot.NotFound') return false;
      throw error;
    },
  );
}

const stepFor = (snapshotId: string, journaledSnapshotId: string | undefined) =>
  deleteSnapshotStep({
    account: demo.account,
    region: demo.region,
    recoveryId,
    snapshotId,
    journaledSnapshotId,
  });

describe('delete-snapshot', () => {
  it("deletes the recovery's tagged snapshot by id; a repeat finds it gone", async () => {
    const snapshotId = await snapshot(recoveryId);
    const step = stepFor(snapshotId, snapshotId);
    expect(step.id).toBe('delete-snapshot');
    expect(await step.check?.(testStepContext(recoveryId))).toEqual({ state: 'notDone' });
    const outcome = await step.apply(testStepContext(recoveryId));
    expect(outcome.result).toBe(`Deleted the safety snapshot ${snapshotId} in ${demo.region}.`);
    expect(outcome.facts).toEqual({ deletedSnapshotId: snapshotId });
    expect(await exists(snapshotId)).toBe(false);
    expect(await step.check?.(testStepContext(recoveryId))).toMatchObject({ state: 'done' });
    expect((await step.apply(testStepContext(recoveryId))).result).toBe(
      `The safety snapshot ${snapshotId} is no longer in ${demo.region}; nothing was deleted.`,
    );
  });

  it("refuses a snapshot without KeyRescue's tag for this recovery (removed, another recovery's, none) and keeps it", async () => {
    const untagged = await snapshot(recoveryId);
    await demo.ec2.send(new DeleteTagsCommand({ Resources: [untagged], Tags: [{ Key: recoveryTagKey }] }));
    const others = await snapshot('rec-20261202-190000-ffffffff');
    const never = await snapshot(undefined);
    for (const snapshotId of [untagged, others, never]) {
      const error = await failure(stepFor(snapshotId, snapshotId).apply(testStepContext(recoveryId)));
      expect(error.code).toBe(cleanupErrorCodes.snapshotNotTagged);
      expect(error.message).toBe(
        `Snapshot ${snapshotId} does not carry KeyRescue's tag keyrescue:recovery=${recoveryId}, so it is not deleted. Nothing was deleted; if it is not needed, look at it in the EC2 console and delete it yourself.`,
      );
      expect(error.details).toEqual({ snapshotId, recoveryId, tagKey: 'keyrescue:recovery' });
      expect(await exists(snapshotId)).toBe(true);
    }
  });

  it("refuses, before any step exists, a snapshot that is not the one the recovery's journal names", async () => {
    const snapshotId = await snapshot(recoveryId);
    const error = await failure(Promise.resolve().then(() => stepFor(snapshotId, 'snap-0123456789abcdef0')));
    expect(error.code).toBe(cleanupErrorCodes.snapshotNotThisRecovery);
    expect(error.message).toBe(
      `Snapshot ${snapshotId} is not the safety snapshot of recovery ${recoveryId} (its journal names snap-0123456789abcdef0). Nothing was deleted.`,
    );
    const none = await failure(Promise.resolve().then(() => stepFor(snapshotId, undefined)));
    expect(none.details).toEqual({ snapshotId, recoveryId, journaled: '-' });
    expect(await exists(snapshotId)).toBe(true);
  });
});
