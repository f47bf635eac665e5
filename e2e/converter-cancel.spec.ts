import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DialogPort } from '../src/app/ports';
import { expect, test } from './harness';

/**
 * A slow passphrase check (a real ssh-keygen -a 200 key: 200 bcrypt rounds, within the 256 bound)
 * shows Cancel; Cancel aborts the key derivation in main and the row says it was cancelled.
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
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dialogs: DialogPort = {
  openKeyFiles: async () => [join(dir, 'slow')],
  chooseFolder: async () => dir,
  showItemInFolder: async () => undefined,
};
test.use({ coreOptions: { dialogs } });

test('Cancel aborts a slow passphrase check with "cancelled"; Unlock can be tried again', async ({ app }) => {
  const { page } = app;
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
