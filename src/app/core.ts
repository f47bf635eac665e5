import type { AppInfo } from '../ipc/contracts/app';
import { createRouter, type Handlers, type Router, type RouterOptions } from '../ipc/router';
import { createSettingsHandlers } from '../settings/settings-handlers';
import { SettingsStore } from '../settings/settings-store';
import { createAppHandlers } from './app-handlers';
import { createKeysHandlers } from '../keys/keys-handlers';
import type { DialogPort } from './ports';
import { createAccountsStack, type AccountsStack, type AccountsStackOptions } from '../aws/accounts-stack';

export interface CoreOptions extends RouterOptions {
  /** Where settings, caches and journals live (Electron's userData; `~/.keyrescue` for the CLI). */
  userDataDir: string;
  runtime: AppInfo['runtime'];
  /** Overrides how the active account's mode is found (tests, the e2e harness). */
  mode?: () => Promise<AppInfo['mode']>;
  /** Native file dialogs (Electron main); the e2e harness passes a fake, the CLI none. */
  dialogs?: DialogPort;
  /** AWS config files, environment, practice account, ~/.ssh and inventory tuning (owner: inventory). */
  accounts?: AccountsStackOptions;
}

export interface Core {
  router: Router;
  settings: SettingsStore;
  /** Accounts, inventory and key pair services, for the CLI and tests (owner: inventory). */
  aws: AccountsStack;
  /** Stops what the core started (the practice sandbox); drivers call it before exiting. */
  dispose(): Promise<void>;
}

/**
 * The composition root every driver shares — Electron main, the CLI, the e2e harness and tests —
 * so they all dispatch to the same services through the same router.
 */
export function createCore(options: CoreOptions): Core {
  const settings = new SettingsStore(options.userDataDir);
  const aws = createAccountsStack(options.userDataDir, settings, options.accounts);
  const mode = options.mode ?? aws.mode;
  const handlers: Handlers = {
    ...createAppHandlers({ runtime: options.runtime, mode }),
    ...createSettingsHandlers(settings),
    ...createKeysHandlers(options.dialogs ? { dialogs: options.dialogs } : {}),
    ...aws.handlers,
  };
  return { router: createRouter(handlers, options), settings, aws, dispose: aws.dispose };
}
