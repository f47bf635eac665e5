import { randomInt } from 'node:crypto';
import type { RunInstancesRequest } from '@aws-sdk/client-ec2';
import { apiError } from './api-error';
import type { ActionContext } from './engine';
import { newResourceId } from './ids';
import { findAmi } from './images';
import { findKeyPair } from './ec2-keypairs';
import { findSnapshot } from './lookups';
import type { InstanceRecord, SpotRequestRecord, VolumeRecord } from './model';
import { tagsFor } from './tags';
import { isValidBase64 } from './user-data';

const maxInstancesPerCall = 20;

function pickSubnet(ctx: ActionContext, input: RunInstancesRequest) {
  if (input.SubnetId) {
    const subnet = ctx.rs.subnets.find((candidate) => candidate.subnetId === input.SubnetId);
    if (!subnet)
      throw apiError('InvalidSubnetID.NotFound', `The subnet ID '${input.SubnetId}' does not exist`);
    return subnet;
  }
  const zone = input.Placement?.AvailabilityZone;
  const subnet = zone
    ? ctx.rs.subnets.find((candidate) => candidate.availabilityZone === zone)
    : ctx.rs.subnets[0];
  if (!subnet) throw apiError('InvalidParameterValue', `Invalid availability zone: [${zone ?? ''}]`);
  return subnet;
}

function securityGroupsFor(ctx: ActionContext, input: RunInstancesRequest): string[] {
  const ids = [...(input.SecurityGroupIds ?? [])];
  for (const name of input.SecurityGroups ?? []) {
    const group = ctx.rs.securityGroups.find((candidate) => candidate.groupName === name);
    if (!group)
      throw apiError(
        'InvalidGroup.NotFound',
        `The security group '${name}' does not exist in default VPC '${ctx.rs.vpcId}'`,
      );
    ids.push(group.groupId);
  }
  for (const id of ids) {
    if (!ctx.rs.securityGroups.some((group) => group.groupId === id))
      throw apiError('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
  }
  if (ids.length > 0) return ids;
  const fallback = ctx.rs.securityGroups.find((group) => group.groupName === 'default');
  return fallback ? [fallback.groupId] : [];
}

/** The ARN of the account's AWS-managed EBS key (`alias/aws/ebs`): EC2 names it for an unnamed key. */
export function defaultEbsKmsKeyArn(ctx: ActionContext): string {
  return `arn:aws:kms:${ctx.region}:${ctx.state.accountId}:key/0ebs0000-aaaa-4bbb-8ccc-${ctx.state.accountId}`;
}

function kmsKeyFor(ctx: ActionContext, ebs: { Encrypted?: boolean; KmsKeyId?: string } | undefined) {
  if (ebs?.KmsKeyId && !ebs.Encrypted)
    throw apiError(
      'InvalidParameterDependency',
      'The parameter KmsKeyId requires the parameter Encrypted to be set.',
    );
  return ebs?.Encrypted ? (ebs.KmsKeyId ?? defaultEbsKmsKeyArn(ctx)) : undefined;
}

/** The Spot request RunInstances makes for `InstanceMarketOptions: {MarketType: 'spot'}`. */
function spotRequestFor(
  ctx: ActionContext,
  input: RunInstancesRequest,
  instanceId: string,
): SpotRequestRecord | undefined {
  if (input.InstanceMarketOptions?.MarketType !== 'spot') return undefined;
  const options = input.InstanceMarketOptions.SpotOptions;
  const type = options?.SpotInstanceType === 'persistent' ? 'persistent' : 'one-time';
  const behavior = options?.InstanceInterruptionBehavior ?? 'terminate';
  // EC2: a one-time request can only terminate; stop/hibernate need a persistent request.
  if (type === 'one-time' && behavior !== 'terminate')
    throw apiError(
      'InvalidParameterCombination',
      'The instance interruption behavior stop or hibernate is only supported for persistent Spot requests.',
    );
  return {
    spotInstanceRequestId: newResourceId('sir'),
    type,
    instanceInterruptionBehavior: behavior,
    instanceId,
    createTime: ctx.nowIso,
  };
}

function privateIpIn(cidr: string): string {
  const [a, b, c] = cidr.split('.').map(Number);
  return `${a}.${b}.${(c ?? 0) + randomInt(0, 16)}.${randomInt(4, 251)}`;
}

/** A public IPv4 address that looks like one from an AWS pool. */
export function newPublicIp(): string {
  return `${[3, 18, 34, 52, 54][randomInt(0, 5)]}.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

function profileArn(ctx: ActionContext, input: RunInstancesRequest): string | undefined {
  const profile = input.IamInstanceProfile;
  if (!profile) return undefined;
  if (profile.Arn) return profile.Arn;
  if (profile.Name) return `arn:aws:iam::${ctx.state.accountId}:instance-profile/${profile.Name}`;
  return undefined;
}

/**
 * RunInstances: validates like EC2 (AMI, key pair, subnet, groups, base64 user data, counts),
 * honours ClientToken idempotency, creates root and extra EBS volumes (the root from the image's
 * filesystem), and leaves the instances `pending` for the state machine to boot.
 */
export async function launchInstances(
  ctx: ActionContext,
  input: RunInstancesRequest,
): Promise<InstanceRecord[]> {
  if (input.ClientToken) {
    const earlier = ctx.rs.instances.filter((instance) => instance.clientToken === input.ClientToken);
    if (earlier.length > 0) return earlier;
  }
  const imageId = input.ImageId;
  if (!imageId) throw apiError('MissingParameter', 'The request must contain the parameter ImageId');
  const ami = findAmi(ctx.region, imageId);
  if (!ami) throw apiError('InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`);
  const minCount = input.MinCount ?? 0;
  const maxCount = input.MaxCount ?? 0;
  if (minCount < 1 || maxCount < minCount)
    throw apiError(
      'InvalidParameterValue',
      'MinCount and MaxCount must be at least 1 and MinCount <= MaxCount',
    );
  if (minCount > maxInstancesPerCall)
    throw apiError(
      'InstanceLimitExceeded',
      `You have requested more instances (${minCount}) than your current instance limit of ${maxInstancesPerCall} allows.`,
    );
  const count = Math.min(maxCount, maxInstancesPerCall);
  const keyPair = input.KeyName ? findKeyPair(ctx, input.KeyName) : undefined;
  if (keyPair?.keyType === 'ed25519' && ami.os.platform === 'windows') {
    throw apiError(
      'InvalidParameterValue',
      'ED25519 key pairs are not supported with Windows AMIs. Choose an RSA key pair and try again.',
    );
  }
  if (input.UserData !== undefined && !isValidBase64(input.UserData))
    throw apiError('InvalidParameterValue', 'Invalid BASE64 encoding of user data.');
  if (input.UserData !== undefined && Buffer.from(input.UserData, 'base64').length > 16384) {
    throw apiError('InvalidParameterValue', 'User data is limited to 16384 bytes');
  }
  // The primary network interface may carry the subnet, the groups and AssociatePublicIpAddress.
  const primary = input.NetworkInterfaces?.find((nic) => (nic.DeviceIndex ?? 0) === 0);
  const placement: RunInstancesRequest = primary
    ? {
        ...input,
        SubnetId: input.SubnetId ?? primary.SubnetId,
        SecurityGroupIds: [...(input.SecurityGroupIds ?? []), ...(primary.Groups ?? [])],
      }
    : input;
  const noPublicIp = primary?.AssociatePublicIpAddress === false;
  const subnet = pickSubnet(ctx, placement);
  const groups = securityGroupsFor(ctx, placement);
  for (const mapping of input.BlockDeviceMappings ?? []) {
    if (mapping.Ebs?.SnapshotId) findSnapshot(ctx, mapping.Ebs.SnapshotId);
  }
  const instanceType = input.InstanceType ?? 'm1.small';
  const reservationId = newResourceId('r');
  const launched: InstanceRecord[] = [];
  for (let index = 0; index < count; index += 1) {
    const instanceId = newResourceId('i');
    const rootMapping = input.BlockDeviceMappings?.find(
      (mapping) => mapping.DeviceName === ami.os.rootDeviceName,
    );
    const volumes: { device: string; volume: VolumeRecord; deleteOnTermination: boolean }[] = [];
    const rootVolume: VolumeRecord = {
      volumeId: newResourceId('vol'),
      size: rootMapping?.Ebs?.VolumeSize ?? (ami.os.platform === 'windows' ? 30 : 8),
      volumeType: rootMapping?.Ebs?.VolumeType ?? 'gp3',
      availabilityZone: subnet.availabilityZone,
      state: 'in-use',
      createTime: ctx.nowIso,
      snapshotId: ami.snapshotId,
      encrypted: rootMapping?.Ebs?.Encrypted ?? false,
      kmsKeyId: kmsKeyFor(ctx, rootMapping?.Ebs),
      tags: tagsFor(input.TagSpecifications, 'volume'),
      filesystem: ctx.engine.os.rootFilesystemForImage(ami.os.id),
      partitioned: ami.os.partitioned,
    };
    volumes.push({
      device: ami.os.rootDeviceName,
      volume: rootVolume,
      deleteOnTermination: rootMapping?.Ebs?.DeleteOnTermination ?? true,
    });
    for (const mapping of input.BlockDeviceMappings ?? []) {
      if (mapping === rootMapping || !mapping.Ebs || !mapping.DeviceName) continue;
      const snapshot = mapping.Ebs.SnapshotId ? findSnapshot(ctx, mapping.Ebs.SnapshotId) : undefined;
      volumes.push({
        device: mapping.DeviceName,
        deleteOnTermination: mapping.Ebs.DeleteOnTermination ?? true,
        volume: {
          volumeId: newResourceId('vol'),
          size: mapping.Ebs.VolumeSize ?? snapshot?.volumeSize ?? 8,
          volumeType: mapping.Ebs.VolumeType ?? 'gp3',
          availabilityZone: subnet.availabilityZone,
          state: 'in-use',
          createTime: ctx.nowIso,
          snapshotId: snapshot?.snapshotId,
          encrypted: mapping.Ebs.Encrypted ?? snapshot?.encrypted ?? false,
          kmsKeyId: kmsKeyFor(ctx, mapping.Ebs),
          tags: tagsFor(input.TagSpecifications, 'volume'),
          filesystem: snapshot ? structuredClone(snapshot.filesystem) : ctx.engine.os.emptyFilesystem(),
          partitioned: snapshot?.partitioned ?? false,
        },
      });
    }
    if (input.HibernationOptions?.Configured && !rootVolume.encrypted)
      throw apiError(
        'InvalidParameterCombination',
        'Hibernation requires an encrypted root volume. Set Encrypted to true for the root device.',
      );
    const spotRequest = spotRequestFor(ctx, input, instanceId);
    const now = ctx.engine.clock.now();
    for (const entry of volumes) {
      entry.volume.attachment = {
        instanceId,
        device: entry.device,
        state: 'attached',
        stateSince: now,
        attachTime: ctx.nowIso,
        deleteOnTermination: entry.deleteOnTermination,
      };
      ctx.rs.volumes.push(entry.volume);
    }
    const instance: InstanceRecord = {
      instanceId,
      reservationId,
      imageId,
      instanceType,
      keyName: keyPair?.keyName,
      launchPublicKey: keyPair ? `${keyPair.publicKey} ${keyPair.keyName}` : undefined,
      state: 'pending',
      stateSince: now,
      stateTransitionReason: '',
      launchTime: ctx.nowIso,
      availabilityZone: subnet.availabilityZone,
      subnetId: subnet.subnetId,
      vpcId: ctx.rs.vpcId,
      privateIpAddress: privateIpIn(subnet.cidr),
      publicIpAddress: noPublicIp ? undefined : newPublicIp(),
      noPublicIp: noPublicIp ? true : undefined,
      elasticIp: false,
      securityGroupIds: groups,
      iamInstanceProfileArn: profileArn(ctx, input),
      rootDeviceName: ami.os.rootDeviceName,
      userData: input.UserData,
      disableApiStop: input.DisableApiStop ?? false,
      disableApiTermination: input.DisableApiTermination ?? false,
      shutdownBehavior: input.InstanceInitiatedShutdownBehavior === 'terminate' ? 'terminate' : 'stop',
      tags: tagsFor(input.TagSpecifications, 'instance'),
      clientToken: input.ClientToken,
      amiLaunchIndex: index,
      bootCount: 0,
      ssmAgentOnline: false,
      instanceLifecycle: spotRequest ? 'spot' : undefined,
      spotInstanceRequestId: spotRequest?.spotInstanceRequestId,
      hibernationConfigured: input.HibernationOptions?.Configured === true ? true : undefined,
    };
    if (spotRequest) (ctx.rs.spotRequests ??= []).push(spotRequest);
    ctx.rs.instances.push(instance);
    launched.push(instance);
  }
  return launched;
}
