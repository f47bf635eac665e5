import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DialogPort } from '../src/app/ports';
import { expect, test } from './harness';

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

// Keys made by ssh-keygen for this file: an RSA key in classic PEM and an encrypted Ed25519 key in
// OpenSSH format. The result is checked with puttygen, the program the output is meant for. Made in
// beforeAll, not at module level: Playwright also loads spec files to list tests, where no hook runs.
let dir = '';
let outDir = '';
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keyrescue-e2e-converter-'));
  outDir = join(dir, 'out');
  mkdirSync(outDir);
  run('ssh-keygen', [
    '-q',
    '-t',
    'rsa',
    '-b',
    '2048',
    '-m',
    'PEM',
    '-N',
    '',
    '-C',
    'rsa-e2e',
    '-f',
    join(dir, 'web.pem'),
  ]);
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'old secret', '-C', 'ed-e2e', '-f', join(dir, 'ed-enc')]);
  writeFileSync(join(dir, 'new-pass'), 'n3w passphrase here\n');
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

// No native dialog can open in the Chromium harness: this fake stands in for Electron's, answering
// the file picker with the two keys (our stand-in for dropping them) and the folder chooser with outDir.
const dialogs: DialogPort = {
  openKeyFiles: async () => [join(dir, 'web.pem'), join(dir, 'ed-enc')],
  chooseFolder: async () => outDir,
  showItemInFolder: async () => undefined,
};
test.use({ coreOptions: { dialogs } });

test('two keys → PPK v3 with a new passphrase; puttygen accepts the files', async ({ app }) => {
  const { page } = app;
  await app.openPage('converter');
  // The sidebar also has a "Convert" button; look inside the page only.
  const main = page.locator('main#main');
  await page.getByRole('button', { name: 'Choose files…' }).click();
  const items = page.getByTestId('converter-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('PEM (PKCS#1)');
  await expect(items.nth(0)).toContainText('RSA 2048');
  await expect(items.nth(0)).toContainText(
    run('ssh-keygen', ['-l', '-f', join(dir, 'web.pem')]).split(' ')[1]!,
  );
  await expect(items.nth(1)).toContainText('Encrypted');

  const convert = main.getByRole('button', { name: 'Convert', exact: true });
  await expect(convert).toBeDisabled();
  await page.getByLabel('Passphrase for ed-enc').fill('old secret');
  await page.getByLabel('Passphrase for ed-enc').press('Enter');
  await expect(items.nth(1).getByTestId('converter-unlocked')).toBeVisible();
  await page.getByLabel('Set a new passphrase').check();
  await page.getByLabel(/^New passphrase/).fill('n3w passphrase here');
  await expect(page.getByText('Strong.')).toBeVisible();
  await page.getByLabel(/^Confirm new passphrase/).fill('n3w passphrase her');
  await expect(page.getByText('The passphrases do not match.').first()).toBeVisible();
  await page.getByLabel(/^Confirm new passphrase/).fill('n3w passphrase here');
  await convert.click();

  const results = page.getByTestId('converter-result');
  await expect(results).toHaveCount(2);
  await expect(page.getByText('2 converted, 0 failed')).toBeVisible();
  await expect(results.nth(0)).toContainText(join(dir, 'web.ppk'));
  await expect(results.nth(1)).toContainText(join(dir, 'ed-enc.ppk'));
  await expect(results.nth(0).getByRole('button', { name: 'Copy public key' })).toBeVisible();

  // The filled-in page (key facts, passphrase fields, results) has no serious accessibility problems.
  const axe = await new AxeBuilder({ page }).include('main#main').analyze();
  expect(
    axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
  ).toEqual([]);

  // The renderer never received private key material.
  expect(JSON.stringify(app.calls)).not.toMatch(/PRIVATE KEY|PuTTY-User-Key-File/);

  for (const [out, source] of [
    ['web.ppk', 'web.pem'],
    ['ed-enc.ppk', 'ed-enc'],
  ] as const) {
    const file = join(dir, out);
    await expect.poll(() => existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/^PuTTY-User-Key-File-3: .*\nEncryption: aes256-cbc\n/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // puttygen decrypts the private half with the new passphrase and gets the original key.
    const exported = join(dir, `${out}.check`);
    run('puttygen', [
      file,
      '--old-passphrase',
      join(dir, 'new-pass'),
      '-O',
      'private-openssh-new',
      '--new-passphrase',
      join(dir, 'new-pass'),
      '-o',
      exported,
    ]);
    const expected =
      source === 'ed-enc'
        ? run('ssh-keygen', ['-y', '-P', 'old secret', '-f', join(dir, source)])
        : run('ssh-keygen', ['-y', '-f', join(dir, source)]);
    expect(
      run('ssh-keygen', ['-y', '-P', 'n3w passphrase here', '-f', exported]).trim().split(' ').slice(0, 2),
    ).toEqual(expected.trim().split(' ').slice(0, 2));
  }
});

test('a dropped key is converted into the chosen folder; failures are shown per file', async ({ app }) => {
  const { page } = app;
  await app.openPage('converter');
  // The sidebar also has a "Convert" button; look inside the page only.
  const main = page.locator('main#main');
  // Drop two files onto the zone. Without the Electron preload there is no file path, so the page
  // reads the dropped text and the output goes into the chosen folder.
  const pem = readFileSync(join(dir, 'web.pem'), 'utf8');
  const pub = readFileSync(join(dir, 'ed-enc.pub'), 'utf8');
  const dataTransfer = await page.evaluateHandle(
    ([a, b]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([a], 'dropped.pem'));
      transfer.items.add(new File([b], 'ed-enc.pub'));
      return transfer;
    },
    [pem, pub] as const,
  );
  await page.getByTestId('converter-drop').dispatchEvent('drop', { dataTransfer });
  const items = page.getByTestId('converter-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(1)).toContainText('This is a public key, not a private key.');
  await expect(page.getByText('Choose a folder (pasted keys have no folder of their own).')).toBeVisible();
  await page.getByRole('button', { name: 'Choose folder…' }).click();
  await expect(page.getByTestId('converter-out-dir')).toHaveText(outDir);
  await page.getByLabel('Target format').selectOption('ppk2');
  await expect(page.getByText('PPK v2 protects the passphrase with SHA-1')).toBeVisible();
  await main.getByRole('button', { name: 'Convert', exact: true }).click();
  await expect(page.getByText('1 converted, 0 failed')).toBeVisible();
  const written = join(outDir, 'pasted-key.ppk');
  await expect.poll(() => existsSync(written)).toBe(true);
  expect(run('puttygen', [written, '-l']).split(' ').slice(0, 3)).toEqual(
    run('puttygen', [join(dir, 'web.pem'), '-l'])
      .split(' ')
      .slice(0, 3),
  );

  // Converting again refuses to replace the file and says so for that file.
  await main.getByRole('button', { name: 'Convert', exact: true }).click();
  await expect(page.getByText('0 converted, 1 failed')).toBeVisible();
  await expect(page.getByTestId('converter-result')).toContainText('already exists');
});
