import { expect, exportTest as base } from './inventory-fixture';
import { layoutProblems } from './layout-checks';
import { chooseRescueVolume, confirmAndStart, toPathScreen } from './stop-path-wizard';

/**
 * The two stop paths in the wizard end to end on the practice account (real router, engine and
 * sandbox with realistic timings, real SDK over HTTP): the demo's lost-key instance recovered by
 * user data at the next boot, and by its root volume edited on ops-box (same zone, SSM), each with
 * the typed downtime consent, the live timeline and a verified login. Screenshots in both languages.
 */
const test = base;
test.use({ sandboxSpeed: 'realistic' });

test('user data path: the steps listed, the consent typed, the stop live, verified', async ({ app }) => {
  test.setTimeout(240_000);
  const { page } = app;
  await toPathScreen(page);
  await page.getByRole('radio', { name: /User data/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  const planned = page.getByTestId('recover-planned').locator('li:not([data-step="ingress-add"])');
  await expect(planned).toHaveText([
    'Save the instance’s current user data (exact bytes)',
    'Stop the instance and wait until it is stopped',
    'Set the recovery user data (adds the key at the next boot)',
    'Start the instance and wait until it runs',
    'Read the key script’s result from the console output',
    'Log in with the new key (a fresh SSH login)',
    'Stop the instance again',
    'Put the original user data back, byte for byte',
    'Start the instance again',
    'Log in with the new key again',
  ]);
  await expect(page.getByTestId('recover-hazards')).toContainText('The instance is down while it is stopped');
  await confirmAndStart(page);

  // The live timeline: the stop waited for, its seconds moving.
  const stop = page.locator('[data-step="stop-instance"][data-state="running"]');
  await expect(stop).toContainText(/Stopping… \d+ s/, { timeout: 60_000 });
  await page.screenshot({ path: 'e2e/artifacts/recover-userdata-running-en.png', animations: 'disabled' });

  const verified = page.getByTestId('recover-verified');
  await expect(verified).toContainText('Access recovered: the new key logs in', { timeout: 180_000 });
  await expect(page.locator('[data-step][data-state="done"]')).toHaveCount(
    await page.locator('[data-testid="recover-steps"] [data-step]').count(),
  );
  await expect(page.locator('[data-step="verify-after-restore"][data-state="done"]')).toBeVisible();
  await expect
    .poll(() => app.callsTo('recovery:start').map((call) => [call.ok, call.input]))
    .toEqual([
      [true, expect.objectContaining({ path: 'userData', downtimeConfirmed: expect.stringMatching(/^i-/) })],
    ]);
  expect(await layoutProblems(page.locator('main#main'))).toEqual([]);
  await page.screenshot({
    path: 'e2e/artifacts/recover-userdata-verified-en.png',
    animations: 'disabled',
    fullPage: true,
  });
  expect(await app.emit('settings:changed', { language: 'ja', theme: 'dark' })).toBe(1);
  await expect(verified).toContainText('アクセスを回復しました');
  await expect(page.locator('[data-step="restore-user-data"]')).toContainText(
    '元のユーザーデータをバイト単位でそのまま戻す',
  );
  await page.screenshot({
    path: 'e2e/artifacts/recover-userdata-verified-ja.png',
    animations: 'disabled',
    fullPage: true,
  });
});

test('rescue volume path: ops-box picked, the snapshot and the stop live (in Japanese), verified', async ({
  app,
}) => {
  test.setTimeout(240_000);
  const { page } = app;
  await toPathScreen(page);
  await chooseRescueVolume(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('recover-planned').locator('li:not([data-step="ingress-add"])')).toHaveCount(
    12,
  );
  await confirmAndStart(page);

  // The rest in Japanese: the live notes follow the window's language.
  expect(await app.emit('settings:changed', { language: 'ja', theme: 'light' })).toBe(1);
  const snapshot = page.locator('[data-step="snapshot-root"][data-state="running"]');
  await expect(snapshot.getByTestId('recover-snapshot-progress')).toContainText(
    /スナップショット \d{1,3} %/,
    {
      timeout: 60_000,
    },
  );
  await expect(snapshot.getByRole('progressbar', { name: 'スナップショットの進み具合' })).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/recover-rescue-snapshot-ja.png', animations: 'disabled' });
  await expect(page.locator('[data-step="stop-target"][data-state="running"]')).toContainText(
    /停止しています… \d+ 秒/,
    { timeout: 60_000 },
  );

  const verified = page.getByTestId('recover-verified');
  await expect(verified).toContainText('アクセスを回復しました', { timeout: 180_000 });
  await expect(page.locator('[data-step="reattach-root"][data-state="done"]')).toBeVisible();
  await expect(page.getByTestId('recover-snapshot')).toContainText(/snap-[0-9a-f]+/);
  await expect
    .poll(() => app.callsTo('recovery:start').map((call) => [call.ok, call.input]))
    .toEqual([
      [
        true,
        expect.objectContaining({
          path: 'rescueVolume',
          rescueVia: 'ssm',
          rescueInstanceId: expect.stringMatching(/^i-/),
          downtimeConfirmed: expect.stringMatching(/^i-/),
        }),
      ],
    ]);
  expect(await layoutProblems(page.locator('main#main'))).toEqual([]);
  await page.screenshot({
    path: 'e2e/artifacts/recover-rescue-verified-ja.png',
    animations: 'disabled',
    fullPage: true,
  });
  expect(await app.emit('settings:changed', { language: 'en', theme: 'light' })).toBe(1);
  await expect(verified).toContainText('Access recovered: the new key logs in');
  await page.screenshot({
    path: 'e2e/artifacts/recover-rescue-verified-en.png',
    animations: 'disabled',
    fullPage: true,
  });
});
