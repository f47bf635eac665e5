import { create } from 'zustand';
import type { ChannelOutput } from '../../../src/ipc/contract';
import type { KeyPairEntry } from '../../../src/ipc/contracts/inventory';
import { api } from '../../lib/api';
import { useAccountsStore } from '../accounts/accounts-store';

export type DeletePreview = ChannelOutput<'keypairs:deletePreview'>;

/** The "Delete key pair" dialog: which key pair, what still names it, and the delete itself. */
export interface DeleteKeyPairState {
  /** The key pair, and the account it was shown in: the delete goes there even after a switch. */
  target: { region: string; name: string; accountId?: string } | null;
  preview: DeletePreview | null;
  error: unknown;
  busy: boolean;
  /** Opens the dialog for a key pair and reads what still uses it. */
  open(keyPair: Pick<KeyPairEntry, 'region' | 'name'>): Promise<void>;
  close(): void;
  /** Deletes the key pair (main checks `confirmName` again); true when it is gone. */
  confirm(confirmName: string): Promise<boolean>;
}

const closed = { target: null, preview: null, error: null, busy: false };

const sameTarget = (a: DeleteKeyPairState['target'], b: DeleteKeyPairState['target']) =>
  a !== null && b !== null && a.region === b.region && a.name === b.name;

export const useDeleteKeyPairStore = create<DeleteKeyPairState>((set, get) => ({
  ...closed,

  async open({ region, name }) {
    const accountId = useAccountsStore.getState().activeId;
    const target = { region, name, ...(accountId ? { accountId } : {}) };
    set({ ...closed, target });
    try {
      const preview = await api.invoke('keypairs:deletePreview', target);
      if (sameTarget(get().target, target)) set({ preview });
    } catch (error) {
      if (sameTarget(get().target, target)) set({ error });
    }
  },

  close() {
    set(closed);
  },

  async confirm(confirmName) {
    const target = get().target;
    if (!target) return false;
    set({ busy: true, error: null });
    try {
      await api.invoke('keypairs:delete', { ...target, confirmName });
    } catch (error) {
      set({ busy: false, error });
      return false;
    }
    set(closed);
    return true;
  },
}));
