import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PracticeEndpoint } from '../src/aws/account-types';
import type { RunningSandbox } from '../src/sandbox';
import { test as harness } from './harness';
import { loadBundled } from './harness/node-bundle';

/** The practice account as a demo-seeded sandbox, with a private home folder whose ~/.ssh starts empty. */
export interface PracticeFixtures {
  practice: { sandbox: RunningSandbox; home: string };
  /** The sandbox's timings: `instant` (default) or `realistic` (stops and snapshots take seconds, for live timelines). */
  sandboxSpeed: 'instant' | 'realistic';
}

/** The practice account's connection to a sandbox (and its demo keys), as the core takes it. */
export function practiceEndpoint(sandbox: RunningSandbox): PracticeEndpoint {
  return {
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    accessKeyId: sandbox.accessKeyId,
    secretAccessKey: sandbox.secretAccessKey,
    ...(sandbox.control.demoKeysDir ? { keysDir: sandbox.control.demoKeysDir } : {}),
  };
}

/**
 * The harness with its core pointed at a fresh demo sandbox (instant timings unless a spec says) as the practice
 * account, and ~/.ssh in a temp folder, so a spec sees exactly the demo key pairs and its own files.
 */
export const test = harness.extend<PracticeFixtures, { sandboxModule: typeof import('../src/sandbox') }>({
  sandboxModule: [
    // Bundled once per worker, like the harness's core (node-bundle.ts says why src/ is not imported directly).
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      await use(await loadBundled<typeof import('../src/sandbox')>('src/sandbox/index.ts'));
    },
    { scope: 'worker' },
  ],
  sandboxSpeed: ['instant', { option: true }],
  practice: async ({ sandboxModule, sandboxSpeed }, use) => {
    const { startSandbox } = sandboxModule;
    const root = await mkdtemp(join(tmpdir(), 'keyrescue-e2e-practice-'));
    const home = join(root, 'home');
    await mkdir(join(home, '.ssh'), { recursive: true });
    try {
      const sandbox = await startSandbox({
        seed: 'demo',
        keysDir: join(root, 'practice-keys'),
        speed: sandboxSpeed,
      });
      await use({ sandbox, home });
      await sandbox.stop();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
  coreOptions: async ({ practice }, use) => {
    const { sandbox, home } = practice;
    await use({
      accounts: {
        environment: { env: {}, homeDir: home },
        homeDir: home,
        practice: async () => practiceEndpoint(sandbox),
      },
    });
  },
});

/** Where the fake Save dialog opened (it answers with that path, as a user pressing Save would). */
export interface ExportDialogFixtures {
  saveDialog: { openedAt: string[]; downloads: string };
}

/**
 * The practice fixtures plus a fake Save dialog for exports and recovery reports (no native dialog
 * can run here), with a Downloads folder in the temp home, so a spec can read the file the app wrote.
 */
export const exportTest = test.extend<ExportDialogFixtures>({
  saveDialog: async ({ practice }, use) => {
    const downloads = join(practice.home, 'Downloads');
    await mkdir(downloads);
    await use({ openedAt: [], downloads });
  },
  coreOptions: async ({ coreOptions, saveDialog }, use) => {
    await use({
      ...coreOptions,
      dialogs: {
        openKeyFiles: async () => [],
        chooseFolder: async () => null,
        saveExportFile: async ({ defaultPath }) => {
          saveDialog.openedAt.push(defaultPath);
          return defaultPath;
        },
        saveReportFile: async ({ defaultPath }) => {
          saveDialog.openedAt.push(defaultPath);
          return defaultPath;
        },
        showItemInFolder: async () => undefined,
      },
    });
  },
});

export { expect } from './harness';
