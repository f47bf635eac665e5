import {
  AttachVolume$,
  CreateVolume$,
  DeleteVolume$,
  DescribeVolumes$,
  DetachVolume$,
  type AttachVolumeRequest,
  type CreateVolumeRequest,
  type DeleteVolumeRequest,
  type DescribeVolumesRequest,
  type DescribeVolumesResult,
  type DetachVolumeRequest,
  type Volume,
  type VolumeAttachment,
} from '@aws-sdk/client-ec2';
import { apiError } from './api-error';
import { defineAction, required, type ActionDefinition } from './engine';
import { applyFilters } from './filters';
import { newResourceId } from './ids';
import { findInstance, findSnapshot, findVolume, volumeAt } from './lookups';
import type { VolumeRecord } from './model';
import { paginate } from './pagination';
import { tagsFor } from './tags';
import { volumeOutput } from './volume-view';

const deviceNamePattern = /^\/dev\/(sd[a-z][0-9]{0,2}|xvd[a-z]{1,2}|hd[a-z])$/;

const describeVolumes = defineAction<DescribeVolumesRequest, DescribeVolumesResult>(
  DescribeVolumes$,
  (ctx, input) => {
    let volumes = ctx.rs.volumes.filter((volume) => volume.state !== 'deleted');
    if (input.VolumeIds?.length) {
      if (input.MaxResults !== undefined) {
        throw apiError(
          'InvalidParameterCombination',
          'The parameter volumeSet cannot be used with the parameter maxResults',
        );
      }
      volumes = input.VolumeIds.map((id) => findVolume(ctx, id));
    }
    volumes = applyFilters(
      volumes,
      input.Filters,
      {
        'volume-id': (v) => [v.volumeId],
        status: (v) => [v.state],
        'availability-zone': (v) => [v.availabilityZone],
        size: (v) => [String(v.size)],
        'snapshot-id': (v) => [v.snapshotId],
        'volume-type': (v) => [v.volumeType],
        encrypted: (v) => [String(v.encrypted)],
        'attachment.instance-id': (v) => [v.attachment?.instanceId],
        'attachment.device': (v) => [v.attachment?.device],
        'attachment.status': (v) => [v.attachment?.state],
        'attachment.delete-on-termination': (v) => [
          v.attachment ? String(v.attachment.deleteOnTermination) : undefined,
        ],
      },
      (v) => v.tags,
    );
    const { page, nextToken } = paginate(volumes, input, { min: 5, max: 500 });
    return { Volumes: page.map(volumeOutput), NextToken: nextToken };
  },
  { readOnly: true },
);

const createVolume = defineAction<CreateVolumeRequest, Volume>(CreateVolume$, (ctx, input) => {
  const zone = required(input.AvailabilityZone, 'AvailabilityZone');
  if (!ctx.rs.subnets.some((subnet) => subnet.availabilityZone === zone)) {
    throw apiError('InvalidParameterValue', `Invalid availability zone: [${zone}]`);
  }
  const snapshot = input.SnapshotId ? findSnapshot(ctx, input.SnapshotId) : undefined;
  if (snapshot && snapshot.state !== 'completed') {
    throw apiError('IncorrectState', `Snapshot '${snapshot.snapshotId}' is not 'completed'.`);
  }
  const size = input.Size ?? snapshot?.volumeSize;
  if (size === undefined)
    throw apiError('MissingParameter', 'The request must contain the parameter size or snapshotId');
  if (snapshot && size < snapshot.volumeSize) {
    throw apiError(
      'InvalidParameterValue',
      `Volume of ${size}GiB is too small; minimum is ${snapshot.volumeSize}GiB`,
    );
  }
  const volume: VolumeRecord = {
    volumeId: newResourceId('vol'),
    size,
    volumeType: input.VolumeType ?? 'gp3',
    availabilityZone: zone,
    state: 'available',
    createTime: ctx.nowIso,
    snapshotId: snapshot?.snapshotId,
    encrypted: input.Encrypted ?? snapshot?.encrypted ?? false,
    tags: tagsFor(input.TagSpecifications, 'volume'),
    filesystem: snapshot ? structuredClone(snapshot.filesystem) : ctx.engine.os.emptyFilesystem(),
    partitioned: snapshot?.partitioned ?? false,
  };
  ctx.rs.volumes.push(volume);
  return { ...volumeOutput(volume), State: 'creating' };
});

const deleteVolume = defineAction<DeleteVolumeRequest, object>(DeleteVolume$, (ctx, input) => {
  const volume = findVolume(ctx, input.VolumeId);
  if (volume.attachment) {
    throw apiError(
      'VolumeInUse',
      `Volume ${volume.volumeId} is currently attached to ${volume.attachment.instanceId}`,
    );
  }
  volume.state = 'deleted';
  ctx.rs.volumes.splice(ctx.rs.volumes.indexOf(volume), 1);
  return {};
});

const attachVolume = defineAction<AttachVolumeRequest, VolumeAttachment>(AttachVolume$, (ctx, input) => {
  const volume = findVolume(ctx, input.VolumeId);
  const instance = findInstance(ctx, input.InstanceId);
  const device = required(input.Device, 'Device');
  if (!deviceNamePattern.test(device)) {
    throw apiError(
      'InvalidParameterValue',
      `Value (${device}) for parameter device is invalid. ${device} is not a valid EBS device name.`,
    );
  }
  if (volume.attachment || volume.state !== 'available') {
    throw apiError('VolumeInUse', `${volume.volumeId} is already attached to an instance`);
  }
  if (volume.availabilityZone !== instance.availabilityZone) {
    throw apiError(
      'InvalidVolume.ZoneMismatch',
      `The volume '${volume.volumeId}' is not in the same availability zone as instance '${instance.instanceId}'`,
    );
  }
  if (instance.state !== 'running' && instance.state !== 'stopped') {
    throw apiError('IncorrectState', `Instance '${instance.instanceId}' is not 'running' or 'stopped'.`);
  }
  if (volumeAt(ctx, instance.instanceId, device)) {
    throw apiError(
      'InvalidParameterValue',
      `Invalid value '${device}' for unixDevice. Attachment point ${device} is already in use`,
    );
  }
  volume.state = 'in-use';
  volume.attachment = {
    instanceId: instance.instanceId,
    device,
    state: 'attaching',
    stateSince: ctx.engine.clock.now(),
    attachTime: ctx.nowIso,
    deleteOnTermination: false,
  };
  return {
    AttachTime: new Date(ctx.nowIso),
    Device: device,
    InstanceId: instance.instanceId,
    State: 'attaching',
    VolumeId: volume.volumeId,
  };
});

const detachVolume = defineAction<DetachVolumeRequest, VolumeAttachment>(DetachVolume$, (ctx, input) => {
  const volume = findVolume(ctx, input.VolumeId);
  const attachment = volume.attachment;
  if (!attachment)
    throw apiError('IncorrectState', `Volume '${volume.volumeId}' is in the 'available' state.`);
  if (input.InstanceId && input.InstanceId !== attachment.instanceId) {
    throw apiError(
      'InvalidAttachment.NotFound',
      `The volume '${volume.volumeId}' is not attached to instance '${input.InstanceId}'`,
    );
  }
  if (input.Device && input.Device !== attachment.device) {
    throw apiError(
      'InvalidAttachment.NotFound',
      `The volume '${volume.volumeId}' is not attached at '${input.Device}'`,
    );
  }
  const instance = findInstance(ctx, attachment.instanceId);
  if (attachment.device === instance.rootDeviceName && instance.state !== 'stopped') {
    throw apiError(
      'IncorrectState',
      `Unable to detach root volume '${volume.volumeId}' from instance '${instance.instanceId}'`,
    );
  }
  if (attachment.state !== 'detaching') {
    attachment.state = 'detaching';
    attachment.stateSince = ctx.engine.clock.now();
  }
  attachment.force = input.Force === true;
  return {
    AttachTime: new Date(attachment.attachTime),
    Device: attachment.device,
    InstanceId: attachment.instanceId,
    State: 'detaching',
    VolumeId: volume.volumeId,
  };
});

/** EBS volume actions: describe/create/delete and attach/detach with EC2's checks. */
export const volumeActions: Record<string, ActionDefinition> = {
  DescribeVolumes: describeVolumes,
  CreateVolume: createVolume,
  DeleteVolume: deleteVolume,
  AttachVolume: attachVolume,
  DetachVolume: detachVolume,
};
