import type { AppInfo } from '../ipc/contracts/app';
import type { appContract } from '../ipc/contracts/app';
import type { Handlers } from '../ipc/router';
import { appName, appVersion } from './app-version';
import type { QuitBlockers } from './quit-blockers';

export interface AppHandlerDeps {
  runtime: AppInfo['runtime'];
  /** Whether the active account is the practice sandbox or a real AWS account. */
  mode: () => Promise<AppInfo['mode']>;
  quitBlockers: QuitBlockers;
}

export function createAppHandlers(deps: AppHandlerDeps): Pick<Handlers, keyof typeof appContract> {
  return {
    'app:info': async () => ({
      name: appName,
      version: appVersion,
      platform: process.platform,
      arch: process.arch,
      mode: await deps.mode(),
      runtime: deps.runtime,
    }),
    'app:quitBlockers': async () => ({ blockers: await deps.quitBlockers.list() }),
  };
}
