import { expect, test } from './inventory-fixture';

// The inventory refresh runs as an operation (inventory:refresh answers its id at once); the page
// shows its `operation:progress` entries as the per-region progress it always showed.

test('while AWS is slow, the page names the regions being read and counts them, then shows the table', async ({
  app,
  practice,
}) => {
  const { page } = app;
  const table = page.getByRole('table', { name: 'Key pairs' });
  await expect(table.locator('tbody tr')).toHaveCount(5);
  const regions = (await app.refreshInventory()).regions.map((region) => region.region).sort();
  practice.sandbox.control.setFault('DescribeKeyPairs', { latencyMs: 2500 });
  await page.getByRole('button', { name: 'Refresh' }).click();
  const progress = page.getByTestId('inventory-progress');
  await expect(progress).toContainText('Reading ');
  for (const region of regions) await expect(progress).toContainText(region);
  await expect(progress.locator('.progress-count')).toHaveText(`0 of ${regions.length}`);
  await expect(progress).toHaveCount(0, { timeout: 30_000 });
  await expect(table.locator('tbody tr')).toHaveCount(5);
  // The page followed one operation to its end: one start call, then waits on that id.
  const started = app.callsTo('inventory:refresh').filter((call) => call.ok);
  expect(started.length).toBeGreaterThanOrEqual(2);
  expect(app.callsTo('operations:wait').every((call) => call.ok)).toBe(true);
});
