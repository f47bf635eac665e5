import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './inventory-fixture';

test('a key made on this computer is saved, imported and appears in the inventory as found', async ({
  app,
  practice,
}) => {
  const { page } = app;
  await app.openPage('new-key');
  await expect(page.getByRole('radio', { name: 'Generate here and import (recommended)' })).toBeChecked();
  await page.getByLabel('Key pair name').fill('e2e-laptop');
  // Ed25519 is the default here, with the Windows caveat shown.
  await expect(page.getByText('Not for Windows instances')).toBeVisible();
  const path = join(practice.home, '.ssh', 'e2e-laptop');
  await expect(page.getByLabel('Save to')).toHaveValue(path);
  await page.getByRole('button', { name: 'Create and import' }).click();
  const done = page.getByTestId('new-key-done');
  await expect(done).toContainText(path);
  await expect.poll(async () => (await stat(path)).mode & 0o777).toBe(0o600);

  await page.getByRole('button', { name: 'Show in inventory' }).click();
  const row = page.locator('tr[data-key-pair="e2e-laptop"]');
  await expect(row).toContainText('Found');
  await expect(row).toHaveAttribute('data-region', 'us-east-1');
});

test('a duplicate name is refused before anything is sent to AWS', async ({ app }) => {
  const { page } = app;
  await app.openPage('new-key');
  await page.getByLabel('Key pair name').fill('practice-rsa');
  await expect(page.getByText('A key pair with this name already exists in us-east-1.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create and import' })).toBeDisabled();
  expect(app.callsTo('keypairs:create')).toEqual([]);
});

test('a pasted public key is imported', async ({ app, practice }) => {
  const { page } = app;
  await app.openPage('new-key');
  await page.getByRole('radio', { name: 'Import a public key' }).check({ force: true });
  await page.getByLabel('Key pair name').fill('pasted-key');
  const keys = await app.refreshInventory(['eu-west-1']);
  const euDeploy = keys.regions[0]?.keyPairs.find((keyPair) => keyPair.name === 'eu-deploy');
  await page.getByLabel('Public key', { exact: true }).fill(euDeploy?.publicKey ?? '');
  await expect(page.getByTestId('import-preview')).toContainText('Ed25519 (256)');
  await page.getByRole('button', { name: 'Import key pair' }).click();
  await expect(page.getByTestId('new-key-done')).toContainText(euDeploy?.fingerprint ?? 'missing');
  await expect
    .poll(() =>
      practice.sandbox.control.state.regions['us-east-1']?.keyPairs.some(
        (keyPair) => keyPair.keyName === 'pasted-key',
      ),
    )
    .toBe(true);
});
