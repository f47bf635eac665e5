import {
  CreateSnapshot$,
  DeleteSnapshot$,
  DescribeSnapshots$,
  type CreateSnapshotRequest,
  type DeleteSnapshotRequest,
  type DescribeSnapshotsRequest,
  type DescribeSnapshotsResult,
  type Snapshot,
} from '@aws-sdk/client-ec2';
import { apiError } from './api-error';
import { defineAction, type ActionContext, type ActionDefinition } from './engine';
import { applyFilters } from './filters';
import { newResourceId } from './ids';
import { findSnapshot, findVolume } from './lookups';
import type { SnapshotRecord } from './model';
import { paginate } from './pagination';
import { tagOutput, tagsFor } from './tags';

function progressOf(ctx: ActionContext, snapshot: SnapshotRecord): string {
  if (snapshot.state === 'completed') return '100%';
  const total = ctx.engine.timings.snapshotMs;
  const elapsed = ctx.engine.clock.now() - snapshot.startedAtMs;
  return `${total <= 0 ? 0 : Math.min(99, Math.floor((elapsed / total) * 100))}%`;
}

function snapshotOutput(ctx: ActionContext, snapshot: SnapshotRecord): Snapshot {
  return {
    SnapshotId: snapshot.snapshotId,
    VolumeId: snapshot.volumeId,
    VolumeSize: snapshot.volumeSize,
    State: snapshot.state,
    Progress: progressOf(ctx, snapshot),
    StartTime: new Date(snapshot.startTime),
    OwnerId: ctx.state.accountId,
    Description: snapshot.description,
    Encrypted: snapshot.encrypted,
    StorageTier: 'standard',
    Tags: tagOutput(snapshot.tags),
  };
}

const createSnapshot = defineAction<CreateSnapshotRequest, Snapshot>(CreateSnapshot$, (ctx, input) => {
  const volume = findVolume(ctx, input.VolumeId);
  // A snapshot is a point-in-time copy: live guest changes are synced into the volume first.
  ctx.engine.os.syncToState();
  const snapshot: SnapshotRecord = {
    snapshotId: newResourceId('snap'),
    volumeId: volume.volumeId,
    volumeSize: volume.size,
    state: 'pending',
    startTime: ctx.nowIso,
    startedAtMs: ctx.engine.clock.now(),
    description: input.Description ?? '',
    encrypted: volume.encrypted,
    tags: tagsFor(input.TagSpecifications, 'snapshot'),
    filesystem: structuredClone(volume.filesystem),
    partitioned: volume.partitioned,
  };
  ctx.rs.snapshots.push(snapshot);
  return { ...snapshotOutput(ctx, snapshot), Progress: '0%' };
});

const describeSnapshots = defineAction<DescribeSnapshotsRequest, DescribeSnapshotsResult>(
  DescribeSnapshots$,
  (ctx, input) => {
    let snapshots = ctx.rs.snapshots;
    if (
      input.OwnerIds?.length &&
      !input.OwnerIds.some((owner) => owner === 'self' || owner === ctx.state.accountId)
    )
      snapshots = [];
    if (input.SnapshotIds?.length) snapshots = input.SnapshotIds.map((id) => findSnapshot(ctx, id));
    snapshots = applyFilters(
      snapshots,
      input.Filters,
      {
        'snapshot-id': (s) => [s.snapshotId],
        'volume-id': (s) => [s.volumeId],
        status: (s) => [s.state],
        description: (s) => [s.description],
        'owner-id': () => [ctx.state.accountId],
        progress: (s) => [progressOf(ctx, s)],
        encrypted: (s) => [String(s.encrypted)],
      },
      (s) => s.tags,
    );
    const { page, nextToken } = paginate(snapshots, input, { min: 5, max: 1000 });
    return { Snapshots: page.map((snapshot) => snapshotOutput(ctx, snapshot)), NextToken: nextToken };
  },
  { readOnly: true },
);

const deleteSnapshot = defineAction<DeleteSnapshotRequest, object>(DeleteSnapshot$, (ctx, input) => {
  const snapshot = findSnapshot(ctx, input.SnapshotId);
  if (snapshot.state === 'pending') {
    throw apiError(
      'IncorrectState',
      `The snapshot '${snapshot.snapshotId}' is in the 'pending' state and cannot be deleted.`,
    );
  }
  ctx.rs.snapshots.splice(ctx.rs.snapshots.indexOf(snapshot), 1);
  return {};
});

/** EBS snapshot actions (progress 0% → 100% over the configured time). */
export const snapshotActions: Record<string, ActionDefinition> = {
  CreateSnapshot: createSnapshot,
  DescribeSnapshots: describeSnapshots,
  DeleteSnapshot: deleteSnapshot,
};
