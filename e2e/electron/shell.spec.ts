import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { expect, test } from './electron-app';

// The Chromium specs' journeys (e2e/shell.spec.ts), run in the real Electron app: main process,
// sandboxed preload, app:// protocol and IPC bridge included. Skipped where no Electron binary exists.

const englishTitles = {
  inventory: 'Key inventory',
  'new-key': 'New key',
  converter: 'Convert a key',
  recover: 'Recover SSH access',
  settings: 'Settings',
  about: 'About & FAQ',
} as const;

test('the shell renders from app:// with only window.api exposed', async ({ appWindow }) => {
  expect(appWindow.url()).toBe('app://keyrescue/index.html');
  await expect(appWindow.getByRole('banner')).toContainText('KeyRescue');
  await expect(appWindow.getByRole('navigation', { name: 'Main' }).getByRole('button')).toHaveText([
    'Inventory',
    'New key',
    'Convert',
    'Recover',
    'Settings',
    'About & FAQ',
  ]);
  await expect(appWindow.getByRole('heading', { level: 1 })).toHaveText(englishTitles.inventory);
  await expect(appWindow).toHaveTitle('Inventory — KeyRescue');
  // Sandbox + context isolation: no Node in the page, and the bridge is just invoke/on.
  expect(
    await appWindow.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      api: Object.keys((globalThis as unknown as { api: object }).api).sort(),
    })),
  ).toEqual({ require: 'undefined', process: 'undefined', api: ['invoke', 'on'] });
});

test('every sidebar page opens', async ({ appWindow }) => {
  for (const [id, title] of Object.entries(englishTitles)) {
    await appWindow.locator(`nav [data-nav-item="${id}"]`).click();
    await expect(appWindow.locator('main#main')).toHaveAttribute('data-page', id);
    await expect(appWindow.getByRole('heading', { level: 1 })).toHaveText(title);
  }
});

test('switching the language changes the text and persists to settings.json in the user-data folder', async ({
  appWindow,
  userDataDir,
}) => {
  await appWindow.locator('nav [data-nav-item="settings"]').click();
  await appWindow.getByText('日本語', { exact: true }).click();
  await expect(appWindow.getByRole('heading', { level: 1 })).toHaveText('設定');
  await expect(appWindow.locator('nav [data-nav-item="inventory"]')).toHaveText('キーペア一覧');
  await expect(appWindow.locator('html')).toHaveAttribute('lang', 'ja');
  await expect
    .poll(
      async () =>
        JSON.parse(await readFile(join(userDataDir, 'settings.json'), 'utf8').catch(() => '{}')) as unknown,
    )
    .toMatchObject({ language: 'ja' });

  await appWindow.reload();
  await appWindow.locator('html[data-app-ready="true"]').waitFor({ state: 'attached' });
  await expect(appWindow.getByRole('heading', { level: 1 })).toHaveText('キーペア一覧');
});

test('app:info round-trips through preload, bridge and router', async ({ appWindow }) => {
  const envelope = await appWindow.evaluate(() =>
    (globalThis as unknown as { api: { invoke(c: string, i: unknown): Promise<unknown> } }).api.invoke(
      'app:info',
      {},
    ),
  );
  expect(envelope).toMatchObject({
    ok: true,
    value: { name: 'KeyRescue', version: packageJson.version, runtime: 'electron' },
  });
  const refused = await appWindow.evaluate(() =>
    (globalThis as unknown as { api: { invoke(c: string, i: unknown): Promise<unknown> } }).api.invoke(
      'shell:openExternal',
      {},
    ),
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'ipc.unknownChannel' } });
});

test('a settings:changed push from main updates language and theme', async ({ electronApp, appWindow }) => {
  await electronApp.evaluate(({ BrowserWindow }) => {
    BrowserWindow.getAllWindows()[0]?.webContents.send('keyrescue:event', 'settings:changed', {
      language: 'ja',
      theme: 'dark',
    });
  });
  await expect(appWindow.getByRole('heading', { level: 1 })).toHaveText('キーペア一覧');
  await expect(appWindow.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('the page can neither navigate away nor open windows', async ({ electronApp, appWindow }) => {
  const opened = await appWindow.evaluate(() => globalThis.open('https://example.com/') === null);
  expect(opened).toBe(true);
  await appWindow.evaluate(() => {
    globalThis.location.href = 'https://example.com/';
  });
  await expect.poll(() => appWindow.url()).toBe('app://keyrescue/index.html');
  expect(await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});
