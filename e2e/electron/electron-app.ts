import { _electron, expect, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Where the Electron binary is, or why there is none. Mirrors node_modules/electron/index.js but
 * without requiring it: since Electron 42 a `require('electron')` with no binary starts a download,
 * which would hang or fail noisily on an offline machine before we can skip.
 */
export function findElectronBinary(): { path: string } | { missing: string } {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed (npm install)' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = join(override, relative || 'electron');
    return existsSync(binary)
      ? { path: binary }
      : { missing: `ELECTRON_OVERRIDE_DIST_PATH points to ${binary}, which does not exist` };
  }
  if (!relative) {
    return {
      missing: `${pathFile} is absent: the binary download was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD=1) or failed; run "npx install-electron" with network access, or set ELECTRON_OVERRIDE_DIST_PATH`,
    };
  }
  const binary = join(packageDir, 'dist', relative);
  return existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` };
}

let skipNoticePrinted = false;
/** Skips the test with the reason, and says it once per worker in the run's output too (the list reporter hides skip reasons). */
function skipForMissingBinary(reason: string): void {
  const message = `Electron binary not installed on this machine: ${reason}`;
  if (!skipNoticePrinted) {
    skipNoticePrinted = true;
    console.log(`[electron e2e] skipped: ${message}`);
  }
  test.skip(true, message);
}

/** Errors from `_electron.launch` that mean "no usable binary" rather than "the app is broken". */
const missingBinaryMessage = /Electron failed to install correctly|ENOENT|spawn .* EACCES/;

export interface ElectronFixtures {
  /** A fresh user-data folder for this test, passed to the app as --user-data-dir. */
  userDataDir: string;
  /** The launched app (`out/main/index.cjs` through package.json "main"; run `npm run build` first). */
  electronApp: ElectronApplication;
  /** Its first window, once the shell says it is ready. */
  appWindow: Page;
}

/**
 * Fixtures for `_electron.launch` specs. Where no Electron binary is installed, every test using
 * them is skipped with the reason, so the run reports the gap instead of failing or hiding it.
 */
export const test = base.extend<ElectronFixtures>({
  // Playwright reads fixture dependencies from the destructuring pattern, so `{}` is required here.
  // eslint-disable-next-line no-empty-pattern
  userDataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'keyrescue-electron-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },

  electronApp: async ({ userDataDir }, use) => {
    const binary = findElectronBinary();
    if ('missing' in binary) {
      skipForMissingBinary(binary.missing);
      return;
    }
    let app: ElectronApplication;
    try {
      app = await _electron.launch({
        executablePath: binary.path,
        args: [projectDir, `--user-data-dir=${userDataDir}`],
        cwd: projectDir,
        env: { ...process.env, LANG: 'en_US.UTF-8', LANGUAGE: 'en_US' },
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (missingBinaryMessage.test(message)) {
        skipForMissingBinary(message.split('\n')[0] ?? message);
        return;
      }
      throw error;
    }
    await use(app);
    await app.close();
  },

  appWindow: async ({ electronApp }, use) => {
    const page = await electronApp.firstWindow();
    await page.locator('html[data-app-ready="true"]').waitFor({ state: 'attached' });
    await use(page);
  },
});

export { expect };
