import { create } from 'zustand';
import type { AccountSummaryDto } from '../../../src/ipc/contracts/accounts';
import type { InventoryView } from '../../../src/ipc/contracts/inventory';
import type { EventPayload } from '../../../src/ipc/events';
import { useAppStore } from '../../app/app-store';
import { api } from '../../lib/api';
import { defaultFilter, type InventoryFilter } from './inventory-filter';

export interface RegionProgressEntry {
  status: EventPayload<'inventory:progress'>['status'];
  keyPairCount?: number;
  errorCode?: string;
  errorMessage?: string;
}

export interface LocalSources {
  folders: string[];
  files: string[];
  sshDir: string;
}

export interface InventoryState {
  accounts: AccountSummaryDto[];
  activeId: string | null;
  identity: { accountId: string; arn: string } | null;
  identityError: unknown;
  view: InventoryView | null;
  /** `loading`: nothing to show yet; `refreshing`: showing the cache or the last view while AWS is read. */
  status: 'idle' | 'loading' | 'refreshing' | 'ready' | 'failed';
  error: unknown;
  operationId: string | null;
  progress: { done: number; total: number } | null;
  regionProgress: Record<string, RegionProgressEntry>;
  filter: InventoryFilter;
  selectedKey: string | null;
  sources: LocalSources | null;

  /** First open: accounts, then the cached view at once, then a refresh from AWS. */
  start(): Promise<void>;
  refresh(): Promise<void>;
  /** Re-reads the account list (after an endpoint change). */
  reloadAccounts(): Promise<void>;
  selectAccount(id: string): Promise<void>;
  setFilter(change: Partial<InventoryFilter>): void;
  select(key: string | null): void;
  addFolder(path: string): Promise<void>;
  removeFolder(path: string): Promise<void>;
  addFiles(paths: string[]): Promise<void>;
  /** Applies an `inventory:progress` push of the current refresh. */
  applyProgress(payload: EventPayload<'inventory:progress'>): void;
}

function newOperationId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `op-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export const useInventoryStore = create<InventoryState>((set, get) => ({
  accounts: [],
  activeId: null,
  identity: null,
  identityError: null,
  view: null,
  status: 'idle',
  error: null,
  operationId: null,
  progress: null,
  regionProgress: {},
  filter: defaultFilter,
  selectedKey: null,
  sources: null,

  async start() {
    if (get().status !== 'idle') return;
    set({ status: 'loading', error: null });
    try {
      const [list, cached, sources] = await Promise.all([
        api.invoke('accounts:list', {}),
        api.invoke('inventory:cached', {}),
        api.invoke('inventory:sources', {}),
      ]);
      set({
        accounts: list.accounts,
        activeId: list.activeId,
        sources,
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
    void api.invoke('accounts:identity', {}).then(
      (identity) => set({ identity, identityError: null }),
      (identityError: unknown) => set({ identity: null, identityError }),
    );
    try {
      const view = await api.invoke('inventory:refresh', { operationId });
      if (get().operationId !== operationId) return; // an account switch started a newer refresh
      set({ view, status: 'ready', progress: null });
    } catch (error) {
      if (get().operationId !== operationId) return;
      set({ status: 'failed', error });
    }
  },

  async reloadAccounts() {
    const list = await api.invoke('accounts:list', {});
    set({ accounts: list.accounts, activeId: list.activeId });
  },

  async selectAccount(id) {
    if (id === get().activeId) return;
    try {
      await api.invoke('accounts:select', { id });
    } catch (error) {
      set({ error, status: 'failed' });
      return;
    }
    set({ activeId: id, view: null, selectedKey: null, identity: null, identityError: null });
    // The title bar's practice/AWS badge comes from app:info, which follows the active account.
    void useAppStore.getState().load();
    const cached = await api.invoke('inventory:cached', {}).catch(() => null);
    set({ view: cached });
    await get().refresh();
  },

  setFilter(change) {
    set((state) => ({ filter: { ...state.filter, ...change } }));
  },

  select(key) {
    set({ selectedKey: key });
  },

  async addFolder(path) {
    const sources = await api.invoke('inventory:addFolder', { path });
    set({ sources });
    await rematch(set);
  },

  async removeFolder(path) {
    const sources = await api.invoke('inventory:removeFolder', { path });
    set({ sources });
    await rematch(set);
  },

  async addFiles(paths) {
    const sources = await api.invoke('inventory:addFiles', { paths });
    set({ sources });
    await rematch(set);
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

/** Re-matches local keys after the sources changed; AWS is not read again. */
async function rematch(set: (partial: Partial<InventoryState>) => void): Promise<void> {
  const view = await api.invoke('inventory:rematch', {});
  if (view) set({ view });
}

/** Subscribes the store to main's progress pushes; returns the unsubscribe function. */
export function subscribeInventoryProgress(): () => void {
  return api.on('inventory:progress', (payload) => useInventoryStore.getState().applyProgress(payload));
}
