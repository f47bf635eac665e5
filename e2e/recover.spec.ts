import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, exportTest as test } from './inventory-fixture';
import { layoutProblems } from './layout-checks';

/**
 * The recovery wizard end to end on the practice account: from the inventory's at-risk banner to a
 * verified recovery of the demo's lost-key instance (legacy-app), with the advised choices only —
 * at most 6 clicks (issue 10 §8) — through the real router, recovery engine and sandbox (real SDK
 * over HTTP, the sandbox's SSH endpoint). Screenshots of the result in both languages.
 */
test('at-risk banner → verified recovery of legacy-app in at most 6 clicks', async ({
  app,
  practice,
  saveDialog,
}) => {
  test.setTimeout(180_000);
  const { page } = app;
  let clicks = 0;
  const click = async (locator: Locator) => {
    clicks += 1;
    await locator.click();
  };

  const banner = page.getByRole('alert').filter({ hasText: '1 key pair is at risk' });
  await expect(banner).toBeVisible();
  await click(banner.getByRole('button', { name: 'Recover access…' }));

  // One at-risk instance: the wizard takes it and checks it (read-only) without a click.
  await expect(page.locator('main#main')).toHaveAttribute('data-page', 'recover');
  await expect(page.getByRole('region', { name: 'Instance to recover' })).toContainText('legacy-app');
  await expect(page.getByTestId('recover-findings')).toContainText('The instance is running.', {
    timeout: 30_000,
  });
  // The live checklist: every check ran in turn and ended with its findings under its name.
  await expect
    .poll(() =>
      page
        .locator('[data-check]')
        .evaluateAll((items) => items.map((item) => `${item.dataset.check} ${item.dataset.state}`)),
    )
    .toEqual([
      'identity done',
      'instance done',
      'savedKey.ec2rl done',
      'attributes done',
      'image done',
      'network done',
      'ssm done',
      'permissions done',
      'savedKey.keyPair done',
    ]);
  await expect(page.locator('[data-check="ssm"]')).toHaveText(
    'Systems ManagerNote: Systems Manager does not manage the instance: it has no instance profile (IAM role).1 finding',
  );
  await expect(page.getByRole('button', { name: 'Check again' })).toBeVisible();
  await click(page.getByRole('button', { name: 'Continue' }));

  // The advised way in is preselected.
  await expect(page.getByRole('radio', { name: /EC2 Instance Connect/ })).toBeChecked();
  await click(page.getByRole('button', { name: 'Continue' }));

  // The new key's defaults: Ed25519, OpenSSH, a new file in ~/.ssh named after the instance.
  const keyPath = join(practice.home, '.ssh', 'legacy-app-recovered');
  await expect(page.getByLabel('Save the private key to')).toHaveValue(keyPath);
  await click(page.getByRole('button', { name: 'Continue' }));

  const planned = page.getByTestId('recover-planned').getByRole('listitem');
  await expect(planned.last()).toHaveText('Log in with the new key (a fresh SSH login)');
  await click(page.getByRole('button', { name: 'Start recovery' }));

  const verified = page.getByTestId('recover-verified');
  await expect(verified).toContainText('Access recovered: the new key logs in', { timeout: 120_000 });
  await expect(page.getByTestId('recover-host-key')).toContainText('SHA256:');
  await expect(page.locator('[data-step="verify"][data-state="done"]')).toBeVisible();
  expect(clicks).toBeLessThanOrEqual(6);
  // The host key accepted on first connect, compared with the keys legacy-app printed at boot.
  const hostKey = /SHA256:[A-Za-z0-9+/]{43}/.exec(
    (await page.getByTestId('recover-host-key').textContent()) ?? '',
  );
  expect(hostKey).not.toBeNull();
  await page.getByRole('button', { name: 'Compare with the console output' }).click();
  await expect(page.getByTestId('host-key-verdict')).toHaveAttribute('data-verdict', 'match', {
    timeout: 30_000,
  });
  await expect(page.getByText('The fingerprint matches the console output')).toBeVisible();
  await expect(page.getByTestId('host-key-verdict')).toContainText(`The SSH server showed ${hostKey?.[0]}`);
  await expect
    .poll(() => app.callsTo('recovery:consoleHostKeys').map((call) => [call.ok, call.input]))
    .toEqual([[true, expect.objectContaining({ accountId: 'practice', region: 'us-east-1' })]]);
  // The private key was written where the wizard said, and the run was through the router.
  await expect
    .poll(async () => (await readFile(keyPath, 'utf8')).split('\n')[0])
    .toBe('-----BEGIN OPENSSH PRIVATE KEY-----');
  await expect.poll(() => app.callsTo('recovery:start').map((call) => call.ok)).toEqual([true]);
  expect(await layoutProblems(page.locator('main#main'))).toEqual([]);

  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({
    path: 'e2e/artifacts/recover-verified-en.png',
    animations: 'disabled',
    fullPage: true,
  });
  expect(await app.emit('settings:changed', { language: 'ja', theme: 'dark' })).toBe(1);
  await expect(verified).toContainText('アクセスを回復しました');
  await expect(page.getByRole('button', { name: '後片付けへ進む' })).toBeVisible();
  await expect(page.getByText('フィンガープリントはコンソール出力と一致しました')).toBeVisible();
  await page.screenshot({
    path: 'e2e/artifacts/recover-verified-ja.png',
    animations: 'disabled',
    fullPage: true,
  });

  // Cleanup (the old key's line out, the old key pair deleted after its preview, a ~/.ssh/config
  // entry) and the report, in Japanese.
  await page.getByRole('button', { name: '後片付けへ進む' }).click();
  await page.getByRole('checkbox', { name: 'キーペア legacy-app-key を EC2 から削除する' }).check();
  // The inventory's delete preview: the practice instance that still names the old key pair.
  const preview = page.getByTestId('delete-preview');
  await expect(preview.getByTestId('delete-instances')).toHaveText(/^i-[0-9a-f]+ legacy-app（実行中）$/);
  await expect(preview).toContainText('1 台のインスタンスがまだこのキーペアを指定しています');
  const previewedKeyPairId = await preview.getAttribute('data-key-pair-id');
  expect(previewedKeyPairId).toMatch(/^key-[0-9a-f]+$/);
  expect(await layoutProblems(page.locator('main#main'))).toEqual([]);
  await page.screenshot({
    path: 'e2e/artifacts/recover-cleanup-ja.png',
    animations: 'disabled',
    fullPage: true,
  });
  await page.getByRole('button', { name: '後片付けを実行' }).click();
  await expect(page.getByText('後片付けが終わりました')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('[data-step="remove-old-key"][data-state="done"]')).toBeVisible();
  await expect(page.locator('[data-step="delete-old-key-pair"][data-state="done"]')).toBeVisible();
  // Only the key pair the preview showed may be deleted: the wizard sent its id.
  expect(app.callsTo('recovery:cleanup').map((call) => call.input)).toEqual([
    expect.objectContaining({ deleteOldKeyPair: true, previewedKeyPairId }),
  ]);
  await expect
    .poll(async () => readFile(join(practice.home, '.ssh', 'config'), 'utf8').catch(() => ''))
    .toContain('Host legacy-app');
  await page.getByRole('button', { name: 'レポートへ進む' }).click();
  const report = page.getByTestId('recover-report');
  await expect(report).toContainText('rec-');
  // Every step sentence in Japanese too (the journal's English is not shown).
  await expect(report).toContainText('authorized\\_keys に鍵を追加しました');
  await expect(report).not.toContainText('Added the key');
  // Saved as Markdown through main's Save dialog (faked here: it answers with the path it offers).
  await page.getByRole('button', { name: 'Markdown として保存…' }).click();
  const recoveryId = /`(rec-[0-9a-f-]+)`/.exec((await report.textContent()) ?? '')?.[1] ?? '';
  const saved = join(saveDialog.downloads, `keyrescue-${recoveryId}.md`);
  await expect(page.getByTestId('recover-report-saved')).toHaveText(`保存先：${saved}`);
  expect(saveDialog.openedAt).toEqual([saved]);
  expect(await readFile(saved, 'utf8')).toBe(await report.textContent());
  await page.screenshot({
    path: 'e2e/artifacts/recover-report-ja.png',
    animations: 'disabled',
    fullPage: true,
  });
});
