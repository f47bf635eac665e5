import { create } from 'zustand';
import type { AppInfo } from '../../src/ipc/contracts/app';
import type { Settings } from '../../src/ipc/contracts/settings';
import type { EventPayload } from '../../src/ipc/events';
import { notify } from '../components/toast';
import { api } from '../lib/api';
import { translateError } from '../lib/errors';
import { i18n } from '../lib/i18n';

/** What the whole shell needs from main: who we are (`app:info`) and the user's settings. */
export interface AppState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  info: AppInfo | null;
  settings: Settings | null;
  /** Why loading failed (an IpcError or a missing bridge), for the boot screen. */
  loadError: unknown;
  /** Fetches app info and settings; the shell renders once this resolves. */
  load(): Promise<void>;
  /** Saves a settings change through `settings:set`; on failure keeps the old value and shows a notice. */
  updateSettings(change: Partial<Settings>): Promise<boolean>;
  /** Applies a `settings:changed` push (e.g. changed from the menu or another window). */
  applySettingsChanged(change: EventPayload<'settings:changed'>): void;
}

export const useAppStore = create<AppState>((set, get) => ({
  status: 'idle',
  info: null,
  settings: null,
  loadError: null,

  async load() {
    set({ status: 'loading', loadError: null });
    try {
      const [info, settings] = await Promise.all([
        api.invoke('app:info', {}),
        api.invoke('settings:get', {}),
      ]);
      set({ status: 'ready', info, settings });
    } catch (error) {
      set({ status: 'failed', loadError: error });
    }
  },

  async updateSettings(change) {
    // Optimistic: the control moves at once; the saved value (or the old one, on failure) follows.
    const previous = get().settings;
    if (previous) set({ settings: { ...previous, ...change } });
    try {
      const settings = await api.invoke('settings:set', change);
      set({ settings });
      return true;
    } catch (error) {
      set({ settings: previous });
      notify({ tone: 'error', title: i18n.t('settings:saveFailed'), message: translateError(error, i18n.t) });
      return false;
    }
  },

  applySettingsChanged(change) {
    const current = get().settings;
    if (current) set({ settings: { ...current, ...change } });
  },
}));

/** Subscribes the store to main's pushes; returns the unsubscribe function. */
export function subscribeAppStore(): () => void {
  return api.on('settings:changed', (payload) => useAppStore.getState().applySettingsChanged(payload));
}
