import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from '../sandbox';
import type { PracticeEndpoint } from '../aws/account-types';
import { ensurePrivateDir } from '../fs/private-dir';

/** The built-in practice account: a sandbox started on first use and kept until the app closes. */
export interface PracticeAccount {
  endpoint(): Promise<PracticeEndpoint>;
  stop(): Promise<void>;
}

/**
 * Starts the sandbox lazily (most sessions on a real account never need it), with its state in the
 * user-data folder so the practice account's key pairs and instances survive restarts.
 */
export function lazyPracticeAccount(userDataDir: string): PracticeAccount {
  let running: Promise<RunningSandbox> | undefined;
  return {
    async endpoint() {
      // The state file and practice-keys/ go here; the sandbox itself does not choose folder modes.
      running ??= ensurePrivateDir(userDataDir).then(() =>
        startSandbox({
          stateFile: join(userDataDir, 'practice-account.json'),
          keysDir: join(userDataDir, 'practice-keys'),
          seed: 'demo',
          speed: 'realistic',
        }),
      );
      const sandbox = await running.catch((error: unknown) => {
        running = undefined;
        throw error;
      });
      return {
        endpoint: sandbox.endpoint,
        region: sandbox.region,
        accessKeyId: sandbox.accessKeyId,
        secretAccessKey: sandbox.secretAccessKey,
        keysDir: sandbox.control.demoKeysDir ?? join(userDataDir, 'practice-keys'),
      };
    },
    async stop() {
      const current = running;
      running = undefined;
      if (current) await (await current).stop();
    },
  };
}
