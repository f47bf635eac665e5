import {
  DescribeImages$,
  type DescribeImagesRequest,
  type DescribeImagesResult,
  type Image,
} from '@aws-sdk/client-ec2';
import { apiError } from './api-error';
import { defineAction, type ActionDefinition } from './engine';
import { applyFilters } from './filters';
import { amisOf, type SandboxAmi } from './images';
import { paginate } from './pagination';

function imageOutput(ami: SandboxAmi): Image {
  const windows = ami.os.platform === 'windows';
  return {
    ImageId: ami.imageId,
    Name: ami.os.name,
    Description: ami.os.description,
    OwnerId: ami.ownerId,
    ImageOwnerAlias: ami.ownerAlias,
    State: 'available',
    Public: true,
    Architecture: ami.os.architecture,
    Platform: windows ? ('windows' as Image['Platform']) : undefined,
    PlatformDetails: ami.os.platformDetails,
    UsageOperation: windows ? 'RunInstances:0002' : 'RunInstances',
    ImageType: 'machine',
    RootDeviceName: ami.os.rootDeviceName,
    RootDeviceType: 'ebs',
    VirtualizationType: 'hvm',
    Hypervisor: 'xen',
    EnaSupport: true,
    CreationDate: ami.creationDate,
    BlockDeviceMappings: [
      {
        DeviceName: ami.os.rootDeviceName,
        Ebs: {
          SnapshotId: ami.snapshotId,
          VolumeSize: windows ? 30 : 8,
          VolumeType: 'gp3',
          DeleteOnTermination: true,
          Encrypted: false,
        },
      },
    ],
  };
}

const describeImages = defineAction<DescribeImagesRequest, DescribeImagesResult>(
  DescribeImages$,
  (ctx, input) => {
    let amis = [...amisOf(ctx.region)];
    if (input.ImageIds?.length) {
      const missing = input.ImageIds.filter((id) => !amis.some((ami) => ami.imageId === id));
      if (missing.length)
        throw apiError('InvalidAMIID.NotFound', `The image id '[${missing.join(', ')}]' does not exist`);
      amis = amis.filter((ami) => input.ImageIds?.includes(ami.imageId));
    }
    if (input.Owners?.length) {
      amis = amis.filter((ami) =>
        input.Owners?.some((owner) => owner === ami.ownerId || owner === ami.ownerAlias),
      );
    }
    amis = applyFilters(amis, input.Filters, {
      'image-id': (ami) => [ami.imageId],
      name: (ami) => [ami.os.name],
      description: (ami) => [ami.os.description],
      'owner-id': (ami) => [ami.ownerId],
      'owner-alias': (ami) => [ami.ownerAlias],
      platform: (ami) => [ami.os.platform === 'windows' ? 'windows' : undefined],
      'platform-details': (ami) => [ami.os.platformDetails],
      architecture: (ami) => [ami.os.architecture],
      state: () => ['available'],
      'root-device-type': () => ['ebs'],
      'virtualization-type': () => ['hvm'],
      'is-public': () => ['true'],
    });
    const { page, nextToken } = paginate(amis, input, { min: 5, max: 1000 });
    return { Images: page.map(imageOutput), NextToken: nextToken };
  },
  { readOnly: true },
);

/** EC2 image actions. */
export const imageActions: Record<string, ActionDefinition> = { DescribeImages: describeImages };
