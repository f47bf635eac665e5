import { expect, test } from './inventory-fixture';
import { layoutProblems } from './layout-checks';

/**
 * The inventory at the minimum (860 px), default (1180 px) and a wide (1600 px) window, in both
 * languages, with the details of the at-risk key pair open: every column of the table stays
 * visible, nothing sticks out of its box, no label wraps mid-word. Screenshots go to e2e/artifacts/.
 */
const widths = [860, 1180, 1600] as const;
const text = {
  en: { table: 'Key pairs', detail: 'Details of legacy-app-key', close: 'Close details' },
  ja: { table: 'キーペア', detail: 'legacy-app-key の詳細', close: '詳細を閉じる' },
} as const;

for (const language of ['en', 'ja'] as const) {
  for (const width of widths) {
    test(`inventory layout at ${width} px, ${language}`, async ({ app }) => {
      const { page } = app;
      await page.setViewportSize({ width, height: 900 });
      await app.invoke('settings:set', { language });
      await app.reload();
      const table = page.getByRole('table', { name: text[language].table });
      await expect(table.locator('tbody tr')).toHaveCount(5);
      await expect(page.getByTestId('account-identity')).toBeVisible();
      await page.evaluate(() => document.fonts.ready);
      const main = page.locator('main#main');
      expect(await layoutProblems(main)).toEqual([]);
      // The table in view: the shot shows the rows (as cards where the page is narrow).
      await main.evaluate((element) => {
        const wrap = element.querySelector('.inventory-table-wrap');
        if (wrap)
          element.scrollTop += wrap.getBoundingClientRect().top - element.getBoundingClientRect().top - 120;
      });
      await page.screenshot({
        path: `e2e/artifacts/inventory-${width}-${language}.png`,
        animations: 'disabled',
      });

      await table.locator('tr[data-key-pair="legacy-app-key"]').getByRole('button').first().click();
      const detail = page.getByRole('region', { name: text[language].detail });
      await expect(detail).toBeVisible();
      await expect(page.getByRole('button', { name: text[language].close })).toBeVisible();
      // All seven columns stay readable beside (or above) the details: none behind a scroll.
      await expect(table.locator('thead th')).toHaveCount(7);
      expect(await layoutProblems(main)).toEqual([]);
      await page.screenshot({
        path: `e2e/artifacts/inventory-detail-${width}-${language}.png`,
        animations: 'disabled',
      });
    });
  }
}
