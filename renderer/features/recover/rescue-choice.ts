import type { InventoryView } from '../../../src/ipc/contracts/inventory';
import type { RecoverTarget } from '../inventory/recover-handoff';

// The rescue-volume path's rescue instance, from what the inventory already read: the root volume
// can only be attached in the target's own Availability Zone, to an instance that runs scripts.

export interface RescueCandidate {
  instanceId: string;
  instanceName: string | null;
  availabilityZone: string;
}

interface SeenInstance {
  id: string;
  name: string | null;
  state: string;
  platform: string | null;
  availabilityZone: string | null;
}

function instancesIn(view: InventoryView | null, region: string): SeenInstance[] {
  const found = view?.regions.find((entry) => entry.region === region);
  if (!found) return [];
  const byId = new Map<string, SeenInstance>();
  for (const keyPair of found.keyPairs)
    for (const instance of keyPair.instances) byId.set(instance.id, instance);
  for (const orphan of found.orphanInstances) byId.set(orphan.id, orphan);
  return [...byId.values()];
}

/** The target's Availability Zone as the inventory saw it (null: not known). */
export function targetZone(view: InventoryView | null, target: RecoverTarget | null): string | null {
  if (!target) return null;
  return (
    instancesIn(view, target.region).find((seen) => seen.id === target.instanceId)?.availabilityZone ?? null
  );
}

/**
 * Instances that can be the rescue: running Linux instances in the target's zone, other than the
 * target, by name. Main checks again (zone, state, reachability) before anything stops.
 */
export function rescueCandidates(
  view: InventoryView | null,
  target: RecoverTarget | null,
): RescueCandidate[] {
  const zone = targetZone(view, target);
  if (!target || !zone) return [];
  return instancesIn(view, target.region)
    .filter(
      (seen) =>
        seen.id !== target.instanceId &&
        seen.availabilityZone === zone &&
        seen.state === 'running' &&
        !/windows/i.test(seen.platform ?? ''),
    )
    .map((seen) => ({ instanceId: seen.id, instanceName: seen.name, availabilityZone: zone }))
    .sort((a, b) => (a.instanceName ?? a.instanceId).localeCompare(b.instanceName ?? b.instanceId));
}

/** The rescue-volume path's steps as the engine runs them (src/recovery/rescue-volume/rescue-volume-path.ts). */
export const rescueVolumeSteps = [
  'record-root',
  'rescue-probe',
  'snapshot-root',
  'stop-target',
  'detach-root',
  'attach-rescue',
  'rescue-edit',
  'detach-rescue',
  'reattach-root',
  'restore-delete-on-termination',
  'start-target',
  'verify',
] as const;
