import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DialogPort } from '../src/app/ports';
import { expect, test } from './harness';

/**
 * A slow passphrase check (a real ssh-keygen -a 200 key: 200 bcrypt rounds, within the 256 bound)
 * shows Cancel; Cancel aborts the key derivation in main and the row says it was cancelled. A
 * conversion of a slow key (-a 48: seconds here) can be cancelled too, and writes nothing.
 */
const PASS = 'slow secret';
let dir = '';
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keyrescue-e2e-convert-cancel-'));
  execFileSync('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-a',
    '200',
    '-N',
    PASS,
    '-C',
    'slow',
    '-f',
    join(dir, 'slow'),
  ]);
  execFileSync('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-a',
    '48',
    '-N',
    PASS,
    '-C',
    'medium',
    '-f',
    join(dir, 'medium'),
  ]);
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** No native dialog runs in the Chromium harness: this stand-in answers the file picker. */
let picked = 'slow';
const dialogs: DialogPort = {
  openKeyFiles: async () => [join(dir, picked)],
  chooseFolder: async () => dir,
  showItemInFolder: async () => undefined,
};
test.use({ coreOptions: { dialogs } });

test('Cancel aborts a slow passphrase check with "cancelled"; Unlock can be tried again', async ({ app }) => {
  const { page } = app;
  picked = 'slow';
  await app.openPage('converter');
  await page.getByRole('button', { name: 'Choose files…' }).click();
  const row = page.getByTestId('converter-item');
  await expect(row).toContainText('Encrypted');
  await row.getByLabel('Passphrase for slow').fill(PASS);
  await row.getByRole('button', { name: 'Unlock' }).click();
  const cancel = row.getByRole('button', { name: 'Cancel checking the passphrase of slow' });
  await expect(cancel).toBeVisible();
  const start = Date.now();
  await cancel.click();
  await expect(row.getByText(`Loading ${join(dir, 'slow')} was cancelled.`)).toBeVisible();
  // Promptly: 200 bcrypt rounds take many seconds here; the derivation was stopped, not awaited.
  expect(Date.now() - start).toBeLessThan(3000);
  await expect(cancel).toBeHidden();
  await expect(row.getByTestId('converter-unlocked')).toBeHidden();
  await expect(row.getByRole('button', { name: 'Unlock' })).toBeEnabled();
});

test('Cancel converting stops a slow conversion in main; nothing is written', async ({ app }) => {
  const { page } = app;
  picked = 'medium';
  await app.openPage('converter');
  const main = page.locator('main#main');
  await page.getByRole('button', { name: 'Choose files…' }).click();
  const row = page.getByTestId('converter-item');
  await row.getByLabel('Passphrase for medium').fill(PASS);
  await row.getByRole('button', { name: 'Unlock' }).click();
  await expect(row.getByTestId('converter-unlocked')).toBeVisible({ timeout: 30_000 });
  const cancel = main.getByRole('button', { name: 'Cancel converting' });
  await expect(cancel).toBeHidden();
  // Converting re-derives the key from the passphrase (48 bcrypt rounds), long enough to cancel.
  await main.getByRole('button', { name: 'Convert', exact: true }).click();
  await expect(cancel).toBeVisible();
  const start = Date.now();
  await cancel.click();
  await expect(main.getByText('Converting was cancelled; nothing was written.')).toBeVisible();
  expect(Date.now() - start).toBeLessThan(3000);
  await expect(cancel).toBeHidden();
  await expect.poll(() => app.callsTo('keys:cancel').length).toBe(1);
  expect(readdirSync(dir).sort()).toEqual(['medium', 'medium.pub', 'slow', 'slow.pub']);
});
