import {
  GetConsoleOutput$,
  type GetConsoleOutputRequest,
  type GetConsoleOutputResult,
  DescribeInstanceAttribute$,
  ModifyInstanceAttribute$,
  type DescribeInstanceAttributeRequest,
  type InstanceAttribute,
  type ModifyInstanceAttributeRequest,
} from '@aws-sdk/client-ec2';
import { apiError } from './api-error';
import { defineAction, required, type ActionContext, type ActionDefinition } from './engine';
import { attachedVolumes, findInstance } from './lookups';
import type { InstanceRecord } from './model';
import { isValidBase64 } from './user-data';

function blockDeviceOutput(
  ctx: ActionContext,
  instance: InstanceRecord,
): InstanceAttribute['BlockDeviceMappings'] {
  return attachedVolumes(ctx.rs, instance).map((volume) => ({
    DeviceName: volume.attachment?.device,
    Ebs: {
      AttachTime: new Date(volume.attachment?.attachTime ?? instance.launchTime),
      DeleteOnTermination: volume.attachment?.deleteOnTermination,
      Status: volume.attachment?.state,
      VolumeId: volume.volumeId,
    },
  }));
}

const describeInstanceAttribute = defineAction<DescribeInstanceAttributeRequest, InstanceAttribute>(
  DescribeInstanceAttribute$,
  (ctx, input) => {
    const instance = findInstance(ctx, input.InstanceId);
    const attribute = required(input.Attribute, 'Attribute');
    const base = { InstanceId: instance.instanceId };
    switch (attribute) {
      case 'userData':
        return { ...base, UserData: instance.userData ? { Value: instance.userData } : {} };
      case 'disableApiStop':
        return { ...base, DisableApiStop: { Value: instance.disableApiStop } };
      case 'disableApiTermination':
        return { ...base, DisableApiTermination: { Value: instance.disableApiTermination } };
      case 'instanceInitiatedShutdownBehavior':
        return { ...base, InstanceInitiatedShutdownBehavior: { Value: instance.shutdownBehavior } };
      case 'instanceType':
        return { ...base, InstanceType: { Value: instance.instanceType } };
      case 'rootDeviceName':
        return { ...base, RootDeviceName: { Value: instance.rootDeviceName } };
      case 'blockDeviceMapping':
        return { ...base, BlockDeviceMappings: blockDeviceOutput(ctx, instance) };
      case 'groupSet':
        return { ...base, Groups: instance.securityGroupIds.map((groupId) => ({ GroupId: groupId })) };
      case 'sourceDestCheck':
        return { ...base, SourceDestCheck: { Value: true } };
      case 'ebsOptimized':
        return { ...base, EbsOptimized: { Value: false } };
      case 'enaSupport':
        return { ...base, EnaSupport: { Value: true } };
      default:
        throw apiError(
          'InvalidParameterValue',
          `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`,
        );
    }
  },
  { readOnly: true },
);

function requireStopped(instance: InstanceRecord, what: string): void {
  if (instance.state !== 'stopped') {
    throw apiError(
      'IncorrectInstanceState',
      `The instance '${instance.instanceId}' is not in the 'stopped' state. ${what} can only be modified while the instance is stopped.`,
    );
  }
}

function setShutdownBehavior(instance: InstanceRecord, value: string | undefined): void {
  if (value !== 'stop' && value !== 'terminate') {
    throw apiError(
      'InvalidParameterValue',
      `Value (${value ?? ''}) for parameter instanceInitiatedShutdownBehavior is invalid. Expected 'stop' or 'terminate'.`,
    );
  }
  instance.shutdownBehavior = value;
}

/** Stores user data from its raw bytes (EC2 keeps, and returns, base64 of them; empty clears it). */
function setUserData(instance: InstanceRecord, raw: Buffer): void {
  requireStopped(instance, 'User data');
  if (raw.length > 16384) throw apiError('InvalidParameterValue', 'User data is limited to 16384 bytes');
  instance.userData = raw.length > 0 ? raw.toString('base64') : undefined;
}

/**
 * `Attribute=userData` + `Value` (the AWS CLI's `--attribute userData --value` form): the string goes
 * on the wire verbatim and must already be base64 (line breaks, as `base64` writes them, allowed).
 */
function setUserDataFromBase64(instance: InstanceRecord, value: string): void {
  if (!isValidBase64(value)) throw apiError('InvalidParameterValue', 'Invalid BASE64 encoding of user data.');
  setUserData(instance, Buffer.from(value.replace(/\s+/g, ''), 'base64'));
}

function applyNamedAttribute(instance: InstanceRecord, attribute: string, value: string | undefined): void {
  switch (attribute) {
    case 'userData':
      setUserDataFromBase64(instance, value ?? '');
      return;
    case 'instanceInitiatedShutdownBehavior':
      setShutdownBehavior(instance, value);
      return;
    case 'disableApiStop':
      instance.disableApiStop = value === 'true';
      return;
    case 'disableApiTermination':
      instance.disableApiTermination = value === 'true';
      return;
    case 'instanceType':
      requireStopped(instance, 'The instance type');
      instance.instanceType = required(value, 'Value');
      return;
    default:
      throw apiError('InvalidParameterValue', `Value (${attribute}) for parameter attribute is invalid.`);
  }
}

const modifyInstanceAttribute = defineAction<ModifyInstanceAttributeRequest, object>(
  ModifyInstanceAttribute$,
  (ctx, input) => {
    const instance = findInstance(ctx, input.InstanceId);
    if (instance.state === 'terminated')
      throw apiError('IncorrectInstanceState', `The instance '${instance.instanceId}' is terminated.`);
    if (input.Attribute) applyNamedAttribute(instance, input.Attribute, input.Value);
    // The SDK base64-encodes this blob on the wire; EC2 stores (and returns) base64 of the raw bytes.
    if (input.UserData) setUserData(instance, Buffer.from(input.UserData.Value ?? new Uint8Array()));
    if (input.DisableApiStop?.Value !== undefined) instance.disableApiStop = input.DisableApiStop.Value;
    if (input.DisableApiTermination?.Value !== undefined)
      instance.disableApiTermination = input.DisableApiTermination.Value;
    if (input.InstanceInitiatedShutdownBehavior)
      setShutdownBehavior(instance, input.InstanceInitiatedShutdownBehavior.Value);
    if (input.InstanceType?.Value) {
      requireStopped(instance, 'The instance type');
      instance.instanceType = input.InstanceType.Value;
    }
    for (const mapping of input.BlockDeviceMappings ?? []) {
      const volume = attachedVolumes(ctx.rs, instance).find(
        (candidate) => candidate.attachment?.device === mapping.DeviceName,
      );
      if (!volume?.attachment) {
        throw apiError(
          'InvalidInstanceAttributeValue',
          `No device is currently mapped at ${mapping.DeviceName ?? ''}`,
        );
      }
      if (mapping.Ebs?.DeleteOnTermination !== undefined)
        volume.attachment.deleteOnTermination = mapping.Ebs.DeleteOnTermination;
    }
    if (input.Groups?.length) {
      for (const id of input.Groups) {
        if (!ctx.rs.securityGroups.some((group) => group.groupId === id))
          throw apiError('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
      }
      instance.securityGroupIds = [...input.Groups];
    }
    return {};
  },
);

const getConsoleOutput = defineAction<GetConsoleOutputRequest, GetConsoleOutputResult>(
  GetConsoleOutput$,
  (ctx, input) => {
    const instance = findInstance(ctx, input.InstanceId);
    return {
      InstanceId: instance.instanceId,
      Timestamp: new Date(instance.stateSince),
      // EC2 returns the console text base64-encoded; the SDK leaves it that way.
      Output: instance.consoleOutput ? Buffer.from(instance.consoleOutput).toString('base64') : undefined,
    };
  },
  { readOnly: true },
);

/** DescribeInstanceAttribute / ModifyInstanceAttribute (user data only while stopped, as on EC2), GetConsoleOutput. */
export const instanceAttributeActions: Record<string, ActionDefinition> = {
  GetConsoleOutput: getConsoleOutput,
  DescribeInstanceAttribute: describeInstanceAttribute,
  ModifyInstanceAttribute: modifyInstanceAttribute,
};
