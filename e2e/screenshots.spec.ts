import { expect, test } from './harness';

/**
 * The shell in both languages and both themes, saved to e2e/artifacts/ for people to look at (the
 * release checklist and the issue ask for them). Each shot also checks the page rendered in the
 * requested language and theme, so a broken state cannot be saved silently.
 */
const headings = { en: 'About & FAQ', ja: 'このアプリと FAQ' } as const;

for (const language of ['en', 'ja'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`screenshot: shell-${language}-${theme}`, async ({ app }) => {
      await app.invoke('settings:set', { language, theme });
      await app.reload();
      await app.openPage('about');
      await expect(app.page.getByRole('heading', { level: 1 })).toHaveText(headings[language]);
      await expect(app.page.locator('html')).toHaveAttribute('data-theme', theme);
      await app.page.evaluate(() => document.fonts.ready);
      await app.page.screenshot({
        path: `e2e/artifacts/shell-${language}-${theme}.png`,
        animations: 'disabled',
      });
    });
  }
}

/** The other pages the shell owns, for review: English light and Japanese dark. */
for (const [language, theme] of [
  ['en', 'light'],
  ['ja', 'dark'],
] as const) {
  test(`screenshot: settings and recover pages, ${language}-${theme}`, async ({ app }) => {
    await app.invoke('settings:set', { language, theme });
    await app.reload();
    for (const id of ['settings', 'recover'] as const) {
      await app.openPage(id);
      await app.page.evaluate(() => document.fonts.ready);
      await app.page.screenshot({
        path: `e2e/artifacts/page-${id}-${language}-${theme}.png`,
        animations: 'disabled',
      });
    }
  });
}
