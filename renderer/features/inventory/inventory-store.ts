import { create } from 'zustand';
import type { InventoryView } from '../../../src/ipc/contracts/inventory';
import type { OperationProgress } from '../../../src/ipc/contracts/operations';
import type { EventPayload } from '../../../src/ipc/events';
import { runOperation } from '../../../src/ipc/operations/run-operation';
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
  status: 'loading' | 'done' | 'error';
  keyPairCount?: number;
  errorCode?: string;
  errorMessage?: string;
}

export interface InventoryState {
  view: InventoryView | null;
  /** `loading`: nothing to show yet; `refreshing`: showing the cache or the last view while AWS is read. */
  status: 'idle' | 'loading' | 'refreshing' | 'ready' | 'failed';
  error: unknown;
  /** The running refresh's operation (null until its start call answered). */
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
  /** Applies a progress entry of the current refresh: each region is a step. */
  applyProgress(entry: OperationProgress): void;
}

/** The open details stay open only while their row is shown (not filtered away, not gone from AWS). */
function shownOrNull(key: string | null, view: InventoryView | null, filter: InventoryFilter): string | null {
  if (key === null) return null;
  return filterKeyPairs(allKeyPairs(view), filter).some((keyPair) => keyPairKey(keyPair) === key)
    ? key
    : null;
}

/** Which refresh is the newest: an account switch starts another, and the older one's answer is dropped. */
let refreshGeneration = 0;

/** A region step's entry as the region list shows it. */
const regionStatusOf: Partial<Record<OperationProgress['kind'], RegionProgressEntry['status']>> = {
  step: 'loading',
  stepDone: 'done',
  stepFailed: 'error',
};

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
    const generation = ++refreshGeneration;
    const current = () => generation === refreshGeneration;
    set((state) => ({
      status: state.view ? 'refreshing' : 'loading',
      error: null,
      operationId: null,
      progress: null,
      regionProgress: {},
    }));
    void useAccountsStore.getState().loadIdentity();
    // Named, so main reads the account this page shows even if the selection changes meanwhile.
    const accountId = useAccountsStore.getState().activeId;
    const start = () => api.invoke('inventory:refresh', accountId ? { accountId } : {});
    try {
      const view = await runOperation(api, 'inventory.refresh', start, {
        onStarted: (operationId) => {
          if (current()) set({ operationId });
        },
        onEntry: (entry) => {
          if (current()) get().applyProgress(entry);
        },
      });
      if (!current()) return; // an account switch started a newer refresh
      set((state) => ({
        view,
        status: 'ready',
        progress: null,
        selectedKey: shownOrNull(state.selectedKey, view, state.filter),
      }));
    } catch (error) {
      if (!current()) return;
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

  applyProgress(entry) {
    const status = regionStatusOf[entry.kind];
    if (entry.operationId !== get().operationId || !status) return;
    set((state) => ({
      progress: { done: entry.done ?? 0, total: entry.total ?? 0 },
      regionProgress: {
        ...state.regionProgress,
        [entry.step]: {
          status,
          ...(entry.count !== undefined ? { keyPairCount: entry.count } : {}),
          ...(entry.error ? { errorCode: entry.error.code, errorMessage: entry.error.message } : {}),
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
