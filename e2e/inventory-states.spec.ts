import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, exportTest, test } from './inventory-fixture';

const table = (page: import('@playwright/test').Page) => page.getByRole('table', { name: 'Key pairs' });

test('a key pair imported on the New key page is in the inventory without a Refresh', async ({ app }) => {
  const { page } = app;
  await expect(table(page).locator('tbody tr')).toHaveCount(5);
  const { regions } = await app.refreshInventory(['eu-west-1']);
  const publicKey = regions[0]?.keyPairs.find((keyPair) => keyPair.name === 'eu-deploy')?.publicKey ?? '';

  await app.openPage('new-key');
  await page.getByRole('radio', { name: 'Import a public key' }).check({ force: true });
  await page.getByLabel('Key pair name').fill('imported-elsewhere');
  await page.getByLabel('Public key', { exact: true }).fill(publicKey);
  await page.getByRole('button', { name: 'Import key pair' }).click();
  await expect(page.getByTestId('new-key-done')).toBeVisible();

  // Back through the sidebar, not "Show in inventory": nobody asks the inventory to refresh.
  await app.openPage('inventory');
  await expect(page.locator('tr[data-key-pair="imported-elsewhere"]')).toHaveCount(1);
  await expect(table(page).locator('tbody tr')).toHaveCount(6);
  await expect(page.getByTestId('inventory-count')).toHaveText('6 of 6 key pairs');
});

test('the details panel closes with its button and when its row is filtered away', async ({ app }) => {
  const { page } = app;
  const detail = page.getByTestId('key-pair-detail');
  await page.locator('tr[data-key-pair="laptop-rsa"]').getByRole('button', { name: 'laptop-rsa' }).click();
  await expect(detail).toBeVisible();
  await page.getByRole('button', { name: 'Close details' }).click();
  await expect(detail).toHaveCount(0);
  await expect(page.locator('tr[data-key-pair="laptop-rsa"] .inventory-row-open')).toHaveAttribute(
    'aria-pressed',
    'false',
  );

  await page.locator('tr[data-key-pair="laptop-rsa"]').getByRole('button', { name: 'laptop-rsa' }).click();
  await expect(detail).toContainText('debian-worker');
  await page.getByRole('searchbox').fill('legacy');
  await expect(table(page).locator('tbody tr')).toHaveCount(1);
  await expect(detail).toHaveCount(0);
  // Clearing the search brings the row back, not the details of a row the user no longer looked at.
  await page.getByRole('searchbox').fill('');
  await expect(table(page).locator('tbody tr')).toHaveCount(5);
  await expect(detail).toHaveCount(0);
});

test('a key pair no instance names says so once', async ({ app }) => {
  const { page } = app;
  await expect(table(page).locator('tbody tr')).toHaveCount(5);
  const { regions } = await app.refreshInventory(['eu-west-1']);
  const publicKey = regions[0]?.keyPairs.find((keyPair) => keyPair.name === 'eu-deploy')?.publicKey ?? '';
  await app.invoke('keypairs:import', {
    region: 'us-east-1',
    name: 'nobody-uses-me',
    source: { kind: 'text', text: publicKey },
    tags: [],
  });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page
    .locator('tr[data-key-pair="nobody-uses-me"]')
    .getByRole('button', { name: 'nobody-uses-me' })
    .click();
  const detail = page.getByTestId('key-pair-detail');
  await expect(detail.getByTestId('key-pair-no-instances')).toHaveText('No instance names this key pair.');
  await expect(detail.getByText(/instances? names? this key pair/i)).toHaveCount(1);
  await expect(detail).not.toContainText('0 instances');
});

test('every region throttled is an error state in Japanese with 再試行, not an empty account', async ({
  app,
  practice,
}) => {
  const { page } = app;
  await app.invoke('settings:set', { language: 'ja' });
  practice.sandbox.control.setFault('DescribeKeyPairs', { kind: 'throttle' });
  await app.reload();
  const unreadable = page.getByTestId('inventory-unreadable');
  await expect(unreadable).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('このアカウントのリージョンをひとつも読み込めませんでした')).toBeVisible();
  const reasons = unreadable.getByTestId('region-errors').locator('li');
  await expect(reasons.first()).toContainText('AWS のリクエスト制限にかかりました');
  const count = await reasons.count();
  expect(count).toBeGreaterThan(1);
  for (const reason of await reasons.all()) await expect(reason).toContainText('リクエスト制限');
  // Never the SDK's (or the service's) English inside the Japanese UI, and never "no key pairs yet".
  const main = page.locator('main#main');
  await expect(main).not.toContainText(/throttl|Request limit|Rate exceeded|even after retries/i);
  await expect(main).not.toContainText('キーペアがありません');
  await page.screenshot({ path: 'e2e/artifacts/inventory-unreadable-ja.png', animations: 'disabled' });

  practice.sandbox.control.clearFaults();
  await page.getByRole('button', { name: '再試行' }).click();
  await expect(page.getByRole('table', { name: 'キーペア' }).locator('tbody tr')).toHaveCount(5);
  await expect(unreadable).toHaveCount(0);
});

test('a deny policy on DescribeKeyPairs says "not allowed", and Try again recovers once allowed', async ({
  app,
  practice,
}) => {
  const { page } = app;
  await expect(table(page).locator('tbody tr')).toHaveCount(5);
  practice.sandbox.control.deny(['ec2:DescribeKeyPairs']);
  await page.getByRole('button', { name: 'Refresh' }).click();
  const unreadable = page.getByTestId('inventory-unreadable');
  await expect(page.getByText('No region of this account could be read')).toBeVisible();
  await expect(unreadable.getByTestId('region-errors').locator('li').first()).toContainText(
    'is not allowed to call DescribeKeyPairs',
  );
  await expect(page.getByText('No key pairs yet')).toHaveCount(0);
  await expect(table(page)).toHaveCount(0);

  practice.sandbox.control.allow(['ec2:DescribeKeyPairs']);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(table(page).locator('tbody tr')).toHaveCount(5);
});

for (const [kind, english, japanese] of [
  ['unavailable', "This is on AWS's side", 'AWS 側の問題です'],
  ['drop-connection', 'could not be reached', 'AWS のエンドポイントに接続できません'],
] as const) {
  test(`every region failing with "${kind}" names that reason by code, in both languages`, async ({
    app,
    practice,
  }) => {
    const { page } = app;
    await expect(table(page).locator('tbody tr')).toHaveCount(5);
    practice.sandbox.control.setFault('DescribeKeyPairs', { kind });
    await page.getByRole('button', { name: 'Refresh' }).click();
    const reasons = page.getByTestId('inventory-unreadable').getByTestId('region-errors').locator('li');
    await expect(reasons.first()).toContainText(english, { timeout: 30_000 });

    await app.invoke('settings:set', { language: 'ja' });
    await app.reload();
    await expect(reasons.first()).toContainText(japanese, { timeout: 30_000 });
    await expect(page.getByRole('button', { name: '再試行' })).toBeVisible();
  });
}

exportTest(
  'export without a filter writes every key pair to the chosen file and says where',
  async ({ app, saveDialog }) => {
    const { page } = app;
    await expect(table(page).locator('tbody tr')).toHaveCount(5);
    await page.getByRole('button', { name: 'Export JSON' }).click();
    const path = join(
      saveDialog.downloads,
      `keyrescue-inventory-${new Date().toISOString().slice(0, 10)}.json`,
    );
    await expect(page.getByText(`Exported all 5 key pairs to ${path}`)).toBeVisible();
    const json = JSON.parse(await readFile(path, 'utf8')) as { name: string }[];
    expect(json.map((keyPair) => keyPair.name).sort()).toEqual([
      'eu-deploy',
      'laptop-rsa',
      'legacy-app-key',
      'practice-ed25519',
      'practice-rsa',
    ]);
  },
);
