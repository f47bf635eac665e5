import { create } from 'zustand';
import type { AccountSummaryDto } from '../../../src/ipc/contracts/accounts';
import type { EventPayload } from '../../../src/ipc/events';
import { useAppStore } from '../../app/app-store';
import { api } from '../../lib/api';

export type MfaRequest = EventPayload<'accounts:mfaRequired'>;

/**
 * Which AWS account the app works on, shared by every page: the account list, the active one, who it
 * is (STS), its regions, and the MFA prompt main may raise for it. Pages that read AWS follow
 * `generation`, which moves whenever the active account or its endpoint changes.
 */
export interface AccountsState {
  accounts: AccountSummaryDto[];
  activeId: string | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error: unknown;
  /** True while `accounts:select` runs. */
  switching: boolean;
  /** Bumped when the active account (or its endpoint) changed: what was read from AWS is stale. */
  generation: number;
  identity: { accountId: string; arn: string } | null;
  identityError: unknown;
  regions: string[];
  defaultRegion: string | null;
  regionsError: unknown;
  /** The MFA code main is waiting for, if any. */
  mfaRequest: MfaRequest | null;

  /** Reads the account list once (later calls wait for the same read). */
  load(): Promise<void>;
  /** Reads the account list again. */
  reload(): Promise<void>;
  /** Makes `id` the active account; false (with `error` set) when main refused. */
  select(id: string): Promise<boolean>;
  /** STS GetCallerIdentity for the active account. */
  loadIdentity(): Promise<void>;
  /** The active account's regions and default region (read once per account). */
  loadRegions(): Promise<void>;
  /** Sets or clears an account's endpoint override; throws the IpcError when main refuses it. */
  setEndpoint(id: string, endpoint: string | null): Promise<void>;
  /** Answers the pending MFA request (`null` cancels). */
  answerMfa(code: string | null): void;
}

let loading: Promise<void> | null = null;
let regionsFor: number | null = null;

const initialState = {
  accounts: [],
  activeId: null,
  status: 'idle',
  error: null,
  switching: false,
  generation: 0,
  identity: null,
  identityError: null,
  regions: [],
  defaultRegion: null,
  regionsError: null,
  mfaRequest: null,
} satisfies Partial<AccountsState>;

export const useAccountsStore = create<AccountsState>((set, get) => ({
  ...initialState,

  load() {
    if (get().status === 'ready') return Promise.resolve();
    loading ??= get()
      .reload()
      .finally(() => {
        loading = null;
      });
    return loading;
  },

  async reload() {
    set((state) => ({ status: state.status === 'ready' ? 'ready' : 'loading', error: null }));
    try {
      const list = await api.invoke('accounts:list', {});
      set({ accounts: list.accounts, activeId: list.activeId, status: 'ready' });
    } catch (error) {
      set({ status: 'failed', error });
    }
  },

  async select(id) {
    if (id === get().activeId) return true;
    set({ switching: true, error: null });
    try {
      await api.invoke('accounts:select', { id });
    } catch (error) {
      set({ switching: false, error });
      return false;
    }
    set((state) => ({
      activeId: id,
      switching: false,
      generation: state.generation + 1,
      identity: null,
      identityError: null,
      regions: [],
      defaultRegion: null,
      regionsError: null,
    }));
    // The title bar's practice/AWS badge comes from app:info, which follows the active account.
    void useAppStore.getState().load();
    return true;
  },

  async loadIdentity() {
    const generation = get().generation;
    try {
      const identity = await api.invoke('accounts:identity', {});
      if (get().generation === generation) set({ identity, identityError: null });
    } catch (identityError) {
      if (get().generation === generation) set({ identity: null, identityError });
    }
  },

  async loadRegions() {
    const generation = get().generation;
    if (regionsFor === generation && get().defaultRegion) return;
    try {
      const answer = await api.invoke('accounts:regions', {});
      if (get().generation !== generation) return;
      regionsFor = generation;
      set({
        regions: answer.regions.map((region) => region.name),
        defaultRegion: answer.defaultRegion,
        regionsError: null,
      });
    } catch (regionsError) {
      if (get().generation === generation) set({ regionsError });
    }
  },

  async setEndpoint(id, endpoint) {
    await api.invoke('accounts:setEndpoint', { id, endpoint });
    await get().reload();
    if (id === get().activeId)
      set((state) => ({ generation: state.generation + 1, identity: null, identityError: null }));
  },

  answerMfa(code) {
    const request = get().mfaRequest;
    if (!request) return;
    set({ mfaRequest: null });
    // A refused answer (the request already timed out) needs no reaction: main has moved on.
    void api.invoke('accounts:mfaCode', { requestId: request.requestId, code }).catch(() => undefined);
  },
}));

/** Listens for main's MFA requests; returns the unsubscribe function (the shell calls it once). */
export function subscribeAccountEvents(): () => void {
  return api.on('accounts:mfaRequired', (mfaRequest) => useAccountsStore.setState({ mfaRequest }));
}

/** Back to the first-run state (tests). */
export function resetAccountsStore(): void {
  loading = null;
  regionsFor = null;
  useAccountsStore.setState(initialState);
}
