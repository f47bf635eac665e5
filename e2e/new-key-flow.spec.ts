import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test as practiceTest } from './inventory-fixture';

/** Where the fake Save dialog was opened; it answers with the file it was opened at (the user's OK). */
const saveDialogOpenedAt: string[] = [];
const test = practiceTest.extend({
  coreOptions: async ({ coreOptions }, use) => {
    saveDialogOpenedAt.length = 0;
    // No native dialog can run here: this one stands in for the user accepting the offered folder.
    await use({
      ...coreOptions,
      dialogs: {
        openKeyFiles: async () => [],
        chooseFolder: async () => null,
        saveKeyFile: async ({ defaultPath }) => {
          saveDialogOpenedAt.push(defaultPath);
          return defaultPath;
        },
        showItemInFolder: async () => undefined,
      },
    });
  },
});

test('switching the method keeps what was typed, and the disabled button says what is missing', async ({
  app,
  practice,
}) => {
  const { page } = app;
  await app.openPage('new-key');
  const blockers = page.getByTestId('new-key-blockers');
  const submit = page.getByRole('button', { name: 'Create and import' });
  await expect(submit).toBeDisabled();
  await expect(blockers).toHaveText('Enter a key pair name.');

  await page.getByLabel('Key pair name').fill('kept-name');
  await page.getByRole('button', { name: 'Add tag' }).click();
  await page.getByLabel('Tag 1 key').fill('team');
  await page.getByLabel('Tag 1 value').fill('ops');
  await page.getByLabel(/^Passphrase \(/).fill('first words');
  await page.getByLabel('Confirm passphrase').fill('other words');
  await expect(blockers).toHaveText('The passphrases do not match.');
  await expect(submit).toBeDisabled();
  await page.getByLabel('Confirm passphrase').fill('first words');
  await expect(blockers).toHaveCount(0);
  await expect(submit).toBeEnabled();

  await page.getByRole('radio', { name: 'Let AWS generate it' }).check({ force: true });
  await expect(page.getByLabel('Key pair name')).toHaveValue('kept-name');
  await expect(page.getByLabel('Tag 1 value')).toHaveValue('ops');
  await expect(page.getByLabel(/^Passphrase \(/)).toHaveValue('first words');
  // AWS returns PEM or PPK: the default file name follows the format in effect.
  await expect(page.getByLabel('Save to')).toHaveValue(join(practice.home, '.ssh', 'kept-name.pem'));

  await page.getByRole('radio', { name: 'Import a public key' }).check({ force: true });
  await expect(page.getByLabel('Key pair name')).toHaveValue('kept-name');
  await expect(page.getByLabel('Tag 1 key')).toHaveValue('team');
  await expect(blockers).toHaveText('Paste a public key.');
  await expect(page.getByRole('button', { name: 'Import key pair' })).toBeDisabled();

  await page.getByRole('radio', { name: 'Generate here and import (recommended)' }).check({ force: true });
  await expect(page.getByLabel('Save to')).toHaveValue(join(practice.home, '.ssh', 'kept-name'));
  await expect(page.getByLabel('Confirm passphrase')).toHaveValue('first words');
  await page.getByLabel('Key pair name').fill('');
  await expect(blockers).toHaveText('Enter a key pair name.');
});

test('"file exists" offers a free name, or replacing the file after a confirmation naming it', async ({
  app,
  practice,
}) => {
  const { page } = app;
  const sshDir = join(practice.home, '.ssh');
  const existing = join(sshDir, 'e2e-exists');
  await writeFile(existing, 'a file the user keeps');
  await app.openPage('new-key');
  await page.getByLabel('Key pair name').fill('e2e-exists');
  await page.getByRole('button', { name: 'Create and import' }).click();
  await expect(page.getByText('e2e-exists already exists')).toBeVisible();
  await expect(page.getByTestId('new-key-file-exists')).toHaveText(
    `${existing} is already there. Save the new key under another name, or replace that file.`,
  );
  // Nothing was created in AWS by the refused attempt.
  expect(
    practice.sandbox.control.state.regions['us-east-1']?.keyPairs.some(
      (pair) => pair.keyName === 'e2e-exists',
    ),
  ).toBe(false);

  await page.getByRole('button', { name: 'Save as e2e-exists-2' }).click();
  await expect(page.getByTestId('new-key-done')).toContainText(join(sshDir, 'e2e-exists-2'));
  expect(await readFile(existing, 'utf8')).toBe('a file the user keeps');

  await page.getByRole('button', { name: 'Create another' }).click();
  await page.getByLabel('Key pair name').fill('e2e-replacing');
  await page.getByLabel('Save to').fill(existing);
  await page.getByRole('button', { name: 'Create and import' }).click();
  await page.getByRole('button', { name: 'Replace…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Replace e2e-exists?' });
  await expect(dialog).toContainText(`${existing} will be replaced by the new private key.`);
  // Cancelling keeps the file.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await readFile(existing, 'utf8')).toBe('a file the user keeps');
  expect(saveDialogOpenedAt).toEqual([]);
  await page.getByRole('button', { name: 'Replace…' }).click();
  await dialog.getByRole('button', { name: 'Replace', exact: true }).click();
  // ~/.ssh takes new keys, but a file there is replaced only once picked in the Save dialog.
  await expect(page.getByTestId('new-key-done')).toContainText(existing);
  expect(saveDialogOpenedAt).toEqual([existing]);
  await expect
    .poll(async () => (await readFile(existing, 'utf8')).split('\n')[0])
    .toBe('-----BEGIN OPENSSH PRIVATE KEY-----');
});

async function box(locator: Locator) {
  const value = await locator.boundingBox();
  if (!value) throw new Error('not laid out');
  return value;
}

const labels = {
  en: { heading: 'New key', passphrase: /^Passphrase \(/, confirm: 'Confirm passphrase', addTag: 'Add tag' },
  ja: {
    heading: '新しい鍵',
    passphrase: /^パスフレーズ \(/,
    confirm: 'パスフレーズ（確認）',
    addTag: 'タグを追加',
  },
} as const;

for (const language of ['en', 'ja'] as const) {
  for (const width of [860, 1180]) {
    test(`layout: passphrase pair aligned, "Add tag" not full width (${language}, ${width} px)`, async ({
      app,
    }) => {
      const { page } = app;
      const text = labels[language];
      await page.setViewportSize({ width, height: 1100 });
      await app.invoke('settings:set', { language });
      await app.reload();
      await app.openPage('new-key');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.heading);
      const passphrase = page.getByLabel(text.passphrase);
      const confirm = page.getByLabel(text.confirm);
      const expectAligned = async () => {
        const [first, second] = [await box(passphrase), await box(confirm)];
        expect(second.height).toBe(first.height);
        // Side by side: same top; stacked (narrow form): one under the other.
        if (second.x > first.x) expect(second.y).toBe(first.y);
        else expect(second.y).toBeGreaterThan(first.y + first.height);
      };
      await expectAligned();
      // The mismatch message under the confirmation must not move or stretch either input.
      await confirm.fill('different');
      await passphrase.fill('something');
      await expect(page.locator('.field-error')).toHaveCount(1);
      await expectAligned();

      const addTag = page.getByRole('button', { name: text.addTag });
      const tags = page.locator('.new-key-tags');
      expect((await box(addTag)).width).toBeLessThan((await box(tags)).width / 2);
      await addTag.click();
      await addTag.click();
      const row = await box(page.locator('.new-key-tag-row').first());
      expect(row.width).toBeLessThanOrEqual((await box(tags)).width + 0.5);

      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({
        path: `e2e/artifacts/new-key-${language}-${width}.png`,
        fullPage: true,
        animations: 'disabled',
      });
    });
  }
}
