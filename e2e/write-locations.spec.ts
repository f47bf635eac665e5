import { access, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DialogPort } from '../src/app/ports';
import { expect, test as practiceTest } from './inventory-fixture';

/** What the fake folder dialog answers (no native dialog can open in the Chromium harness). */
const answer: { folder: string | null } = { folder: null };
const dialogs: DialogPort = {
  chooseFolder: async () => answer.folder,
  openKeyFiles: async () => [],
  showItemInFolder: async () => undefined,
};

// The practice fixture's core, plus the fake dialogs: their answers are approved as Electron's are.
const test = practiceTest.extend({
  coreOptions: async ({ coreOptions }, use) => {
    await use({ ...coreOptions, dialogs });
  },
});

test('New key refuses a typed folder the user never chose, then saves once it is chosen with the dialog', async ({
  app,
  practice,
}) => {
  const { page } = app;
  answer.folder = null;
  const keys = join(practice.home, 'keys');
  await mkdir(keys);
  await app.openPage('new-key');
  await page.getByLabel('Key pair name').fill('e2e-typed');
  const typed = join(keys, 'e2e-typed');
  await page.getByLabel('Save to').fill(typed);
  await page.getByRole('button', { name: 'Create and import' }).click();
  await expect(
    page.getByText(
      `KeyRescue saves keys only in your key folder or a folder you chose. Use "Choose folder…" to pick the folder for ${typed}.`,
    ),
  ).toBeVisible();
  await expect
    .poll(() => app.callsTo('keypairs:create').map((call) => call.code))
    .toEqual(['file.notChosen']);
  await expect(access(typed)).rejects.toMatchObject({ code: 'ENOENT' });

  answer.folder = keys;
  await page.getByRole('button', { name: 'Choose folder…' }).click();
  await expect(page.getByLabel('Save to')).toHaveValue(typed);
  await page.getByRole('button', { name: 'Create and import' }).click();
  await expect(page.getByTestId('new-key-done')).toContainText(typed);
  await expect.poll(async () => (await stat(typed)).mode & 0o777).toBe(0o600);
});
