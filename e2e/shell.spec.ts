import { readFile } from 'node:fs/promises';
import packageJson from '../package.json' with { type: 'json' };
import { expect, test, type SidebarPage } from './harness';

const englishTitles: Record<SidebarPage, string> = {
  inventory: 'Key inventory',
  'new-key': 'New key',
  converter: 'Convert a key',
  recover: 'Recover SSH access',
  settings: 'Settings',
  about: 'About & FAQ',
};

/** The settings file, or `{}` while it has not been written yet (saves are asynchronous). */
async function readSettingsFile(path: string): Promise<Record<string, unknown>> {
  const text = await readFile(path, 'utf8').catch(() => '{}');
  return JSON.parse(text) as Record<string, unknown>;
}

test('the shell renders the title bar, the sidebar and the inventory page', async ({ app }) => {
  const { page } = app;
  await expect(page.getByRole('banner')).toContainText('KeyRescue');
  await expect(page.getByTestId('account-mode')).toHaveText('Practice account');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button')).toHaveText([
    'Inventory',
    'New key',
    'Convert',
    'Recover',
    'Settings',
    'About & FAQ',
  ]);
  await expect(app.navItem('inventory')).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('main#main')).toHaveAttribute('data-page', 'inventory');
  await expect(page).toHaveTitle('Inventory — KeyRescue');
  // The shell itself asks main for exactly two things (the open page may ask for more).
  expect(
    app.calls
      .slice(0, 2)
      .map((call) => call.channel)
      .sort(),
  ).toEqual(['app:info', 'settings:get']);
});

test('every sidebar page opens', async ({ app }) => {
  for (const [id, title] of Object.entries(englishTitles) as Array<[SidebarPage, string]>) {
    await app.openPage(id);
    await expect(app.page.getByTestId('page-error')).toHaveCount(0);
    await expect(app.page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(app.page.locator('nav [aria-current="page"]')).toHaveCount(1);
  }
});

test('the sidebar works from the keyboard, with a visible focus ring', async ({ app }) => {
  const { page } = app;
  await app.navItem('inventory').focus();
  await page.keyboard.press('ArrowDown');
  await expect(app.navItem('new-key')).toBeFocused();
  await page.keyboard.press('End');
  await expect(app.navItem('about')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(app.navItem('inventory')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(app.navItem('about')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(app.navItem('inventory')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(app.navItem('new-key')).toBeFocused();
  // Arrow keys move focus only; Enter opens the page.
  await expect(page.locator('main#main')).toHaveAttribute('data-page', 'inventory');
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toHaveAttribute('data-page', 'new-key');
  await expect(app.navItem('new-key')).toHaveAttribute('aria-current', 'page');
  await expect
    .poll(() => app.navItem('new-key').evaluate((element) => getComputedStyle(element).outlineStyle))
    .toBe('solid');
});

test('the skip link is the first stop for the keyboard and jumps to the page', async ({ app }) => {
  const { page } = app;
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  // Focus lands on the page's heading (or the main region when a page has none).
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.closest('main#main') !== null))
    .toBe(true);
});

test('switching the language changes the text, persists through settings:set and survives a reload', async ({
  app,
}) => {
  const { page } = app;
  await app.openPage('settings');
  await page.getByRole('radio', { name: '日本語' }).check();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('設定');
  await expect(app.navItem('inventory')).toHaveText('キーペア一覧');
  await expect(page.getByTestId('account-mode')).toHaveText('練習用アカウント');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  // The UI switches at once (optimistically); the settings:set call it made returns after that.
  await expect
    .poll(() => app.callsTo('settings:set'))
    .toEqual([{ channel: 'settings:set', input: { language: 'ja' }, ok: true }]);
  await expect
    .poll(() => readSettingsFile(app.settingsPath))
    .toMatchObject({ language: 'ja', theme: 'system' });

  await app.reload();
  await expect(app.navItem('settings')).toHaveText('設定');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');

  // Back to "follow the system": the browser here says en-US.
  await app.openPage('settings');
  await page.getByRole('radio', { name: 'システム（English）' }).check();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect.poll(() => readSettingsFile(app.settingsPath)).toMatchObject({ language: null });
});

test.describe('on a Japanese system', () => {
  test.use({ locale: 'ja-JP' });

  test('the UI starts in Japanese when no language was chosen', async ({ app }) => {
    await expect(app.navItem('inventory')).toHaveText('キーペア一覧');
    await expect(app.navItem('about')).toHaveText('このアプリと FAQ');
    await expect(app.page.locator('html')).toHaveAttribute('lang', 'ja');
    await app.openPage('settings');
    await expect(app.page.getByRole('radio', { name: 'システム（日本語）' })).toBeChecked();
  });
});

test('app:info round-trips to the Settings and About pages', async ({ app }) => {
  const info = await app.invoke('app:info', {});
  expect(info).toMatchObject({
    name: 'KeyRescue',
    version: packageJson.version,
    runtime: 'harness',
    mode: 'sandbox',
  });

  await app.openPage('settings');
  const facts = app.page.locator('.fact-list');
  await expect(facts.locator('[data-fact="name"] dd')).toHaveText(info.name);
  await expect(facts.locator('[data-fact="version"] dd')).toHaveText(info.version);
  await expect(facts.locator('[data-fact="platform"] dd')).toContainText(`(${info.arch})`);
  await expect(facts.locator('[data-fact="mode"] dd')).toHaveText('Practice account (simulated)');
  await expect(facts.locator('[data-fact="runtime"] dd')).toHaveText('Test harness (Chromium)');

  await app.openPage('about');
  await expect(app.page.locator('.about-footer')).toHaveText(`KeyRescue · Version ${info.version}`);
});

test.describe('on a real AWS account', () => {
  test.use({ coreOptions: { mode: async () => 'aws' as const } });

  test('the title bar says so instead of "Practice account"', async ({ app }) => {
    await expect(app.page.getByTestId('account-mode')).toHaveText('AWS account');
  });
});

test('the theme follows the OS until Settings overrides it', async ({ app }) => {
  const { page } = app;
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');

  await app.openPage('settings');
  await page.getByRole('radio', { name: 'Light' }).check();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await expect.poll(() => readSettingsFile(app.settingsPath)).toMatchObject({ theme: 'light' });

  await app.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('a settings:changed push from main updates language and theme', async ({ app }) => {
  await app.openPage('settings');
  expect(await app.emit('settings:changed', { language: 'ja', theme: 'dark' })).toBe(1);
  await expect(app.page.getByRole('heading', { level: 1 })).toHaveText('設定');
  await expect(app.page.getByRole('radio', { name: '日本語' })).toBeChecked();
  await expect(app.page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('window.api has the preload’s shape and refusals', async ({ app }) => {
  const result = await app.page.evaluate(async () => {
    const api = window.api!;
    const unknown = await api.invoke('nope:nothing', {});
    let eventError = '';
    try {
      api.on('nope:event', () => undefined);
    } catch (error) {
      eventError = (error as Error).message;
    }
    return {
      keys: Object.keys(api).sort(),
      frozen: Object.isFrozen(api),
      unknown,
      eventError,
      invalid: await api.invoke('settings:set', { theme: 'neon' }),
    };
  });
  expect(result.keys).toEqual(['invoke', 'on']);
  expect(result.frozen).toBe(true);
  expect(result.unknown).toEqual({
    ok: false,
    error: { code: 'ipc.unknownChannel', message: 'Unknown channel: nope:nothing' },
  });
  expect(result.eventError).toBe('Unknown event: nope:event');
  expect(result.invalid).toMatchObject({ ok: false, error: { code: 'ipc.invalidInput' } });
});

test.describe('the content security policy', () => {
  test.use({ allowPageErrors: true });

  test('blocks inline scripts and styles, and the harness reports it', async ({ app }) => {
    const ran = await app.page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      const style = document.createElement('style');
      style.textContent = 'body { background: red }';
      document.head.append(style);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    await expect
      .poll(() => app.problems.filter((problem) => problem.startsWith('CSP violation')).length)
      .toBe(2);
  });
});
