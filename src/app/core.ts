import type { AppInfo } from '../ipc/contracts/app';
import { createRouter, type Handlers, type Router, type RouterOptions } from '../ipc/router';
import { createSettingsHandlers } from '../settings/settings-handlers';
import { SettingsStore } from '../settings/settings-store';
import { createAppHandlers } from './app-handlers';

export interface CoreOptions extends RouterOptions {
  /** Where settings, caches and journals live (Electron's userData; `~/.keyrescue` for the CLI). */
  userDataDir: string;
  runtime: AppInfo['runtime'];
  /** Overrides how the active account's mode is found (tests, the e2e harness). */
  mode?: () => Promise<AppInfo['mode']>;
}

export interface Core {
  router: Router;
  settings: SettingsStore;
}

/**
 * The composition root every driver shares — Electron main, the CLI, the e2e harness and tests —
 * so they all dispatch to the same services through the same router.
 */
export function createCore(options: CoreOptions): Core {
  const settings = new SettingsStore(options.userDataDir);
  const mode = options.mode ?? (async () => 'sandbox' as const);
  const handlers: Handlers = {
    ...createAppHandlers({ runtime: options.runtime, mode }),
    ...createSettingsHandlers(settings),
  };
  return { router: createRouter(handlers, options), settings };
}
