import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, exportTest, test } from './inventory-fixture';

const demoKeyPairs = ['eu-deploy', 'laptop-rsa', 'legacy-app-key', 'practice-ed25519', 'practice-rsa'];

test('the inventory shows the practice account demo key pairs across regions', async ({ app }) => {
  const { page } = app;
  const table = page.getByRole('table', { name: 'Key pairs' });
  await expect(table.locator('tbody tr')).toHaveCount(demoKeyPairs.length);
  await expect(table.locator('tbody tr').locator('td:first-child')).toHaveText(demoKeyPairs);
  await expect(page.locator('tr[data-key-pair="eu-deploy"]')).toHaveAttribute('data-region', 'eu-west-1');
  await expect(page.getByTestId('account-identity')).toContainText('111122223333');
  // The demo keys the practice account wrote are matched; only the lost one has no private key.
  await expect(page.locator('tr[data-key-pair="practice-rsa"]')).toContainText('Found');
  await expect(page.getByText('1 key pair is at risk')).toBeVisible();
});

test('filtering "At risk" finds the lost-key instance and offers recovery', async ({ app }) => {
  const { page } = app;
  await expect(page.getByRole('table', { name: 'Key pairs' }).locator('tbody tr')).toHaveCount(
    demoKeyPairs.length,
  );
  await page.getByRole('radio', { name: 'At risk' }).check({ force: true });
  const rows = page.getByRole('table', { name: 'Key pairs' }).locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-key-pair', 'legacy-app-key');
  await rows.first().getByRole('button', { name: 'legacy-app-key' }).click();
  const detail = page.getByTestId('key-pair-detail');
  await expect(detail).toContainText('At risk: no private key found');
  await expect(detail.getByTestId('key-pair-instances')).toContainText('legacy-app');
  await detail.getByRole('button', { name: 'Recover access…' }).first().click();
  await expect(page.locator('main#main')).toHaveAttribute('data-page', 'recover');
  // The Recover page takes the one instance it was sent, with its key pair, and checks it.
  const target = page.getByRole('region', { name: 'Instance to recover' });
  await expect(target).toContainText('legacy-app');
  await expect(target).toContainText('us-east-1 · key pair legacy-app-key');
  await expect(page.getByTestId('recover-findings')).toContainText('The instance is running.');
});

exportTest(
  'the search box narrows the table and CSV export writes just the rows shown where the Save dialog chose',
  async ({ app, saveDialog }) => {
    const { page } = app;
    await expect(page.getByRole('table', { name: 'Key pairs' }).locator('tbody tr')).toHaveCount(
      demoKeyPairs.length,
    );
    await page.getByRole('searchbox').fill('bastion');
    await expect(page.getByRole('table', { name: 'Key pairs' }).locator('tbody tr')).toHaveCount(1);
    await expect(page.getByTestId('inventory-count')).toHaveText(`1 of ${demoKeyPairs.length} key pairs`);
    await page.getByRole('button', { name: 'Export 1 shown as CSV' }).click();
    const path = join(
      saveDialog.downloads,
      `keyrescue-inventory-${new Date().toISOString().slice(0, 10)}.csv`,
    );
    await expect(page.getByText(`Exported 1 shown key pair (of 5) to ${path}`)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Show in folder' })).toBeVisible();
    expect(saveDialog.openedAt).toEqual([path]);
    const bytes = await readFile(path);
    // A UTF-8 BOM first, so Excel on Japanese Windows reads the file as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'region,name,id,type,fingerprint,createTime,atRisk,instances,localMatches,tags',
    );
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(csv.split('\r\n')[1]).toMatch(/^us-east-1,practice-rsa,/);
    expect(csv).not.toContain('legacy-app-key');
    await page.getByRole('button', { name: 'Show in folder' }).click();
    await expect
      .poll(() => app.callsTo('shell:showItemInFolder'))
      .toEqual([expect.objectContaining({ ok: true, input: { path } })]);
  },
);

test('a key pair is deleted after typing its name', async ({ app }) => {
  const { page } = app;
  await page.locator('tr[data-key-pair="laptop-rsa"]').getByRole('button', { name: 'laptop-rsa' }).click();
  await page
    .getByTestId('key-pair-detail')
    .locator('..')
    .locator('..')
    .getByRole('button', { name: 'Delete…' })
    .click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete key pair laptop-rsa?' });
  await expect(dialog.getByTestId('delete-instances')).toContainText('debian-worker');
  const confirm = dialog.getByRole('button', { name: 'Delete key pair' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type laptop-rsa to confirm').fill('laptop-rs');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type laptop-rsa to confirm').fill('laptop-rsa');
  await confirm.click();
  await expect(page.locator('tr[data-key-pair="laptop-rsa"]')).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Key pairs' }).locator('tbody tr')).toHaveCount(
    demoKeyPairs.length - 1,
  );
  await expect
    .poll(() => app.callsTo('keypairs:delete'))
    .toEqual([
      expect.objectContaining({
        ok: true,
        // The dialog names the account its preview showed, so a switch meanwhile deletes nothing else.
        input: { region: 'us-east-1', name: 'laptop-rsa', confirmName: 'laptop-rsa', accountId: 'practice' },
      }),
    ]);
});
