import { create } from 'zustand';
import { api } from '../../lib/api';
import type { DeletePreview } from '../inventory/delete-key-pair-store';

/** The old key pair whose delete the cleanup screen previews, in the account the recovery pinned. */
export interface PreviewTarget {
  region: string;
  name: string;
  accountId?: string;
}

/**
 * The cleanup screen's delete preview of the old key pair (the same `keypairs:deletePreview` the
 * inventory's delete dialog reads): what still names it, and the key pair id the cleanup may delete.
 */
export interface CleanupPreviewState {
  target: PreviewTarget | null;
  preview: DeletePreview | null;
  error: unknown;
  /** Reads (or reads again) what still names the key pair. */
  load(target: PreviewTarget): Promise<void>;
  reset(): void;
}

/** Which read is the newest: reading again drops an older answer for the same key pair. */
let generation = 0;

const none = { target: null, preview: null, error: null } satisfies Partial<CleanupPreviewState>;

export const samePreviewTarget = (a: PreviewTarget | null, b: PreviewTarget | null): boolean =>
  a !== null && b !== null && a.region === b.region && a.name === b.name && a.accountId === b.accountId;

export const useCleanupPreviewStore = create<CleanupPreviewState>((set) => ({
  ...none,

  async load(target) {
    const read = ++generation;
    set({ target, preview: null, error: null });
    try {
      const preview = await api.invoke('keypairs:deletePreview', target);
      // Read again, or another key pair asked for meanwhile: this answer is not the one shown.
      if (read === generation) set({ preview });
    } catch (error) {
      if (read === generation) set({ error });
    }
  },

  reset() {
    generation++;
    set({ ...none });
  },
}));
