import { defineConfig } from '@playwright/test';

/**
 * E2E tests. `chromium`: the built renderer (out/renderer, run `npm run build` first) in Debian's
 * Chromium, with `window.api` bridged to the real router (e2e/harness). `electron`: `_electron.launch`
 * specs in e2e/electron, which skip themselves where no Electron binary is installed.
 */
const chromiumPath = process.env.KEYRESCUE_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  // A private TMPDIR for the run; fails the run when a test leaves something in it.
  globalSetup: './scripts/test-temp-guard.ts',
  outputDir: 'e2e/artifacts/results',
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: ['electron/**'],
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        deviceScaleFactor: 1,
        locale: 'en-US',
        colorScheme: 'light',
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
            '--disable-quic',
            '--disable-sync',
          ],
        },
      },
    },
    {
      name: 'electron',
      testDir: 'e2e/electron',
    },
  ],
});
