import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { bundleCoreChild, CoreProcess } from './harness';
import { test as practiceTest, practiceEndpoint } from './inventory-fixture';

/** The practice fixtures with the core in a child process a spec can SIGKILL and start again. */
export interface CrashFixtures {
  /** The page's core, in a child process on this test's user-data folder, home and sandbox. */
  coreProcess: CoreProcess;
  /** An EC2 client on the practice sandbox, to check from outside what the recovery did. */
  ec2: EC2Client;
}

/**
 * A crash of Electron's main process in the Chromium harness: the page talks to a core running in a
 * child process (e2e/harness/core-process.ts); `coreProcess.kill()` SIGKILLs it and `start()` runs
 * a new one on the same folders, while the sandbox — AWS — lives on in the test process.
 */
export const test = practiceTest.extend<CrashFixtures, { coreChildBundle: string }>({
  coreChildBundle: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      const bundle = await bundleCoreChild();
      try {
        await use(bundle.file);
      } finally {
        await bundle.remove();
      }
    },
    { scope: 'worker' },
  ],
  coreProcess: async ({ coreChildBundle, userDataDir, practice }, use) => {
    const core = new CoreProcess(coreChildBundle, {
      userDataDir,
      homeDir: practice.home,
      practice: practiceEndpoint(practice.sandbox),
    });
    await core.start();
    await use(core);
    await core.dispose();
  },
  core: async ({ coreProcess }, use) => {
    await use(coreProcess);
  },
  ec2: async ({ practice }, use) => {
    const { sandbox } = practice;
    const ec2 = new EC2Client({
      region: sandbox.region,
      endpoint: sandbox.endpoint,
      credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
    });
    await use(ec2);
    ec2.destroy();
  },
});

/** One journal line as the spec reads it (src/recovery/journal/journal-schema.ts has all fields). */
export interface JournalEntry {
  type: string;
  stepId?: string;
}

/**
 * The one recovery journal in the user-data folder (null before there is one): its id and its
 * complete lines — a line torn by the kill is not counted, as the journal reader leaves it out.
 */
export async function onlyJournal(
  userDataDir: string,
): Promise<{ id: string; entries: JournalEntry[] } | null> {
  const dir = join(userDataDir, 'journals');
  const names = (await readdir(dir).catch(() => [])).filter((name) => /^rec-.*\.jsonl$/.test(name));
  if (names.length === 0) return null;
  if (names.length > 1) throw new Error(`more than one journal: ${names.join(', ')}`);
  const name = names[0] ?? '';
  const text = await readFile(join(dir, name), 'utf8');
  const lines = text.split('\n').slice(0, -1);
  return { id: name.replace(/\.jsonl$/, ''), entries: lines.map((line) => JSON.parse(line) as JournalEntry) };
}

export { expect } from './inventory-fixture';
