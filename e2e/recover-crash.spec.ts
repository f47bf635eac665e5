import { join } from 'node:path';
import { expect, onlyJournal, test } from './crash-fixture';
import type { KeyRescueApp } from './harness';
import { layoutProblems } from './layout-checks';
import {
  instanceNamed,
  publicBlobOf,
  rootOf,
  setUserDataOf,
  sshAs,
  userDataOf,
  volumesOn,
} from './practice-instances';
import { chooseRescueVolume, confirmAndStart, toPathScreen } from './stop-path-wizard';

/**
 * A crash mid-recovery (issue 11): a stop-path run in the wizard on the practice account, its core
 * SIGKILLed while the live timeline shows the instance stopping or starting — the core runs in a
 * child process here, as Electron's main does; the sandbox, like AWS, goes on. A new core on the
 * same user-data folder and a reloaded window: the unfinished-recovery list shows the run (instance,
 * path, last step) with Resume and Roll back, and either ends as the sandbox then proves.
 */
test.use({ sandboxSpeed: 'realistic' });

/** The wizard's ~/.ssh file for the new key of legacy-app. */
const newKeyPath = (home: string) => join(home, '.ssh', 'legacy-app-recovered');

/** Reads the journal after the kill: its id, and its last step as the list must name it. */
async function cutJournal(userDataDir: string) {
  const journal = await onlyJournal(userDataDir);
  if (!journal) throw new Error('the run wrote no journal');
  const last = [...journal.entries].reverse().find((entry) => entry.stepId !== undefined);
  return { id: journal.id, entries: journal.entries, last };
}

/** After the crash: the window reloaded on the new core, the recover page; the list's entry of `id`. */
async function reloadAfterCrash(app: KeyRescueApp, id: string) {
  await app.reload();
  await app.openPage('recover');
  const list = app.page.getByRole('list', { name: 'An unfinished recovery' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  return list.locator(`[data-recovery="${id}"]`);
}

test('rescue volume path killed while the instance stops: reloaded, the unfinished run resumes to verified', async ({
  app,
  coreProcess,
  ec2,
  practice,
  userDataDir,
}) => {
  test.setTimeout(240_000);
  const { page } = app;
  const legacyApp = (await instanceNamed(ec2, 'legacy-app')).InstanceId ?? '';
  const opsBox = (await instanceNamed(ec2, 'ops-box')).InstanceId ?? '';
  const rootBefore = await rootOf(ec2, 'legacy-app');
  const opsBoxVolumes = await volumesOn(ec2, opsBox);
  await toPathScreen(page);
  await chooseRescueVolume(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await confirmAndStart(page);

  // Mid-way: the snapshot done, the stop sent and waited for (5 s in the realistic sandbox).
  await expect(page.locator('[data-step="snapshot-root"][data-state="done"]')).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.locator('[data-step="stop-target"][data-state="running"]')).toContainText(
    /Stopping… \d+ s/,
    { timeout: 60_000 },
  );
  const killed = coreProcess.pid;
  await coreProcess.kill();
  const cut = await cutJournal(userDataDir);
  expect(cut.last).toMatchObject({ type: 'intent', stepId: 'stop-target' });
  expect(cut.entries.map((entry) => entry.type)).not.toContain('verified');

  await coreProcess.start();
  expect(coreProcess.pid).not.toBe(killed);
  const item = await reloadAfterCrash(app, cut.id);
  await expect(item.locator('code')).toHaveText(cut.id);
  await expect(item.locator('.recover-muted')).toHaveText([
    `${legacyApp} · us-east-1 · Rescue volume (stop, edit the root volume) · as ec2-user`,
    /^Last step: Stop the instance and wait until it is stopped \(started\) · .+$/,
  ]);
  await expect(item.getByRole('button')).toHaveText(['Resume', 'Roll back…', 'Abandon…']);
  expect(await layoutProblems(page.locator('main#main'))).toEqual([]);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: 'e2e/artifacts/recover-unfinished-en.png', animations: 'disabled' });
  expect(await app.emit('settings:changed', { language: 'ja', theme: 'light' })).toBe(1);
  const listJa = page.getByRole('list', { name: '終わっていない復旧' });
  await expect(listJa.locator('.recover-muted')).toHaveText([
    `${legacyApp} · us-east-1 · レスキューボリューム（停止してルートボリュームを編集） · ec2-user として`,
    /^最後の手順：インスタンスを停止し、停止するまで待つ（開始） · .+$/,
  ]);
  await expect(listJa.getByRole('button')).toHaveText(['再開', '元に戻す…', '中断…']);
  await page.screenshot({ path: 'e2e/artifacts/recover-unfinished-ja.png', animations: 'disabled' });
  expect(await app.emit('settings:changed', { language: 'en', theme: 'light' })).toBe(1);

  // Resume: the new core goes on from the journal; the stop is found done (or waited for) by its check.
  await item.getByRole('button', { name: 'Resume' }).click();
  const verified = page.getByTestId('recover-verified');
  await expect(verified).toContainText('Access recovered: the new key logs in', { timeout: 180_000 });
  await expect(page.locator('[data-step="reattach-root"][data-state="done"]')).toBeVisible();
  await expect(page.locator('[data-step="start-target"][data-state="done"]')).toBeVisible();
  await expect
    .poll(() => app.callsTo('recovery:resume').map((call) => [call.ok, call.input]))
    .toEqual([[true, { recoveryId: cut.id }]]);
  await expect(page.getByRole('list', { name: 'An unfinished recovery' })).toHaveCount(0);
  expect((await onlyJournal(userDataDir))?.entries.map((entry) => entry.type)).toContain('verified');

  // The sandbox: legacy-app running on its own root volume again, ops-box as before, one key line.
  expect(await rootOf(ec2, 'legacy-app')).toEqual(rootBefore);
  expect(await volumesOn(ec2, opsBox)).toEqual(opsBoxVolumes);
  const blob = await publicBlobOf(newKeyPath(practice.home));
  expect(
    await sshAs(
      ec2,
      'legacy-app',
      newKeyPath(practice.home),
      practice.home,
      `grep -c '${blob}' .ssh/authorized_keys`,
    ),
  ).toEqual({ code: 0, stdout: '1\n' });
});

test('user data path killed while the instance starts: reloaded, the unfinished run rolls back to as before', async ({
  app,
  coreProcess,
  ec2,
  practice,
  userDataDir,
}) => {
  test.setTimeout(240_000);
  const { page } = app;
  const legacyApp = (await instanceNamed(ec2, 'legacy-app')).InstanceId ?? '';
  // Its own user data, which the recovery's replaces and the rollback must put back byte for byte.
  const original = Buffer.from('#cloud-config\n# legacy-app original\nbootcmd: [true]\n');
  await setUserDataOf(ec2, 'legacy-app', original);
  const userDataBefore = await userDataOf(ec2, legacyApp);
  expect(Buffer.from(userDataBefore ?? '', 'base64').equals(original)).toBe(true);
  await toPathScreen(page);
  await page.getByRole('radio', { name: /User data/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await confirmAndStart(page);

  // Mid-way: stopped, the recovery's user data set, the start sent and waited for (4 s).
  await expect(page.locator('[data-step="set-user-data"][data-state="done"]')).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.locator('[data-step="start-instance"][data-state="running"]')).toContainText(
    /Starting… \d+ s/,
    { timeout: 60_000 },
  );
  await coreProcess.kill();
  const cut = await cutJournal(userDataDir);
  expect(cut.last).toMatchObject({ type: 'intent', stepId: 'start-instance' });
  expect(await userDataOf(ec2, legacyApp)).not.toBe(userDataBefore);

  await coreProcess.start();
  const item = await reloadAfterCrash(app, cut.id);
  await expect(item.locator('.recover-muted')).toHaveText([
    `${legacyApp} · us-east-1 · User data (stop and start) · as ec2-user`,
    /^Last step: Start the instance and wait until it runs \(started\) · .+$/,
  ]);
  await expect(item.getByRole('button')).toHaveText(['Resume', 'Roll back…', 'Abandon…']);

  await item.getByRole('button', { name: 'Roll back…' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Roll back recovery ${cut.id}?` });
  await expect(dialog).toContainText(
    `Every step that changed ${legacyApp} or AWS is undone from the journal`,
  );
  await dialog.getByRole('button', { name: 'Roll back' }).click();
  await expect(page.getByText('Rolled back: the instance is as it was before the recovery')).toBeVisible({
    timeout: 180_000,
  });
  await expect
    .poll(() => app.callsTo('recovery:rollback').map((call) => [call.ok, call.input]))
    .toEqual([[true, { recoveryId: cut.id }]]);
  await expect(page.getByRole('list', { name: 'An unfinished recovery' })).toHaveCount(0);
  expect((await onlyJournal(userDataDir))?.entries.at(-1)).toMatchObject({ type: 'rolledBack' });

  // The sandbox: legacy-app running with its own user data, and sshd refuses the new key.
  expect((await rootOf(ec2, 'legacy-app')).state).toBe('running');
  expect(await userDataOf(ec2, legacyApp)).toBe(userDataBefore);
  expect((await sshAs(ec2, 'legacy-app', newKeyPath(practice.home), practice.home, 'true')).code).toBe(255);
});
