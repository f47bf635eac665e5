import type { Volume } from '@aws-sdk/client-ec2';
import type { VolumeRecord } from './model';
import { tagOutput } from './tags';

/** The volume as DescribeVolumes/CreateVolume return it. */
export function volumeOutput(volume: VolumeRecord): Volume {
  return {
    VolumeId: volume.volumeId,
    Size: volume.size,
    SnapshotId: volume.snapshotId ?? '',
    AvailabilityZone: volume.availabilityZone,
    State: volume.state === 'deleted' ? 'deleted' : volume.state,
    CreateTime: new Date(volume.createTime),
    Attachments: volume.attachment
      ? [
          {
            AttachTime: new Date(volume.attachment.attachTime),
            Device: volume.attachment.device,
            InstanceId: volume.attachment.instanceId,
            State: volume.attachment.state,
            VolumeId: volume.volumeId,
            DeleteOnTermination: volume.attachment.deleteOnTermination,
          },
        ]
      : [],
    VolumeType: volume.volumeType as Volume['VolumeType'],
    Iops: 3000,
    Throughput: volume.volumeType === 'gp3' ? 125 : undefined,
    Encrypted: volume.encrypted,
    KmsKeyId: volume.encrypted ? volume.kmsKeyId : undefined,
    MultiAttachEnabled: false,
    Tags: tagOutput(volume.tags),
  };
}
