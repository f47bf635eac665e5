import type { StepContext } from '../engine/recovery-step';
import { stepText, type StepText } from '../journal/step-texts';
import {
  attachVolume,
  describeInstance,
  describeVolume,
  detachVolume,
  volumePlace,
  waitFor,
  type Ec2Target,
  type VolumeView,
} from './ebs-calls';
import { rescueNoFreeDeviceError, volumeElsewhereError } from './rescue-volume-errors';

/**
 * Moving the root volume between the target and the rescue instance. Each move reads where the
 * volume is first and does only what is left (a resume after a crash mid-move finds it already
 * detached, or attached, and goes on), and refuses a volume found anywhere this recovery did not
 * put it. Attach waits for the attachment's own state (`waitUntilVolumeInUse` checks only the
 * volume's, research §5.6).
 */

export interface VolumeMoveInput {
  ec2: Ec2Target;
  volumeId: string;
  instanceId: string;
  rootDeviceName: string;
  rescueInstanceId: string;
}

const onTarget = (input: VolumeMoveInput, volume: VolumeView) =>
  volume.attachment?.instanceId === input.instanceId && volume.attachment.device === input.rootDeviceName;
const onRescue = (input: VolumeMoveInput, volume: VolumeView) =>
  volume.attachment?.instanceId === input.rescueInstanceId;

function waitAvailable(input: VolumeMoveInput, ctx: StepContext): Promise<VolumeView> {
  return waitFor(input.ec2, ctx, {
    what: `Volume ${input.volumeId}`,
    wanted: 'available',
    read: () => describeVolume(input.ec2, input.volumeId),
    done: (volume) => volume.state === 'available' && !volume.attachment,
    seen: volumePlace,
  });
}

function waitAttached(input: VolumeMoveInput, instanceId: string, ctx: StepContext): Promise<VolumeView> {
  return waitFor(input.ec2, ctx, {
    what: `Volume ${input.volumeId}`,
    wanted: `attached to ${instanceId}`,
    read: () => describeVolume(input.ec2, input.volumeId),
    done: (volume) => volume.attachment?.instanceId === instanceId && volume.attachment.state === 'attached',
    seen: volumePlace,
    fail: (volume) =>
      volume.attachment && volume.attachment.instanceId !== instanceId
        ? volumeElsewhereError(input.volumeId, volumePlace(volume), `attached to ${instanceId}`)
        : null,
  });
}

/**
 * A detach or attach, and when it fails, a look at the volume: a call AWS applied whose answer was
 * lost is sent again by the SDK's retry, which meets its own effect (IncorrectState, VolumeInUse).
 * Found where the call meant it to be, the move goes on; anywhere else, the call's error stands.
 */
async function sendMove(
  input: VolumeMoveInput,
  ctx: StepContext,
  send: () => Promise<unknown>,
  arrived: (volume: VolumeView) => boolean,
): Promise<void> {
  try {
    await send();
  } catch (error) {
    const volume = await describeVolume(input.ec2, input.volumeId);
    if (!arrived(volume)) throw error;
    ctx.note(`Volume ${input.volumeId} is already ${volumePlace(volume)}: the call went through.`);
  }
}

/** Detached from `instanceId`, or on its way off it. */
const detachedFrom = (instanceId: string) => (volume: VolumeView) =>
  volume.attachment
    ? volume.attachment.instanceId === instanceId && volume.attachment.state === 'detaching'
    : volume.state === 'available';

/** Attached (or attaching) to `instanceId` at `device`. */
const attachedTo = (instanceId: string, device: string) => (volume: VolumeView) =>
  volume.attachment?.instanceId === instanceId && volume.attachment.device === device;

/** Detaches the root volume from the (stopped) target; on the rescue already counts as done. */
export async function detachFromTarget(input: VolumeMoveInput, ctx: StepContext): Promise<StepText> {
  const volume = await describeVolume(input.ec2, input.volumeId);
  if (onRescue(input, volume))
    return stepText('rescueVolume.alreadyOnRescue', {
      volumeId: input.volumeId,
      rescueId: input.rescueInstanceId,
    });
  if (!volume.attachment && volume.state === 'available')
    return stepText('rescueVolume.alreadyDetached', {
      volumeId: input.volumeId,
      instanceId: input.instanceId,
    });
  if (!onTarget(input, volume))
    throw volumeElsewhereError(
      input.volumeId,
      volumePlace(volume),
      `on ${input.instanceId} at ${input.rootDeviceName}`,
    );
  if (volume.attachment?.state !== 'detaching')
    await sendMove(
      input,
      ctx,
      () => detachVolume(input.ec2, input.volumeId, input.instanceId),
      detachedFrom(input.instanceId),
    );
  await waitAvailable(input, ctx);
  return stepText('rescueVolume.detachedRoot', {
    volumeId: input.volumeId,
    instanceId: input.instanceId,
    device: input.rootDeviceName,
  });
}

/** A device name free on the rescue instance, from /dev/sdf on (research §5.6). */
async function freeRescueDevice(input: VolumeMoveInput): Promise<string> {
  const rescue = await describeInstance(input.ec2, input.rescueInstanceId);
  const used = new Set(
    (rescue?.devices ?? []).map((device) => device.replace(/^\/dev\/(?:xvd|sd)([a-z]).*$/, '$1')),
  );
  for (const letter of 'fghijklmnop') if (!used.has(letter)) return `/dev/sd${letter}`;
  throw rescueNoFreeDeviceError(input.rescueInstanceId);
}

/** Attaches the detached volume to the rescue instance; returns the device name it got there. */
export async function attachToRescue(
  input: VolumeMoveInput,
  ctx: StepContext,
): Promise<{ text: StepText; device: string }> {
  let volume = await describeVolume(input.ec2, input.volumeId);
  if (!onRescue(input, volume)) {
    if (volume.attachment || volume.state !== 'available')
      throw volumeElsewhereError(input.volumeId, volumePlace(volume), 'available');
    const device = await freeRescueDevice(input);
    await sendMove(
      input,
      ctx,
      () => attachVolume(input.ec2, input.volumeId, input.rescueInstanceId, device),
      attachedTo(input.rescueInstanceId, device),
    );
  }
  volume = await waitAttached(input, input.rescueInstanceId, ctx);
  const device = volume.attachment?.device ?? '';
  return {
    text: stepText('rescueVolume.attachedRescue', {
      volumeId: input.volumeId,
      rescueId: input.rescueInstanceId,
      device,
    }),
    device,
  };
}

/** Detaches the volume from the rescue instance; back on the target already counts as done. */
export async function detachFromRescue(input: VolumeMoveInput, ctx: StepContext): Promise<StepText> {
  const volume = await describeVolume(input.ec2, input.volumeId);
  if (onTarget(input, volume))
    return stepText('rescueVolume.alreadyHome', { volumeId: input.volumeId, instanceId: input.instanceId });
  if (!volume.attachment && volume.state === 'available')
    return stepText('rescueVolume.notOnRescue', { volumeId: input.volumeId });
  if (!onRescue(input, volume))
    throw volumeElsewhereError(input.volumeId, volumePlace(volume), `on ${input.rescueInstanceId}`);
  if (volume.attachment?.state !== 'detaching')
    await sendMove(
      input,
      ctx,
      () => detachVolume(input.ec2, input.volumeId, input.rescueInstanceId),
      detachedFrom(input.rescueInstanceId),
    );
  await waitAvailable(input, ctx);
  return stepText('rescueVolume.detachedRescue', {
    volumeId: input.volumeId,
    rescueId: input.rescueInstanceId,
  });
}

/** Attaches the volume to the target under its RootDeviceName exactly (research §11.13). */
export async function reattachToTarget(input: VolumeMoveInput, ctx: StepContext): Promise<StepText> {
  let volume = await describeVolume(input.ec2, input.volumeId);
  // A detach from the target still going on (a crash right after it was sent) ends first.
  if (onTarget(input, volume) && volume.attachment?.state === 'detaching')
    volume = await waitAvailable(input, ctx);
  if (!onTarget(input, volume)) {
    if (volume.attachment || volume.state !== 'available')
      throw volumeElsewhereError(input.volumeId, volumePlace(volume), 'available');
    await sendMove(
      input,
      ctx,
      () => attachVolume(input.ec2, input.volumeId, input.instanceId, input.rootDeviceName),
      attachedTo(input.instanceId, input.rootDeviceName),
    );
  }
  await waitAttached(input, input.instanceId, ctx);
  return stepText('rescueVolume.reattached', {
    volumeId: input.volumeId,
    instanceId: input.instanceId,
    device: input.rootDeviceName,
  });
}

/**
 * Wherever the recovery left the volume (on the rescue, detaching, available, back home), puts it
 * back on the target at its RootDeviceName: the heart of every undo of this path.
 */
export async function returnToTarget(input: VolumeMoveInput, ctx: StepContext): Promise<string> {
  const volume = await describeVolume(input.ec2, input.volumeId);
  if (onTarget(input, volume) && volume.attachment?.state !== 'detaching') {
    if (volume.attachment?.state !== 'attached') await waitAttached(input, input.instanceId, ctx);
    return `${input.volumeId} is on ${input.instanceId} at ${input.rootDeviceName}.`;
  }
  if (onRescue(input, volume)) await detachFromRescue(input, ctx);
  await reattachToTarget(input, ctx);
  return `Put ${input.volumeId} back on ${input.instanceId} at ${input.rootDeviceName}.`;
}
