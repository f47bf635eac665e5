import { create } from 'zustand';
import type { InventoryView } from '../../../src/ipc/contracts/inventory';
import type { EventPayload } from '../../../src/ipc/events';
import { api } from '../../lib/api';
import { useAccountsStore } from '../accounts/accounts-store';
import {
  allKeyPairs,
  defaultFilter,
  filterKeyPairs,
  keyPairKey,
  type InventoryFilter,
} from './inventory-filter';

export interface RegionProgressEntry {
  status: EventPayload<'inventory:progress'>['status'];
  keyPairCount?: number;
  errorCode?: string;
  errorMessage?: string;
}

export interface InventoryState {
  view: InventoryView | null;
  /** `loading`: nothing to show yet; `refreshing`: showing the cache or the last view while AWS is read. */
  status: 'idle' | 'loading' | 'refreshing' | 'ready' | 'failed';
  error: unknown;
  operationId: string | null;
  progress: { done: number; total: number } | null;
  regionProgress: Record<string, RegionProgressEntry>;
  filter: InventoryFilter;
  selectedKey: string | null;

  /** First open: accounts, then the cached view at once, then a refresh from AWS. */
  start(): Promise<void>;
  refresh(): Promise<void>;
  /** The active account (or its endpoint) changed: drop its view and read the new one. */
  accountChanged(): Promise<void>;
  /** The app changed a key pair (`keypairs:changed`): read the list again so no page shows the old one. */
  keyPairChanged(change: EventPayload<'keypairs:changed'>): Promise<void>;
  setFilter(change: Partial<InventoryFilter>): void;
  select(key: string | null): void;
  /** Applies an `inventory:progress` push of the current refresh. */
  applyProgress(payload: EventPayload<'inventory:progress'>): void;
}

/** The open details stay open only while their row is shown (not filtered away, not gone from AWS). */
function shownOrNull(key: string | null, view: InventoryView | null, filter: InventoryFilter): string | null {
  if (key === null) return null;
  return filterKeyPairs(allKeyPairs(view), filter).some((keyPair) => keyPairKey(keyPair) === key)
    ? key
    : null;
}

function newOperationId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `op-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export const useInventoryStore = create<InventoryState>((set, get) => ({
  view: null,
  status: 'idle',
  error: null,
  operationId: null,
  progress: null,
  regionProgress: {},
  filter: defaultFilter,
  selectedKey: null,

  async start() {
    if (get().status !== 'idle') return;
    set({ status: 'loading', error: null });
    try {
      const [cached] = await Promise.all([
        api.invoke('inventory:cached', {}),
        useAccountsStore.getState().load(),
      ]);
      set({
        view: cached,
        status: cached ? 'refreshing' : 'loading',
      });
    } catch (error) {
      set({ status: 'failed', error });
      return;
    }
    await get().refresh();
  },

  async refresh() {
    const operationId = newOperationId();
    set((state) => ({
      status: state.view ? 'refreshing' : 'loading',
      error: null,
      operationId,
      progress: null,
      regionProgress: {},
    }));
    void useAccountsStore.getState().loadIdentity();
    try {
      const view = await api.invoke('inventory:refresh', { operationId });
      if (get().operationId !== operationId) return; // an account switch started a newer refresh
      set((state) => ({
        view,
        status: 'ready',
        progress: null,
        selectedKey: shownOrNull(state.selectedKey, view, state.filter),
      }));
    } catch (error) {
      if (get().operationId !== operationId) return;
      set({ status: 'failed', error });
    }
  },

  async accountChanged() {
    if (get().status === 'idle') return; // never opened: start() reads the right account later
    set({
      view: null,
      selectedKey: null,
      operationId: null,
      status: 'loading',
      error: null,
      regionProgress: {},
    });
    const cached = await api.invoke('inventory:cached', {}).catch(() => null);
    set({ view: cached });
    await get().refresh();
  },

  async keyPairChanged(change) {
    if (get().status === 'idle') return; // never opened: start() reads the current list
    if (change.change === 'deleted' && get().selectedKey === keyPairKey(change)) set({ selectedKey: null });
    await get().refresh();
  },

  setFilter(change) {
    set((state) => {
      const filter = { ...state.filter, ...change };
      return { filter, selectedKey: shownOrNull(state.selectedKey, state.view, filter) };
    });
  },

  select(key) {
    set({ selectedKey: key });
  },

  applyProgress(payload) {
    if (payload.operationId !== get().operationId) return;
    set((state) => ({
      progress: { done: payload.done, total: payload.total },
      regionProgress: {
        ...state.regionProgress,
        [payload.region]: {
          status: payload.status,
          ...(payload.keyPairCount !== undefined ? { keyPairCount: payload.keyPairCount } : {}),
          ...(payload.errorCode ? { errorCode: payload.errorCode, errorMessage: payload.errorMessage } : {}),
        },
      },
    }));
  },
}));

// The inventory shows one account's key pairs: when another page switches the account, follow it.
useAccountsStore.subscribe((state, previous) => {
  if (state.generation !== previous.generation) void useInventoryStore.getState().accountChanged();
});

/**
 * Follows key pair changes made on any page (`keypairs:changed`); the shell subscribes for the app's
 * lifetime, so the inventory is never the old list, whichever page is open. Returns the unsubscribe.
 */
export function subscribeKeyPairChanges(): () => void {
  return api.on('keypairs:changed', (change) => void useInventoryStore.getState().keyPairChanged(change));
}

/** Subscribes the store to main's progress pushes; returns the unsubscribe function. */
export function subscribeInventoryProgress(): () => void {
  return api.on('inventory:progress', (payload) => useInventoryStore.getState().applyProgress(payload));
}
