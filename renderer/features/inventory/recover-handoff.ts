import { create } from 'zustand';

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
