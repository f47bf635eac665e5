import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Caches tools keep in the temp folder by design: jiti (electron-builder's config loader) and
 * Playwright's transform cache, which some runs write there.
 */
const toolCaches = new Set(['jiti']);
const toolCachePattern = /^playwright-transform-cache(-\d+)?$/;

/**
 * Global setup for vitest and Playwright: the run gets its own temp folder (TMPDIR, which
 * `os.tmpdir()` reads on every call and every forked worker inherits), and teardown fails the run
 * when a test left anything in it. A private folder, so other runs on the machine do not count;
 * it is removed in any case, tool caches included.
 */
export default async function privateTempFolder(): Promise<() => Promise<void>> {
  const outer = tmpdir();
  const root = await mkdtemp(join(outer, 'keyrescue-test-run-'));
  // Traversable like /tmp (not listable), so a test may run a program as another user (nobody).
  await chmod(root, 0o711);
  process.env.TMPDIR = root;
  return async () => {
    const left = (await readdir(root)).filter(
      (name) => !toolCaches.has(name) && !toolCachePattern.test(name),
    );
    process.env.TMPDIR = outer;
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
    if (left.length > 0) {
      // vitest only logs an error thrown here ("error during close") and still exits 0.
      process.exitCode = 1;
      throw new Error(
        `Tests left ${left.length} item(s) in the temp folder: ${left.sort().join(', ')}. ` +
          'Every test removes what it creates (afterEach/afterAll, finally, or fixture teardown).',
      );
    }
  };
}
