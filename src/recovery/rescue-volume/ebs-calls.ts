import {
  AttachVolumeCommand,
  CreateSnapshotCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  DetachVolumeCommand,
  ModifyInstanceAttributeCommand,
} from '@aws-sdk/client-ec2';
import type { Clock } from '../../app/clock';
import type { ResolvedAccount } from '../../aws/account-types';
import { withAwsClient, withEc2Client } from '../../aws/with-aws-client';
import { nextPollDelay } from '../engine/poll-delay';
import type { StepContext } from '../engine/recovery-step';
import type { Sleeper } from '../paths/ssm-command-poller';
import type { InstanceAddresses } from '../paths/ssh-target';
import { waitCancelledError, waitTimedOutError } from './rescue-volume-errors';

/**
 * The EC2 calls of the rescue-volume path (research §5), each one call through the app's client
 * factory, and the bounded waits between them (the injected Clock and Sleeper, a note per poll).
 * Steps decide from what these read, never from what they last sent: EC2 is the state.
 */

export interface WaitLimits {
  /** Longest wait for one transition (the first snapshot of a volume can take long). */
  maxWaitMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const defaultWaitLimits: WaitLimits = {
  maxWaitMs: 30 * 60_000,
  // Attach and detach take seconds: a second's lag would be a fifth of one.
  firstDelayMs: 500,
  maxDelayMs: 15_000,
};

export interface Ec2Target {
  account: ResolvedAccount;
  region: string;
  clock: Clock;
  sleep: Sleeper;
  limits?: Partial<WaitLimits>;
}

export interface InstanceView {
  instanceId: string;
  /** `pending`, `running`, `stopping`, `stopped`, `shutting-down`, `terminated`. */
  state: string;
  availabilityZone: string;
  rootDeviceName: string;
  rootDeviceType: string;
  /** The volume attached at RootDeviceName, with its DeleteOnTermination (null when none is). */
  root: { volumeId: string; deleteOnTermination: boolean } | null;
  /** Every device name in the instance's block device mappings. */
  devices: string[];
  addresses: InstanceAddresses;
}

export interface VolumeView {
  volumeId: string;
  /** `available`, `in-use`, `creating`, `deleting`, `deleted`, `error`. */
  state: string;
  availabilityZone: string;
  attachment: { instanceId: string; device: string; state: string } | null;
}

export interface SnapshotView {
  snapshotId: string;
  state: string;
  progress: string;
}

/** Tag on the safety snapshot: how a retry or a resume finds it instead of making a second one. */
export const recoveryTagKey = 'keyrescue:recovery';

export async function describeInstance(target: Ec2Target, instanceId: string): Promise<InstanceView | null> {
  return withEc2Client(target.account, target.region, 'DescribeInstances', async (ec2) => {
    const answer = await ec2
      .send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }))
      .catch((error: unknown) => {
        if ((error as { name?: string }).name === 'InvalidInstanceID.NotFound') return null;
        throw error;
      });
    const instance = answer?.Reservations?.[0]?.Instances?.[0];
    if (!instance) return null;
    const rootDeviceName = instance.RootDeviceName ?? '';
    const mappings = instance.BlockDeviceMappings ?? [];
    const rootMapping = mappings.find((mapping) => mapping.DeviceName === rootDeviceName);
    return {
      instanceId,
      state: instance.State?.Name ?? 'unknown',
      availabilityZone: instance.Placement?.AvailabilityZone ?? '',
      rootDeviceName,
      rootDeviceType: instance.RootDeviceType ?? 'unknown',
      root: rootMapping?.Ebs?.VolumeId
        ? {
            volumeId: rootMapping.Ebs.VolumeId,
            deleteOnTermination: rootMapping.Ebs.DeleteOnTermination === true,
          }
        : null,
      devices: mappings.map((mapping) => mapping.DeviceName ?? '').filter(Boolean),
      addresses: {
        publicIp: instance.PublicIpAddress ?? null,
        publicDns: instance.PublicDnsName ?? null,
        privateIp: instance.PrivateIpAddress ?? null,
      },
    };
  });
}

export async function describeVolume(target: Ec2Target, volumeId: string): Promise<VolumeView> {
  return withEc2Client(target.account, target.region, 'DescribeVolumes', async (ec2) => {
    const answer = await ec2.send(new DescribeVolumesCommand({ VolumeIds: [volumeId] }));
    const volume = answer.Volumes?.[0];
    const attachment = volume?.Attachments?.[0];
    return {
      volumeId,
      state: volume?.State ?? 'deleted',
      availabilityZone: volume?.AvailabilityZone ?? '',
      attachment:
        attachment?.InstanceId && attachment.Device
          ? { instanceId: attachment.InstanceId, device: attachment.Device, state: attachment.State ?? '' }
          : null,
    };
  });
}

/** "attached to i-… at /dev/xvda", "available", for sentences and errors. */
export function volumePlace(volume: VolumeView): string {
  if (!volume.attachment) return volume.state;
  const { instanceId, device, state } = volume.attachment;
  return `${state} ${state === 'attached' ? 'to' : 'at'} ${instanceId} at ${device}`;
}

export function detachVolume(target: Ec2Target, volumeId: string, instanceId: string): Promise<unknown> {
  // Never Force (research §11.4): a forced detach can lose writes the guest has not flushed.
  return withEc2Client(target.account, target.region, 'DetachVolume', (ec2) =>
    ec2.send(new DetachVolumeCommand({ VolumeId: volumeId, InstanceId: instanceId })),
  );
}

export function attachVolume(
  target: Ec2Target,
  volumeId: string,
  instanceId: string,
  device: string,
): Promise<unknown> {
  return withEc2Client(target.account, target.region, 'AttachVolume', (ec2) =>
    ec2.send(new AttachVolumeCommand({ VolumeId: volumeId, InstanceId: instanceId, Device: device })),
  );
}

export function setDeleteOnTermination(
  target: Ec2Target,
  instanceId: string,
  device: string,
  deleteOnTermination: boolean,
): Promise<unknown> {
  return withEc2Client(target.account, target.region, 'ModifyInstanceAttribute', (ec2) =>
    ec2.send(
      new ModifyInstanceAttributeCommand({
        InstanceId: instanceId,
        BlockDeviceMappings: [{ DeviceName: device, Ebs: { DeleteOnTermination: deleteOnTermination } }],
      }),
    ),
  );
}

/** The recovery's own snapshot of the volume (its tag), when one exists; the newest if several. */
export async function findRecoverySnapshot(
  target: Ec2Target,
  recoveryId: string,
  volumeId: string,
): Promise<SnapshotView | null> {
  return withEc2Client(target.account, target.region, 'DescribeSnapshots', async (ec2) => {
    const answer = await ec2.send(
      new DescribeSnapshotsCommand({
        OwnerIds: ['self'],
        Filters: [
          { Name: `tag:${recoveryTagKey}`, Values: [recoveryId] },
          { Name: 'volume-id', Values: [volumeId] },
        ],
      }),
    );
    const found = (answer.Snapshots ?? []).filter((snapshot) => snapshot.State !== 'error');
    const snapshot = found.at(-1);
    return snapshot?.SnapshotId
      ? { snapshotId: snapshot.SnapshotId, state: snapshot.State ?? '', progress: snapshot.Progress ?? '' }
      : null;
  });
}

export async function describeSnapshot(target: Ec2Target, snapshotId: string): Promise<SnapshotView> {
  return withEc2Client(target.account, target.region, 'DescribeSnapshots', async (ec2) => {
    const answer = await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] }));
    const snapshot = answer.Snapshots?.[0];
    return { snapshotId, state: snapshot?.State ?? 'deleted', progress: snapshot?.Progress ?? '' };
  });
}

/**
 * CreateSnapshot takes no ClientToken, so the recovery id is its tag: whoever creates looks for
 * the tag first (findRecoverySnapshot), and a retry finds the snapshot instead of making another.
 * One attempt only: the SDK's own retry after a lost answer could make a second snapshot, so the
 * caller retries, looking for the tag first (target-steps.ts).
 */
export async function createRecoverySnapshot(
  target: Ec2Target,
  recoveryId: string,
  volumeId: string,
  instanceId: string,
): Promise<SnapshotView> {
  return withAwsClient(
    'ec2',
    target.account,
    target.region,
    'CreateSnapshot',
    async (ec2) => {
      const answer = await ec2.send(
        new CreateSnapshotCommand({
          VolumeId: volumeId,
          Description: `KeyRescue safety snapshot of ${instanceId} root before recovery ${recoveryId}`,
          TagSpecifications: [
            {
              ResourceType: 'snapshot',
              Tags: [
                { Key: recoveryTagKey, Value: recoveryId },
                { Key: 'Name', Value: `keyrescue-${instanceId}-root` },
              ],
            },
          ],
        }),
      );
      return {
        snapshotId: answer.SnapshotId ?? '',
        state: answer.State ?? 'pending',
        progress: answer.Progress ?? '0%',
      };
    },
    { maxAttempts: 1 },
  );
}

/**
 * Polls `read` until `done` says so; each poll a note ("Snapshot 62 %… 38 s"). `fail` ends the
 * wait early (a terminated instance, a snapshot in `error`). Cancel ends it at once.
 */
export async function waitFor<T>(
  target: Ec2Target,
  ctx: StepContext,
  wait: {
    what: string;
    wanted: string;
    read: () => Promise<T>;
    done: (view: T) => boolean;
    seen: (view: T) => string;
    fail?: (view: T) => Error | null;
  },
): Promise<T> {
  const limits = { ...defaultWaitLimits, ...target.limits };
  const started = target.clock.now().getTime();
  for (;;) {
    if (ctx.signal.aborted) throw waitCancelledError(wait.what, wait.wanted);
    const view = await wait.read();
    if (wait.done(view)) return view;
    const failure = wait.fail?.(view);
    if (failure) throw failure;
    const elapsed = target.clock.now().getTime() - started;
    ctx.note(`${wait.what}: ${wait.seen(view)}… ${Math.round(elapsed / 1000)} s`);
    if (elapsed >= limits.maxWaitMs)
      throw waitTimedOutError(wait.what, wait.wanted, wait.seen(view), Math.round(limits.maxWaitMs / 1000));
    await target.sleep(nextPollDelay(limits, elapsed), ctx.signal);
  }
}
