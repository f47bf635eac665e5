import type { settingsContract } from '../ipc/contracts/settings';
import type { Handlers } from '../ipc/router';
import type { SettingsStore } from './settings-store';

export function createSettingsHandlers(store: SettingsStore): Pick<Handlers, keyof typeof settingsContract> {
  return {
    'settings:get': () => store.get(),
    'settings:set': async (change, ctx) => {
      const next = await store.update(change);
      ctx.emit('settings:changed', { language: next.language, theme: next.theme });
      return next;
    },
  };
}
