import { create } from 'zustand';
import type { KeyPairEntry } from '../../../src/ipc/contracts/inventory';

/** One instance the user wants to regain access to, as the inventory knows it. */
export interface RecoverTarget {
  region: string;
  instanceId: string;
  instanceName: string | null;
  keyName: string;
}

interface RecoverHandoffState {
  /** Instances chosen with "Recover access…" in the inventory; the Recover page takes them. */
  targets: RecoverTarget[];
  request(targets: RecoverTarget[]): void;
  /** The Recover page calls this once it has read the targets. */
  take(): RecoverTarget[];
}

/**
 * Hands instances from the inventory to the Recover page ("Recover access…"): the inventory writes
 * the targets and navigates; the Recover page reads them with `take()`.
 */
export const useRecoverHandoff = create<RecoverHandoffState>((set, get) => ({
  targets: [],
  request: (targets) => set({ targets }),
  take: () => {
    const { targets } = get();
    set({ targets: [] });
    return targets;
  },
}));

/** Every instance of the at-risk key pairs, as Recover targets (the at-risk banner's hand-off). */
export function atRiskTargets(keyPairs: KeyPairEntry[]): RecoverTarget[] {
  return keyPairs
    .filter((keyPair) => keyPair.atRisk)
    .flatMap((keyPair) =>
      keyPair.instances.map((instance) => ({
        region: keyPair.region,
        instanceId: instance.id,
        instanceName: instance.name,
        keyName: keyPair.name,
      })),
    );
}
