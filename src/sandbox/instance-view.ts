import type { Instance, InstanceState } from '@aws-sdk/client-ec2';
import type { ActionContext } from './engine';
import { findAmi } from './images';
import { attachedVolumes } from './lookups';
import type { InstanceRecord, InstanceStateName, RegionState } from './model';
import { tagOutput } from './tags';

const stateCodes: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

/** `{Code, Name}` as EC2 reports an instance state. */
export function stateOutput(name: InstanceStateName): InstanceState {
  return { Code: stateCodes[name], Name: name };
}

function dnsSuffix(region: string): string {
  return region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`;
}

/** ip-172-31-1-2.ec2.internal */
export function privateDnsName(region: string, ip: string): string {
  return `ip-${ip.replace(/\./g, '-')}.${dnsSuffix(region)}`;
}

function publicDnsName(region: string, ip: string): string {
  return region === 'us-east-1'
    ? `ec2-${ip.replace(/\./g, '-')}.compute-1.amazonaws.com`
    : `ec2-${ip.replace(/\./g, '-')}.${region}.compute.amazonaws.com`;
}

/** The instance as DescribeInstances/RunInstances return it: every field KeyRescue reads. */
export function instanceOutput(ctx: ActionContext, rs: RegionState, instance: InstanceRecord): Instance {
  const ami = findAmi(ctx.region, instance.imageId);
  const windows = ami?.os.platform === 'windows';
  const gone = instance.state === 'terminated';
  const hasPublic = instance.publicIpAddress !== undefined && !gone;
  return {
    InstanceId: instance.instanceId,
    ImageId: instance.imageId,
    State: stateOutput(instance.state),
    PrivateDnsName: gone ? '' : privateDnsName(ctx.region, instance.privateIpAddress),
    PublicDnsName: hasPublic ? publicDnsName(ctx.region, instance.publicIpAddress as string) : '',
    StateTransitionReason: instance.stateTransitionReason,
    StateReason:
      instance.hibernated && (instance.state === 'stopped' || instance.state === 'stopping')
        ? {
            Code: 'Client.UserInitiatedHibernate',
            Message: 'Client.UserInitiatedHibernate: User initiated hibernate',
          }
        : instance.state === 'stopped' || instance.state === 'stopping'
          ? {
              Code: 'Client.UserInitiatedShutdown',
              Message: 'Client.UserInitiatedShutdown: User initiated shutdown',
            }
          : instance.state === 'terminated' || instance.state === 'shutting-down'
            ? {
                Code: 'Client.UserInitiatedShutdown',
                Message: 'Client.UserInitiatedShutdown: User initiated shutdown',
              }
            : undefined,
    KeyName: instance.keyName,
    AmiLaunchIndex: instance.amiLaunchIndex,
    InstanceType: instance.instanceType as Instance['InstanceType'],
    LaunchTime: new Date(instance.launchTime),
    Placement: { AvailabilityZone: instance.availabilityZone, GroupName: '', Tenancy: 'default' },
    // The wire value is lower-case 'windows' (the SDK's enum type says 'Windows').
    Platform: windows ? ('windows' as Instance['Platform']) : undefined,
    PlatformDetails: ami?.os.platformDetails ?? 'Linux/UNIX',
    UsageOperation: windows ? 'RunInstances:0002' : 'RunInstances',
    Monitoring: { State: 'disabled' },
    SubnetId: gone ? undefined : instance.subnetId,
    VpcId: gone ? undefined : instance.vpcId,
    PrivateIpAddress: gone ? undefined : instance.privateIpAddress,
    PublicIpAddress: hasPublic ? instance.publicIpAddress : undefined,
    Architecture: 'x86_64',
    RootDeviceType: instance.rootDeviceType ?? 'ebs',
    RootDeviceName: instance.rootDeviceName,
    // Only EBS volumes are listed (an instance-store root is not an EBS mapping).
    BlockDeviceMappings: gone
      ? []
      : attachedVolumes(rs, instance)
          .filter(
            (volume) => !(instance.rootDeviceType && volume.attachment?.device === instance.rootDeviceName),
          )
          .map((volume) => ({
            DeviceName: volume.attachment?.device,
            Ebs: {
              AttachTime: new Date(volume.attachment?.attachTime ?? instance.launchTime),
              DeleteOnTermination: volume.attachment?.deleteOnTermination,
              Status: volume.attachment?.state,
              VolumeId: volume.volumeId,
            },
          })),
    VirtualizationType: 'hvm',
    Hypervisor: 'xen',
    EbsOptimized: false,
    EnaSupport: true,
    SourceDestCheck: true,
    ClientToken: instance.clientToken ?? '',
    SecurityGroups: gone
      ? []
      : instance.securityGroupIds.map((groupId) => ({
          GroupId: groupId,
          GroupName: rs.securityGroups.find((group) => group.groupId === groupId)?.groupName ?? '',
        })),
    IamInstanceProfile: instance.iamInstanceProfileArn
      ? { Arn: instance.iamInstanceProfileArn, Id: 'AIPASANDBOXPROFILE01' }
      : undefined,
    InstanceLifecycle: instance.instanceLifecycle,
    SpotInstanceRequestId: instance.spotInstanceRequestId,
    ProductCodes: (instance.productCodes ?? []).map((code) => ({
      ProductCodeId: code,
      ProductCodeType: 'marketplace' as const,
    })),
    Tags: tagOutput(instance.tags),
    HibernationOptions: { Configured: instance.hibernationConfigured === true },
    MetadataOptions: {
      State: 'applied',
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 2,
      HttpEndpoint: 'enabled',
      InstanceMetadataTags: 'disabled',
    },
    EnclaveOptions: { Enabled: false },
    CpuOptions: { CoreCount: 1, ThreadsPerCore: 2 },
    BootMode: 'uefi-preferred',
    CurrentInstanceBootMode: 'legacy-bios',
  };
}
