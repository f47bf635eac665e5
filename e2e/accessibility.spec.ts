import AxeBuilder from '@axe-core/playwright';
import { expect, test, type KeyRescueApp, type SidebarPage } from './harness';

const pages: SidebarPage[] = ['inventory', 'new-key', 'converter', 'recover', 'settings', 'about'];

/** Opens every page and returns the serious and critical axe findings, one line per rule and page. */
async function blockingViolations(app: KeyRescueApp): Promise<string[]> {
  const found: string[] = [];
  for (const id of pages) {
    await app.openPage(id);
    // Open every disclosure so collapsed answers (the FAQ) are checked too.
    await app.page.locator('details:not([open]) > summary').evaluateAll((summaries) => {
      for (const summary of summaries) (summary as HTMLElement).click();
    });
    const results = await new AxeBuilder({ page: app.page }).analyze();
    for (const violation of results.violations) {
      if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
      found.push(
        `${id}: ${violation.id} (${violation.impact}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
    }
  }
  return found;
}

for (const theme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violations on any page, ${theme} theme`, async ({ app }) => {
    // Six full axe scans: slow on a busy two-core machine, so triple the timeout.
    test.slow();
    await app.invoke('settings:set', { theme });
    await app.reload();
    await expect(app.page.locator('html')).toHaveAttribute('data-theme', theme);
    expect(await blockingViolations(app)).toEqual([]);
  });
}

test('no serious or critical axe violations on any page in Japanese', async ({ app }) => {
  test.slow();
  await app.invoke('settings:set', { language: 'ja', theme: 'dark' });
  await app.reload();
  await expect(app.page.locator('html')).toHaveAttribute('lang', 'ja');
  expect(await blockingViolations(app)).toEqual([]);
});
