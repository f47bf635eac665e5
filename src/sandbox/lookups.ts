import { apiError } from './api-error';
import type { ActionContext } from './engine';
import type { InstanceRecord, RegionState, SnapshotRecord, VolumeRecord } from './model';

/** Every instance named, in order; InvalidInstanceID.NotFound naming the missing ones otherwise. */
export function findInstances(ctx: ActionContext, ids: string[] | undefined): InstanceRecord[] {
  const wanted = ids ?? [];
  if (wanted.length === 0)
    throw apiError('MissingParameter', 'The request must contain the parameter InstanceId');
  for (const id of wanted) {
    if (!/^i-[0-9a-f]{8,17}$/.test(id)) throw apiError('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
  }
  const missing = wanted.filter((id) => !ctx.rs.instances.some((instance) => instance.instanceId === id));
  if (missing.length === 1)
    throw apiError('InvalidInstanceID.NotFound', `The instance ID '${missing[0]}' does not exist`);
  if (missing.length > 1)
    throw apiError('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
  return wanted.map(
    (id) => ctx.rs.instances.find((instance) => instance.instanceId === id) as InstanceRecord,
  );
}

/** One instance by id. */
export function findInstance(ctx: ActionContext, id: string | undefined): InstanceRecord {
  const [instance] = findInstances(ctx, id === undefined ? [] : [id]);
  return instance as InstanceRecord;
}

/** One volume by id; InvalidVolume.NotFound otherwise. */
export function findVolume(ctx: ActionContext, id: string | undefined): VolumeRecord {
  if (!id) throw apiError('MissingParameter', 'The request must contain the parameter VolumeId');
  if (!/^vol-[0-9a-f]{8,17}$/.test(id))
    throw apiError(
      'InvalidParameterValue',
      `Value (${id}) for parameter volume is invalid. Expected: 'vol-...'.`,
    );
  const volume = ctx.rs.volumes.find(
    (candidate) => candidate.volumeId === id && candidate.state !== 'deleted',
  );
  if (!volume) throw apiError('InvalidVolume.NotFound', `The volume '${id}' does not exist.`);
  return volume;
}

/** One snapshot by id; InvalidSnapshot.NotFound otherwise. */
export function findSnapshot(ctx: ActionContext, id: string | undefined): SnapshotRecord {
  if (!id) throw apiError('MissingParameter', 'The request must contain the parameter SnapshotId');
  const snapshot = ctx.rs.snapshots.find((candidate) => candidate.snapshotId === id);
  if (!snapshot) throw apiError('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`);
  return snapshot;
}

/** The volume attached to an instance at a device name, if any. */
export function volumeAt(ctx: ActionContext, instanceId: string, device: string): VolumeRecord | undefined {
  return ctx.rs.volumes.find(
    (volume) => volume.attachment?.instanceId === instanceId && volume.attachment.device === device,
  );
}

/** Volumes attached (or attaching/detaching) to an instance, root first. */
export function attachedVolumes(rs: RegionState, instance: InstanceRecord): VolumeRecord[] {
  const volumes = rs.volumes.filter((volume) => volume.attachment?.instanceId === instance.instanceId);
  return volumes.sort(
    (a, b) =>
      Number(b.attachment?.device === instance.rootDeviceName) -
      Number(a.attachment?.device === instance.rootDeviceName),
  );
}
