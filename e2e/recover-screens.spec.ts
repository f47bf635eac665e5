import type { Page } from '@playwright/test';
import { expect, test } from './inventory-fixture';
import { layoutProblems } from './layout-checks';

/**
 * Every wizard screen before the run, at the narrowest window (860 px) and the default (1180 px),
 * in English and Japanese: nothing sticks out or hides behind a scroll; each is screenshotted.
 */
async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  expect(await layoutProblems(page.locator('main#main')), name).toEqual([]);
  await page.screenshot({
    path: `e2e/artifacts/recover-${name}.png`,
    animations: 'disabled',
    fullPage: true,
  });
}

for (const [language, width, theme] of [
  ['en', 1180, 'light'],
  ['ja', 860, 'dark'],
] as const) {
  test(`wizard screens fit, ${language} at ${width} px`, async ({ app }) => {
    const { page } = app;
    await page.setViewportSize({ width, height: 900 });
    await app.invoke('settings:set', { language, theme });
    await app.reload();
    await app.openPage('recover');
    const next = language === 'en' ? 'Continue' : '次へ';
    await expect(page.locator('.recover-instance').first()).toBeVisible();
    await shoot(page, `pick-${language}`);
    await page.locator('.recover-instance').filter({ hasText: 'legacy-app' }).getByRole('button').click();
    // Shot once every check is done (the checklist is there from the start, filling in live).
    await expect(page.locator('[data-check="savedKey.keyPair"]')).toHaveAttribute('data-state', 'done', {
      timeout: 30_000,
    });
    await expect(page.locator('[data-check][data-state="done"]')).toHaveCount(9);
    await shoot(page, `checks-${language}`);
    await page.getByRole('button', { name: next }).click();
    await expect(page.locator('.recover-path.is-checked')).toHaveCount(1);
    await shoot(page, `path-${language}`);
    await page.getByRole('button', { name: next }).click();
    await expect(page.locator('.recover-path-row input').first()).toHaveValue(/legacy-app-recovered$/);
    await shoot(page, `key-${language}`);
    await page.getByRole('button', { name: next }).click();
    await expect(page.getByTestId('recover-planned')).toBeVisible();
    await shoot(page, `confirm-${language}`);
  });
}
