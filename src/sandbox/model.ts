/**
 * The sandbox account's persisted state. Everything here is plain JSON so the store can write it
 * atomically and read it back after a restart (or a kill -9).
 */

/** Opaque JSON-serialisable filesystem snapshot owned by the sandbox OS module. */
export type FilesystemJson = unknown;

export interface TagRecord {
  Key: string;
  Value: string;
}

export interface KeyPairRecord {
  keyPairId: string;
  keyName: string;
  keyType: 'rsa' | 'ed25519';
  fingerprint: string;
  /** OpenSSH public key line, as EC2 returns with IncludePublicKey. */
  publicKey: string;
  createTime: string;
  tags: TagRecord[];
}

export type InstanceStateName =
  'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';

export interface InstanceRecord {
  instanceId: string;
  reservationId: string;
  imageId: string;
  instanceType: string;
  keyName?: string;
  /** Public key of the key pair at launch: what cloud-init installs on first boot. */
  launchPublicKey?: string;
  state: InstanceStateName;
  /** Clock time (ms) the current state began, for timed transitions. */
  stateSince: number;
  stateTransitionReason: string;
  launchTime: string;
  availabilityZone: string;
  subnetId: string;
  vpcId: string;
  privateIpAddress: string;
  /** Kept while stopped only when `elasticIp` (a stop releases an auto-assigned public IP). */
  publicIpAddress?: string;
  /** Launched with AssociatePublicIpAddress=false: never gets a public IPv4 address (a private instance). */
  noPublicIp?: boolean;
  elasticIp: boolean;
  securityGroupIds: string[];
  iamInstanceProfileArn?: string;
  rootDeviceName: string;
  /** Base64, exactly as AWS stores it. */
  userData?: string;
  disableApiStop: boolean;
  disableApiTermination: boolean;
  shutdownBehavior: 'stop' | 'terminate';
  tags: TagRecord[];
  clientToken?: string;
  amiLaunchIndex: number;
  /** Number of completed boots; 0 until first boot (cloud-init "first boot" is bootCount 0 → 1). */
  bootCount: number;
  /** Non-volume OS state (cloud-init semaphores etc. live on the root volume's filesystem). */
  ssmAgentOnline: boolean;
  /** Spot etc., shown as InstanceLifecycle. */
  instanceLifecycle?: 'spot';
  /** The Spot request the instance came from (`sir-…`; see RegionState.spotRequests). */
  spotInstanceRequestId?: string;
  /** HibernationOptions.Configured at launch. */
  hibernationConfigured?: boolean;
  /** Stopped by StopInstances Hibernate=true (StateReason Client.UserInitiatedHibernate) until started. */
  hibernated?: boolean;
  /** Launched from an instance-store AMI (test fixture: the sandbox has none). */
  rootDeviceType?: 'instance-store';
  /** Marketplace product codes of the image it was launched from (test fixture). */
  productCodes?: string[];
  /** Serial console text of the boots so far (cloud-init output, host key fingerprints). */
  consoleOutput?: string;
  /** Reboot requested: the instance reboots (user data per-boot parts run) on the next tick. */
  rebootPending?: boolean;
}

export type VolumeStateName = 'creating' | 'available' | 'in-use' | 'deleting' | 'deleted';

export interface VolumeAttachmentRecord {
  instanceId: string;
  device: string;
  state: 'attaching' | 'attached' | 'detaching';
  stateSince: number;
  attachTime: string;
  deleteOnTermination: boolean;
  /** DetachVolume Force: detach even while the guest has it mounted. */
  force?: boolean;
}

export interface VolumeRecord {
  volumeId: string;
  size: number;
  volumeType: string;
  availabilityZone: string;
  state: VolumeStateName;
  createTime: string;
  snapshotId?: string;
  encrypted: boolean;
  /** The KMS key ARN of an encrypted volume (the account's aws/ebs key when none was named). */
  kmsKeyId?: string;
  attachment?: VolumeAttachmentRecord;
  tags: TagRecord[];
  /** The filesystem on the volume (the OS module's JSON form); null for a blank volume. */
  filesystem: FilesystemJson;
  /** Has a partition table (root volumes and copies of them): the guest sees …p1 / …1. */
  partitioned?: boolean;
}

export interface SnapshotRecord {
  snapshotId: string;
  volumeId: string;
  volumeSize: number;
  state: 'pending' | 'completed';
  startTime: string;
  startedAtMs: number;
  description: string;
  encrypted: boolean;
  tags: TagRecord[];
  filesystem: FilesystemJson;
  partitioned?: boolean;
}

export interface SsmInvocationRecord {
  commandId: string;
  instanceId: string;
  documentName: string;
  comment?: string;
  commands: string[];
  requestedDateTime: string;
  status: 'Pending' | 'InProgress' | 'Success' | 'Failed' | 'TimedOut' | 'Cancelling' | 'Cancelled';
  /** SSM's finer status (`ExecutionTimedOut`, `Cancelled`); the status itself when absent (older state files). */
  statusDetails?: string;
  /** The document's `executionTimeout` in seconds (AWS-RunShellScript's default is 3600). */
  executionTimeoutSeconds?: number;
  responseCode: number;
  stdout: string;
  stderr: string;
  executionStartDateTime?: string;
  executionEndDateTime?: string;
}

export interface InstanceConnectKeyRecord {
  instanceId: string;
  osUser: string;
  publicKey: string;
  expiresAt: number;
}

export type InstanceConnectEndpointState =
  'create-in-progress' | 'create-complete' | 'delete-in-progress' | 'delete-complete';

/** An EC2 Instance Connect Endpoint: one network interface in a subnet, reached by OpenTunnel. */
export interface InstanceConnectEndpointRecord {
  /** `eice-…` */
  endpointId: string;
  subnetId: string;
  availabilityZone: string;
  securityGroupIds: string[];
  preserveClientIp: boolean;
  /** The endpoint's network interface address in its subnet (the source the instance sees). */
  privateIpAddress: string;
  networkInterfaceId: string;
  /** `<id>.<hash>.ec2-instance-connect-endpoint.<region>.amazonaws.com` */
  dnsName: string;
  fipsDnsName: string;
  state: InstanceConnectEndpointState;
  /** Clock time (ms) the current state began, for timed transitions. */
  stateSince: number;
  createdAt: string;
  clientToken?: string;
  tags: TagRecord[];
}

/** One launch template version: only the launch data the sandbox uses (key, image, type). */
export interface LaunchTemplateVersionRecord {
  versionNumber: number;
  versionDescription?: string;
  createTime: string;
  data: { keyName?: string; imageId?: string; instanceType?: string };
}

export interface LaunchTemplateRecord {
  launchTemplateId: string;
  launchTemplateName: string;
  createTime: string;
  createdBy: string;
  defaultVersion: number;
  versions: LaunchTemplateVersionRecord[];
  tags: TagRecord[];
}

/** A Spot request made by RunInstances InstanceMarketOptions (one per Spot instance). */
export interface SpotRequestRecord {
  spotInstanceRequestId: string;
  type: 'one-time' | 'persistent';
  instanceInterruptionBehavior: 'terminate' | 'stop' | 'hibernate';
  instanceId: string;
  createTime: string;
}

export interface RegionState {
  keyPairs: KeyPairRecord[];
  /** Optional: state files written before Spot requests existed have none. */
  spotRequests?: SpotRequestRecord[];
  /** Optional: state files written before launch templates existed have none. */
  launchTemplates?: LaunchTemplateRecord[];
  instances: InstanceRecord[];
  volumes: VolumeRecord[];
  snapshots: SnapshotRecord[];
  invocations: SsmInvocationRecord[];
  instanceConnectKeys: InstanceConnectKeyRecord[];
  /** Optional: state files written before Instance Connect Endpoints existed have none. */
  instanceConnectEndpoints?: InstanceConnectEndpointRecord[];
  vpcId: string;
  subnets: { subnetId: string; availabilityZone: string; cidr: string }[];
  securityGroups: SecurityGroupRecord[];
  /** SSM Parameter Store; optional: state files written before parameters existed have none. */
  parameters?: SsmParameterRecord[];
}

/** One Parameter Store parameter (the sandbox keeps SecureString values as given; it has no KMS). */
export interface SsmParameterRecord {
  name: string;
  type: 'String' | 'StringList' | 'SecureString';
  value: string;
  version: number;
  lastModified: string;
  description?: string;
}

/** One inbound rule of a security group, as EC2 counts them (one source per rule). */
export interface IngressRuleRecord {
  /** `sgr-…`; state files written before rule ids existed get one on load (see security-group-rules.ts). */
  ruleId?: string;
  /** 'tcp' | 'udp' | 'icmp' | '-1' (all traffic, any port). */
  protocol: string;
  fromPort?: number;
  toPort?: number;
  /** IPv4 CIDRs. Rules made through the API or the seed hold exactly one; older files may hold several. */
  cidrs: string[];
  description?: string;
  tags?: TagRecord[];
}

export interface SecurityGroupRecord {
  groupId: string;
  groupName: string;
  description: string;
  ingress: IngressRuleRecord[];
}

/** Temporary credentials from STS AssumeRole, accepted (with their session token) until they expire. */
export interface RoleSessionRecord {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO time the credentials stop working. */
  expiration: string;
  roleName: string;
  roleId: string;
  sessionName: string;
}

export interface SandboxState {
  version: 1;
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Actions for which the caller lacks permission (DryRun → UnauthorizedOperation, real call → 403). */
  deniedActions: string[];
  regions: Record<string, RegionState>;
  /** Optional: state files written before AssumeRole existed have none. */
  roleSessions?: RoleSessionRecord[];
}
