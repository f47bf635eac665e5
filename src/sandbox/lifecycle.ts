import type { TransitionEntry } from './activity-log';
import type { SandboxEngine } from './engine';
import { advanceInstanceConnectEndpoints } from './ec2-instance-connect-endpoints';
import { newPublicIp } from './instance-launch';
import { attachedVolumes } from './lookups';
import type { InstanceRecord, RegionState, VolumeAttachmentRecord } from './model';

function due(engine: SandboxEngine, since: number, durationMs: number): boolean {
  return engine.clock.now() - since >= durationMs;
}

/**
 * Does the work that makes a due transition (a boot, a hot attach) and logs it as ending at its
 * due time plus that work: the moment a client polling right then would have seen it.
 */
async function made(
  engine: SandboxEngine,
  entry: Omit<TransitionEntry, 'endedAt'>,
  dueAt: number,
  work: () => Promise<void> | void,
): Promise<void> {
  const began = engine.clock.now();
  await work();
  engine.activity.transition({ ...entry, endedAt: dueAt + (engine.clock.now() - began) });
}

/** Detaches seen held by a mounted filesystem: they end when the guest lets go, not when due. */
const heldDetaches = new WeakSet<VolumeAttachmentRecord>();

/**
 * Boots the guest OS; a guest that fails to boot (a broken filesystem, say) still leaves the
 * instance running as EC2 would, only without SSH — the API must not wedge on it.
 */
async function bootGuest(
  engine: SandboxEngine,
  region: string,
  rs: RegionState,
  instance: InstanceRecord,
): Promise<void> {
  try {
    const output = await engine.os.boot(region, rs, instance);
    // GetConsoleOutput returns the most recent 64 KB.
    instance.consoleOutput = `${instance.consoleOutput ?? ''}${output}`.slice(-65536);
  } catch (error) {
    console.error(`sandbox: ${instance.instanceId} failed to boot its guest OS: ${(error as Error).message}`);
  }
}

function enter(engine: SandboxEngine, instance: InstanceRecord, state: InstanceRecord['state']): void {
  instance.state = state;
  instance.stateSince = engine.clock.now();
}

/** Whether an instance has a timed transition to make; most at any moment have none. */
function inTransition(instance: InstanceRecord): boolean {
  return instance.state === 'running'
    ? Boolean(instance.rebootPending)
    : instance.state !== 'stopped' && instance.state !== 'terminated';
}

async function advanceInstance(
  engine: SandboxEngine,
  region: string,
  rs: RegionState,
  instance: InstanceRecord,
): Promise<boolean> {
  const { timings } = engine;
  switch (instance.state) {
    case 'pending':
      if (!due(engine, instance.stateSince, timings.pendingMs)) return false;
      await made(
        engine,
        {
          kind: 'instance',
          resourceId: instance.instanceId,
          change: 'pending→running',
          startedAt: instance.stateSince,
        },
        instance.stateSince + timings.pendingMs,
        async () => {
          if (instance.publicIpAddress === undefined && !instance.noPublicIp)
            instance.publicIpAddress = newPublicIp();
          await bootGuest(engine, region, rs, instance);
          instance.bootCount += 1;
          instance.ssmAgentOnline = true;
          enter(engine, instance, 'running');
        },
      );
      return true;
    case 'running':
      if (!instance.rebootPending) return false;
      instance.rebootPending = false;
      await engine.os.shutdown(instance);
      await bootGuest(engine, region, rs, instance);
      instance.bootCount += 1;
      return true;
    case 'stopping':
      if (!due(engine, instance.stateSince, timings.stoppingMs)) return false;
      await made(
        engine,
        {
          kind: 'instance',
          resourceId: instance.instanceId,
          change: 'stopping→stopped',
          startedAt: instance.stateSince,
        },
        instance.stateSince + timings.stoppingMs,
        async () => {
          await engine.os.shutdown(instance);
          instance.ssmAgentOnline = false;
          // A stop releases an auto-assigned public IPv4 address; an Elastic IP stays.
          if (!instance.elasticIp) instance.publicIpAddress = undefined;
          enter(engine, instance, 'stopped');
        },
      );
      return true;
    case 'shutting-down':
      if (!due(engine, instance.stateSince, timings.shuttingDownMs)) return false;
      await engine.os.shutdown(instance);
      instance.ssmAgentOnline = false;
      for (const volume of attachedVolumes(rs, instance)) {
        const attachment = volume.attachment;
        volume.attachment = undefined;
        if (attachment?.deleteOnTermination) rs.volumes.splice(rs.volumes.indexOf(volume), 1);
        else volume.state = 'available';
      }
      enter(engine, instance, 'terminated');
      return true;
    default:
      return false;
  }
}

async function advanceVolumes(engine: SandboxEngine, rs: RegionState): Promise<boolean> {
  let changed = false;
  for (const volume of [...rs.volumes]) {
    const attachment = volume.attachment;
    if (attachment?.state !== 'attaching' && attachment?.state !== 'detaching') continue;
    const instance = rs.instances.find((candidate) => candidate.instanceId === attachment.instanceId);
    const entry = {
      kind: 'attachment' as const,
      resourceId: volume.volumeId,
      startedAt: attachment.stateSince,
    };
    if (attachment.state === 'attaching' && due(engine, attachment.stateSince, engine.timings.attachMs)) {
      await made(
        engine,
        { ...entry, change: 'attaching→attached' },
        attachment.stateSince + engine.timings.attachMs,
        async () => {
          attachment.state = 'attached';
          if (instance?.state === 'running') await engine.os.hotAttach(instance, volume, attachment.device);
        },
      );
      changed = true;
    } else if (
      attachment.state === 'detaching' &&
      due(engine, attachment.stateSince, engine.timings.detachMs)
    ) {
      // Like EC2, a detach waits ("busy") while the guest still has the filesystem mounted, unless forced.
      if (instance?.state === 'running' && !attachment.force && engine.os.isMounted(instance, volume)) {
        heldDetaches.add(attachment);
        continue;
      }
      const dueAt = heldDetaches.has(attachment)
        ? engine.clock.now()
        : attachment.stateSince + engine.timings.detachMs;
      await made(engine, { ...entry, change: 'detaching→detached' }, dueAt, async () => {
        if (instance?.state === 'running') await engine.os.hotDetach(instance, volume);
        volume.attachment = undefined;
        volume.state = 'available';
      });
      changed = true;
    }
  }
  return changed;
}

function advanceSnapshots(engine: SandboxEngine, rs: RegionState): boolean {
  let changed = false;
  for (const snapshot of rs.snapshots) {
    if (snapshot.state === 'pending' && due(engine, snapshot.startedAtMs, engine.timings.snapshotMs)) {
      snapshot.state = 'completed';
      engine.activity.transition({
        kind: 'snapshot',
        resourceId: snapshot.snapshotId,
        change: 'pending→completed',
        startedAt: snapshot.startedAtMs,
        endedAt: snapshot.startedAtMs + engine.timings.snapshotMs,
      });
      changed = true;
    }
  }
  return changed;
}

function expireInstanceConnectKeys(engine: SandboxEngine, rs: RegionState): boolean {
  const before = rs.instanceConnectKeys.length;
  rs.instanceConnectKeys = rs.instanceConnectKeys.filter((key) => key.expiresAt > engine.clock.now());
  return rs.instanceConnectKeys.length !== before;
}

/**
 * Moves every timed transition whose time has come: instances (pending→running with a boot,
 * stopping→stopped, shutting-down→terminated, reboots), volume attachments and snapshots. Runs
 * before every request and on a timer, under the request mutex. Returns whether anything changed.
 */
export async function advanceTransitions(engine: SandboxEngine): Promise<boolean> {
  let changed = false;
  for (const [region, rs] of Object.entries(engine.store.state.regions)) {
    // Checked before awaiting: this runs before every request, over every instance of every region.
    for (const instance of rs.instances) {
      if (inTransition(instance) && (await advanceInstance(engine, region, rs, instance))) changed = true;
    }
    if (await advanceVolumes(engine, rs)) changed = true;
    if (advanceSnapshots(engine, rs)) changed = true;
    if (expireInstanceConnectKeys(engine, rs)) changed = true;
    if (advanceInstanceConnectEndpoints(rs, engine.clock.now(), engine.timings)) changed = true;
  }
  return changed;
}
