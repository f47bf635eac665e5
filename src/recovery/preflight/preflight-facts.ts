/**
 * What preflight learned about an instance, in plain values the planner decides on. `null` means
 * "could not be found out" (denied or failed); the matching finding says why.
 */

/** A mutating EC2 call a recovery path needs, probed with DryRun. */
export const probedActions = [
  'AuthorizeSecurityGroupIngress',
  'StopInstances',
  'StartInstances',
  'ModifyInstanceAttribute',
  'CreateSnapshot',
  'DetachVolume',
] as const;
export type ProbedAction = (typeof probedActions)[number];

/** Calls with no DryRun: known only by trying. */
export const untestableActions = ['ssm:SendCommand', 'ec2-instance-connect:SendSSHPublicKey'] as const;

export type PermissionState = 'allowed' | 'denied' | 'unknown';

export interface InstanceFacts {
  state: string;
  platform: 'linux' | 'windows';
  platformDetails: string;
  rootDeviceType: 'ebs' | 'instance-store';
  rootDeviceName: string | null;
  /** The root volume's id (from the block device mappings), for the DetachVolume probe. */
  rootVolumeId: string | null;
  availabilityZone: string | null;
  subnetId: string | null;
  /** The instance's VPC (optional: facts recorded before it was read have none). */
  vpcId?: string | null;
  /** `normal` (on-demand) or EC2's InstanceLifecycle (`spot`, `scheduled`, `capacity-block`). */
  lifecycle: string;
  autoScalingGroup: string | null;
  hibernated: boolean;
  publicIp: string | null;
  publicDns: string | null;
  privateIp: string | null;
  ipv6Addresses: string[];
  imdsEnabled: boolean;
  imdsTokens: 'optional' | 'required' | null;
  keyName: string | null;
  imageId: string | null;
  hasInstanceProfile: boolean;
  securityGroupIds: string[];
  /** Operator.Managed: a service owns the instance (refuse). */
  managedBy: string | null;
  instanceType: string | null;
  /** SpotInstanceRequestId, for DescribeSpotInstanceRequests (persistent or one-time). */
  spotRequestId: string | null;
  /** Marketplace product codes of the instance (its root volume carries them: no second-disk attach). */
  marketplaceCodes: string[];
  /** Every attached EBS volume (root first), for DescribeVolumes (encryption). */
  ebsVolumeIds: string[];
}

/** Instance store volumes the instance type brings (erased at a stop); from DescribeInstanceTypes. */
export interface InstanceStoreFacts {
  count: number;
  totalSizeGb: number;
}

export interface EncryptedVolumeFacts {
  volumeId: string;
  root: boolean;
  /** The KMS key ARN (or id) DescribeVolumes names; null when it names none. */
  kmsKeyId: string | null;
}

export type ImageFamily =
  | 'amazonLinux2023'
  | 'amazonLinux2'
  | 'amazonLinux1'
  | 'ubuntu'
  | 'debian'
  | 'rhel'
  | 'centos'
  | 'rocky'
  | 'alma'
  | 'fedora'
  | 'suse'
  | 'oracle'
  | 'bitnami'
  | 'freebsd'
  | 'windows'
  | 'unknown';

export interface ImageFacts {
  name: string;
  ownerId: string;
  description: string;
  family: ImageFamily;
  /** Ubuntu's version (`24.04`), Amazon Linux 2's build date (`20190618`), when the name says. */
  version: string | null;
}

export type Port22State =
  | { kind: 'open'; cidr: string; groupId: string; address: string | null }
  | { kind: 'closed'; address: string }
  | { kind: 'unknown'; reason: 'noAddress' | 'prefixList' | 'unreadable' };

export type NaclState =
  | { kind: 'allows'; aclId: string }
  | { kind: 'deniesInbound'; aclId: string; ruleNumber: number }
  | { kind: 'deniesReturn'; aclId: string; ruleNumber: number }
  | { kind: 'unknown' };

export interface SsmFacts {
  managed: boolean;
  pingStatus: string | null;
  agentVersion: string | null;
}

export type SavedKeyState = 'present' | 'absent' | 'unknown' | 'notApplicable';

export interface PreflightFacts {
  instanceId: string;
  region: string;
  /** null: the instance does not exist (or could not be read at all). */
  instance: InstanceFacts | null;
  instanceNotFound: boolean;
  stopProtection: boolean | null;
  /** The Spot request's type; null when not Spot or not readable. */
  spotRequestType: 'persistent' | 'one-time' | null;
  /** null: unknown (not read, or denied). */
  instanceStore: InstanceStoreFacts | null;
  /** The encrypted ones among the instance's EBS volumes; null: unknown. */
  encryptedVolumes: EncryptedVolumeFacts[] | null;
  terminationProtection: boolean | null;
  shutdownBehavior: 'stop' | 'terminate' | null;
  elasticIp: boolean | null;
  image: ImageFacts | null;
  targetUser: string | null;
  port22: Port22State;
  nacl: NaclState;
  ssm: SsmFacts | null;
  /** Whether the image family ships ec2-instance-connect: yes, no or unknown. */
  eicPackage: 'yes' | 'no' | 'unknown';
  permissions: Record<ProbedAction, PermissionState>;
  savedKeyPair: SavedKeyState;
  savedEc2rl: SavedKeyState;
}
