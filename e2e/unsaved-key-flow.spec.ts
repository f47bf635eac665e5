import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadBundled } from './harness/node-bundle';
import { expect, test as practiceTest } from './inventory-fixture';

interface UnsavedFixtures {
  /** Set false to let the private key writer work again. */
  disk: { failing: boolean };
  /** The folder the fake folder dialog answers with. */
  chosenFolder: string;
}

const test = practiceTest.extend<UnsavedFixtures, { keyFilesModule: typeof import('../src/keys/key-files') }>(
  {
    keyFilesModule: [
      // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
      async ({}, use) => {
        await use(await loadBundled<typeof import('../src/keys/key-files')>('src/keys/key-files.ts'));
      },
      { scope: 'worker' },
    ],
    // eslint-disable-next-line no-empty-pattern -- as above
    disk: async ({}, use) => {
      await use({ failing: true });
    },
    chosenFolder: async ({ practice }, use) => {
      const folder = join(practice.home, 'keys');
      await mkdir(folder);
      await use(folder); // inside the practice home, removed with it
    },
    coreOptions: async ({ coreOptions, disk, chosenFolder, keyFilesModule }, use) => {
      await use({
        ...coreOptions,
        // The one mock here: a disk that fails mid-write cannot be produced reliably as root in CI.
        privateKeyWrite: async (path, text, options) => {
          if (disk.failing) throw new Error(`The disk is full; ${path} was not written.`);
          await keyFilesModule.writePrivateKeyFile(path, text, options);
        },
        // No native dialog can run here: this one stands in for the user picking `chosenFolder`.
        dialogs: {
          openKeyFiles: async () => [],
          chooseFolder: async () => chosenFolder,
          showItemInFolder: async () => undefined,
        },
      });
    },
  },
);

test('an AWS-created key that could not be saved blocks quitting until it is saved in a chosen folder', async ({
  app,
  practice,
  disk,
  chosenFolder,
}) => {
  const { page } = app;
  await app.openPage('new-key');
  await page.getByRole('radio', { name: 'Let AWS generate it' }).check({ force: true });
  await page.getByLabel('Key pair name').fill('e2e-unsaved');
  await page.getByRole('button', { name: 'Create in AWS and save' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'The private key of e2e-unsaved is not saved yet' });
  await expect(dialog).toBeVisible();
  // The core's quit blockers now name it: main asks before quitting.
  await expect
    .poll(async () => (await app.invoke('app:quitBlockers', {})).blockers)
    .toEqual([{ kind: 'keypairs.unsavedPrivateKeys', count: 1 }]);

  const path = dialog.getByLabel('Save to (full path)');
  await expect(path).toHaveValue(join(practice.home, '.ssh', 'e2e-unsaved.pem'));
  await dialog.getByRole('button', { name: 'Choose folder…' }).click();
  await expect(path).toHaveValue(join(chosenFolder, 'e2e-unsaved.pem'));
  disk.failing = false;
  await dialog.getByRole('button', { name: 'Save here' }).click();
  await expect(page.getByTestId('new-key-done')).toContainText(join(chosenFolder, 'e2e-unsaved.pem'));
  await expect(dialog).toBeHidden();
  expect((await stat(join(chosenFolder, 'e2e-unsaved.pem'))).mode & 0o777).toBe(0o600);
  expect(await app.invoke('app:quitBlockers', {})).toEqual({ blockers: [] });
});
