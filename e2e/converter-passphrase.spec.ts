import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { DialogPort } from '../src/app/ports';
import { expect, test } from './harness';

/**
 * The Convert tab and passphrases: an encrypted key is checked when its passphrase is entered,
 * keeps that passphrase by default (puttygen opens the result with it), loses it only by an
 * explicit choice with a warning; a batch is all or nothing; the form's fields line up.
 */
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });
const OLD = 'old secret';
// Made in beforeAll, not at load: Playwright also loads this file in its runner process, which
// never runs afterAll, so a folder made at load time would be left behind.
let dir = '';
let batch = '';
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keyrescue-e2e-convert-pass-'));
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', OLD, '-C', 'enc-e2e', '-f', join(dir, 'enc')]);
  writeFileSync(join(dir, 'old-pass'), `${OLD}\n`);
  writeFileSync(join(dir, 'empty-pass'), '\n');
  batch = join(dir, 'batch');
  mkdirSync(batch);
  for (const name of ['a', 'b', 'c', 'd'])
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', join(batch, name)]);
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** No native dialog runs in the Chromium harness: this stand-in answers the file picker. */
let picked: string[] = [];
const dialogs: DialogPort = {
  openKeyFiles: async () => picked,
  chooseFolder: async () => dir,
  showItemInFolder: async () => undefined,
};
test.use({ coreOptions: { dialogs } });

const publicHalf = (line: string) => line.trim().split(' ').slice(0, 2).join(' ');

test('a passphrase is checked when entered; the output keeps it unless Remove is chosen', async ({ app }) => {
  const { page } = app;
  picked = [join(dir, 'enc')];
  await app.openPage('converter');
  const main = page.locator('main#main');
  await page.getByRole('button', { name: 'Choose files…' }).click();
  const row = page.getByTestId('converter-item');
  await expect(row).toContainText('Encrypted');
  const convert = main.getByRole('button', { name: 'Convert', exact: true });
  await expect(page.getByText('Unlock every encrypted key with its passphrase.')).toBeVisible();

  // A wrong passphrase is refused at the key's row, before any Convert.
  const field = page.getByLabel('Passphrase for enc');
  await field.fill('not it');
  await field.press('Enter');
  await expect(row.getByText(`Wrong passphrase for ${join(dir, 'enc')}.`)).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(convert).toBeDisabled();
  expect(app.callsTo('keys:convert')).toHaveLength(0);

  await field.fill(OLD);
  await row.getByRole('button', { name: 'Unlock' }).click();
  await expect(row.getByTestId('converter-unlocked')).toContainText('The passphrase is correct.');
  // Unlocked, the key shows what only its private half tells: the comment inside the encryption.
  await expect(row).toContainText('enc-e2e');

  // Default: keep the current passphrase.
  await expect(page.getByLabel('Keep the current passphrase')).toBeChecked();
  await convert.click();
  const result = page.getByTestId('converter-result');
  await expect(result).toContainText('same passphrase as before');
  const out = join(dir, 'enc.ppk');
  expect(readFileSync(out, 'utf8')).toContain('Encryption: aes256-cbc\n');
  // puttygen opens it with the old passphrase and finds the original key; an empty one is refused.
  run('puttygen', [
    out,
    '--old-passphrase',
    join(dir, 'old-pass'),
    '-O',
    'private-openssh-new',
    '--new-passphrase',
    join(dir, 'empty-pass'),
    '-o',
    join(dir, 'opened'),
  ]);
  expect(publicHalf(run('ssh-keygen', ['-y', '-P', '', '-f', join(dir, 'opened')]))).toBe(
    publicHalf(readFileSync(join(dir, 'enc.pub'), 'utf8')),
  );
  const locked = ['--old-passphrase', join(dir, 'empty-pass'), '-O', 'private-openssh'];
  expect(spawnSync('puttygen', [out, ...locked, '-o', join(dir, 'never')]).status).not.toBe(0);

  // Removing it is an explicit choice, with a visible warning.
  await expect(page.getByText('anyone who gets a copy can use the key')).toHaveCount(0);
  await page.getByLabel('Remove the passphrase').check();
  await expect(page.getByText('The converted files will have no passphrase')).toBeVisible();
  await page.getByLabel('Replace files that already exist').check();
  await convert.click();
  await expect(result).toContainText('passphrase removed');
  expect(readFileSync(out, 'utf8')).toContain('Encryption: none\n');
  expect(existsSync(join(dir, 'never'))).toBe(false);
});

test('a batch is all or nothing: a failing 4th key leaves no file; after fixing it a re-run writes all four', async ({
  app,
}) => {
  const { page } = app;
  picked = ['a', 'b', 'c', 'd'].map((name) => join(batch, name));
  // A folder where d.ppk would go: past the "already exists" check with Replace ticked, so the
  // fourth write itself fails after the others may have been written.
  mkdirSync(join(batch, 'd.ppk'));
  const before = readdirSync(batch).sort();
  await app.openPage('converter');
  const main = page.locator('main#main');
  await page.getByRole('button', { name: 'Choose files…' }).click();
  await expect(page.getByTestId('converter-item')).toHaveCount(4);
  await page.getByLabel('Replace files that already exist').check();
  const convert = main.getByRole('button', { name: 'Convert', exact: true });
  await convert.click();
  await expect(
    page.getByText('Nothing was written. Fix the key marked below and convert again.'),
  ).toBeVisible();
  await expect(page.getByText('0 converted, 1 failed')).toBeVisible();
  const results = page.getByTestId('converter-result');
  await expect(results).toHaveCount(4);
  await expect(results.nth(0)).toContainText(
    `${join(batch, 'a')} was not written because another key failed.`,
  );
  expect(readdirSync(batch).sort()).toEqual(before);

  rmSync(join(batch, 'd.ppk'), { recursive: true });
  await convert.click();
  await expect(page.getByText('4 converted, 0 failed')).toBeVisible();
  expect(
    readdirSync(batch)
      .filter((name) => name.endsWith('.ppk'))
      .sort(),
  ).toEqual(['a.ppk', 'b.ppk', 'c.ppk', 'd.ppk']);
  for (const name of ['a', 'b', 'c', 'd'])
    expect(
      run('puttygen', ['-l', join(batch, `${name}.ppk`)])
        .trim()
        .split(' ')[2],
    ).toBe(run('ssh-keygen', ['-l', '-f', join(batch, name)]).split(' ')[1]);
});

/** The boxes of the controls in one grid row: same top and same height means they line up. */
async function expectAligned(controls: Locator[]) {
  const boxes = await Promise.all(controls.map((control) => control.boundingBox()));
  const [first, ...rest] = boxes.map((box) => {
    if (!box) throw new Error('control not rendered');
    return { top: Math.round(box.y), height: Math.round(box.height) };
  });
  for (const box of rest) expect(box).toEqual(first);
}

/** Vertical space between two boxes (negative when they overlap). */
async function gapBetween(upper: Locator, lower: Locator): Promise<number> {
  const [a, b] = await Promise.all([upper.boundingBox(), lower.boundingBox()]);
  if (!a || !b) throw new Error('element not rendered');
  return b.y - (a.y + a.height);
}

async function showEverything(page: Page) {
  await page.getByRole('button', { name: /Choose files…|ファイルを選択…/ }).click();
  await expect(page.getByTestId('converter-item')).toHaveCount(1);
  await page.locator('select').first().selectOption('ppk2');
  await page.getByTestId('converter-passphrase-mode').locator('input[type="radio"]').nth(1).check();
}

for (const language of ['en', 'ja'] as const) {
  test(`layout (${language}): paired fields line up and the PPK v2 warning has room`, async ({ app }) => {
    const { page } = app;
    picked = [join(dir, 'enc')];
    await app.invoke('settings:set', { language });
    await app.reload();
    await app.openPage('converter');
    await showEverything(page);
    // The key's passphrase and its Unlock button form one row.
    const unlockRow = page.locator('.converter-unlock-row');
    await expectAligned([unlockRow.locator('input'), unlockRow.getByRole('button')]);
    const options = page.locator('.converter-grid');
    // Target select and comment; then new passphrase and its confirmation (hint under one only).
    await expectAligned([options.nth(0).locator('select'), options.nth(0).locator('input')]);
    // A hint under the new passphrase only must not stretch the confirmation's input.
    await expectAligned([options.nth(1).locator('input').nth(0), options.nth(1).locator('input').nth(1)]);
    await page.locator('input[autocomplete="new-password"]').first().fill('abc');
    await page.locator('input[autocomplete="new-password"]').nth(1).fill('abd');
    await expect(page.locator('.field-error')).toHaveCount(1);
    await expectAligned([options.nth(1).locator('input').nth(0), options.nth(1).locator('input').nth(1)]);
    // The labels above each pair start on one line too.
    await expectAligned([options.nth(1).locator('label').nth(0), options.nth(1).locator('label').nth(1)]);
    const warning = page.locator('.notice.tone-warning');
    await expect(warning).toBeVisible();
    expect(await gapBetween(options.nth(0), warning)).toBeGreaterThanOrEqual(8);
    expect(await gapBetween(warning, page.getByTestId('converter-passphrase-mode'))).toBeGreaterThanOrEqual(
      8,
    );
    await page.evaluate(() => document.fonts.ready);
    // Tall enough that the whole page (key row and options) is in one picture.
    await page.setViewportSize({ width: 1280, height: 1700 });
    await page.screenshot({
      path: `e2e/artifacts/converter-options-${language}.png`,
      animations: 'disabled',
    });
  });
}
