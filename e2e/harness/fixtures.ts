import { test as base, expect } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Core, CoreOptions } from '../../src/app/core';
import { KeyRescueApp, type CoreLink } from './keyrescue-app';
import { loadBundled } from './node-bundle';
import { startStaticServer, type StaticServer } from './static-server';
import { connectWindowApi } from './window-bridge';

/** CoreOptions a spec may add (a sandbox account, a fake clock…); userDataDir and runtime are the harness's. */
export type ExtraCoreOptions = Partial<Omit<CoreOptions, 'userDataDir' | 'runtime'>>;

export interface HarnessOptions {
  /**
   * Passed to `createCore` on top of `{ userDataDir, runtime: 'harness' }`. Override per file with
   * `test.use({ coreOptions: { … } })`, or with a fixture function when it needs setup and teardown:
   * `test.extend({ coreOptions: async ({}, use) => { const s = await startSandbox(); await use({ … }); await s.stop(); } })`.
   */
  coreOptions: ExtraCoreOptions;
  /** Set true in a spec that provokes page errors on purpose; otherwise any page error or CSP violation fails the test. */
  allowPageErrors: boolean;
}

export interface HarnessFixtures {
  /** A fresh, empty user-data folder for this test (deleted afterwards). */
  userDataDir: string;
  /** The real core (router + services) the page talks to; a spec may put it in a child process (core-process.ts). */
  core: CoreLink;
  /** The app, opened and ready. */
  app: KeyRescueApp;
}

interface HarnessWorkerFixtures {
  /** The built renderer (out/renderer) served on 127.0.0.1, one server per worker. */
  rendererServer: StaticServer;
  /** `createCore` and the event table, from src/ bundled for Node (see node-bundle.ts). */
  coreModule: CoreModule;
}

type CoreModule = typeof import('./core-entry');

const rendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

/**
 * The Chromium e2e fixture: the built renderer over http, `window.api` bridged by `exposeBinding` to a
 * real `createCore` router in the test process, and a fresh user-data folder per test.
 */
export const test = base.extend<HarnessOptions & HarnessFixtures, HarnessWorkerFixtures>({
  coreOptions: [{}, { option: true }],
  allowPageErrors: [false, { option: true }],

  rendererServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from a destructured first argument.
    async ({}, use) => {
      const server = await startStaticServer(rendererDir);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  coreModule: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from a destructured first argument.
    async ({}, use) => {
      await use(await loadBundled<CoreModule>('e2e/harness/core-entry.ts'));
    },
    { scope: 'worker' },
  ],

  // eslint-disable-next-line no-empty-pattern -- as above
  userDataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'keyrescue-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  },

  core: async ({ coreModule, userDataDir, coreOptions }, use) => {
    const core: Core = coreModule.createCore({ ...coreOptions, userDataDir, runtime: 'harness' });
    await use(core);
    // Stops what the core started (the lazily started practice sandbox).
    await core.dispose();
  },

  app: async ({ page, core, coreModule, userDataDir, rendererServer, allowPageErrors }, use) => {
    const app = new KeyRescueApp(page, core, userDataDir, rendererServer.url, coreModule.events);
    page.on('pageerror', (error) => app.problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
        app.problems.push(`CSP violation: ${message.text()}`);
      }
    });
    await connectWindowApi(
      page,
      (channel, input) => app.dispatchFromPage(channel, input),
      Object.keys(coreModule.events),
    );
    await app.open();
    await use(app);
    await app.close();
    if (!allowPageErrors) expect(app.problems, 'page errors or CSP violations during the test').toEqual([]);
  },
});

export { expect };
