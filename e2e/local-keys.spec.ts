import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test as practiceTest } from './inventory-fixture';

/**
 * "Private keys on this computer" (renderer/features/local-keys) against real files made by the real
 * ssh-keygen: every source with its key count (the practice keys folder and the keys KeyRescue wrote
 * included), adding a folder, an encrypted key unlocked by its passphrase and then matched, sources
 * taken off the list while their files stay, and files that gave no key shown with the reason.
 */

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });
const passphrase = 'correct horse battery staple';

/** The files a test starts with, and what the fake dialogs answer next (no native dialog runs here). */
interface LocalKeyFiles {
  sshDir: string;
  /** A folder with two keys and a symlink that loops (a file that cannot be read). */
  teamKeys: string;
  loop: string;
  /** An encrypted PKCS#1 PEM without its .pub: its public part is readable only with the passphrase. */
  locked: string;
  lockedPublicKey: string;
  /** A text file that is not a key. */
  notes: string;
  dialog: { folder: string | null; files: string[] };
}

const test = practiceTest.extend<{ files: LocalKeyFiles }>({
  files: async ({ practice }, use) => {
    const sshDir = join(practice.home, '.ssh');
    const keygen = (path: string, type: 'ed25519' | 'rsa', extra: string[] = []) =>
      run('ssh-keygen', ['-q', '-t', type, '-C', `e2e-${type}`, '-f', path, ...extra]);
    keygen(join(sshDir, 'id_ed25519'), 'ed25519', ['-N', '']);
    const locked = join(sshDir, 'locked.pem');
    keygen(locked, 'rsa', ['-b', '2048', '-m', 'PEM', '-N', passphrase]);
    const lockedPublicKey = (await readFile(`${locked}.pub`, 'utf8')).trim();
    await rm(`${locked}.pub`);
    const teamKeys = join(practice.home, 'team-keys');
    await mkdir(teamKeys);
    keygen(join(teamKeys, 'deploy_a'), 'ed25519', ['-N', '']);
    keygen(join(teamKeys, 'deploy_b'), 'ed25519', ['-N', '']);
    const loop = join(teamKeys, 'looping_key');
    await symlink(loop, loop);
    const notes = join(practice.home, 'notes.txt');
    await writeFile(notes, 'shopping list\n');
    // Everything is under the practice fixture's home, which its teardown removes.
    await use({
      sshDir,
      teamKeys,
      loop,
      locked,
      lockedPublicKey,
      notes,
      dialog: { folder: null, files: [] },
    });
  },
  coreOptions: async ({ coreOptions, files }, use) => {
    await use({
      ...coreOptions,
      dialogs: {
        openKeyFiles: async () => files.dialog.files,
        chooseFolder: async () => files.dialog.folder,
        showItemInFolder: async () => undefined,
      },
    });
  },
});

const panelOf = (page: Page, title: string) =>
  page.locator('section.card').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

/** Each source row as "kind | path | badges…" (one line), in the order shown. */
async function sourceRows(page: Page): Promise<string[]> {
  return (await page.getByTestId('key-source').allInnerTexts()).map((text) =>
    text
      .split('\n')
      .map((part) => part.trim())
      .filter(Boolean)
      .join(' | '),
  );
}

const privateKeyCell = (page: Page, name: string) => page.locator(`tr[data-key-pair="${name}"] td`).nth(5);

/** Files under `dir` (recursively) whose bytes contain `text`. */
async function filesHolding(dir: string, text: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  const hits: string[] = [];
  for (const entry of names.filter((name) => name.isFile())) {
    const path = join(entry.parentPath, entry.name);
    if ((await readFile(path)).includes(text)) hits.push(path);
  }
  return hits;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

test('every source is listed with its key count; an added folder is remembered and removed from the list only', async ({
  app,
  files,
  practice,
}) => {
  const { page } = app;
  const panel = panelOf(page, 'Private keys on this computer');
  const practiceKeys = join(practice.home, '..', 'practice-keys');
  // ~/.ssh holds one plain key and the encrypted one (counted, though it waits for its passphrase).
  await expect
    .poll(() => sourceRows(page))
    .toEqual([
      `SSH folder | ${files.sshDir} | always scanned | 2 keys`,
      `Practice account keys | ${practiceKeys} | 4 keys`,
    ]);
  await expect(panel.locator('.card-subtitle')).toHaveText('6 private keys found');
  await expect(privateKeyCell(page, 'legacy-app-key')).toHaveText('At risk');

  // A key KeyRescue writes (here New key's generate call, into a folder the dialog gave) is a source too.
  const saved = join(practice.home, 'saved');
  await mkdir(saved);
  files.dialog.folder = saved;
  await app.invoke('dialog:chooseFolder', {});
  const written = join(saved, 'written_key');
  await app.invoke('keys:generate', { type: 'ed25519', format: 'openssh', outputPath: written });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(panel.getByText('1 key KeyRescue wrote')).toBeVisible();
  await panel.getByText('Keys KeyRescue wrote').click();
  await expect(panel.locator('.local-key-written li')).toHaveText([`${written} 1 key`]);
  await expect(panel.locator('.card-subtitle')).toHaveText('7 private keys found');

  files.dialog.folder = files.teamKeys;
  await panel.getByRole('button', { name: 'Add folder…' }).click();
  await expect
    .poll(() => sourceRows(page))
    .toEqual([
      `SSH folder | ${files.sshDir} | always scanned | 2 keys`,
      `Added folder | ${files.teamKeys} | 2 keys | Remove from this list`,
      `Practice account keys | ${practiceKeys} | 4 keys`,
      // Opened above: the written keys' row lists each file with its count.
      `Keys KeyRescue wrote 1 key KeyRescue wrote | ${written} | 1 key`,
    ]);
  await expect(panel.locator('.card-subtitle')).toHaveText('9 private keys found');

  // The looping symlink in that folder is reported with its reason, never skipped silently.
  const problems = panel.getByTestId('scan-problems');
  await expect(problems.locator('.local-key-problems-title')).toHaveText('1 file could not be used');
  await expect(problems.locator('li')).toHaveText([
    `${files.loop} leads into a loop of symbolic links. Fix or remove the link, or choose the file it should point to.`,
  ]);
  await expect(problems).toContainText(
    'Some files could not be read, so no key pair is called at risk: its key may be among them.',
  );
  // The demo's lost-key pair is Unknown, not At risk, while a file is unreadable (its key may be that file).
  await expect(privateKeyCell(page, 'legacy-app-key')).toHaveText('Unknown');

  // Added folders are remembered: a restarted window lists it again.
  await app.reload();
  await expect
    .poll(() => sourceRows(page))
    .toContain(`Added folder | ${files.teamKeys} | 2 keys | Remove from this list`);

  await panel
    .getByRole('button', { name: `Remove ${files.teamKeys} from this list (the file is not deleted)` })
    .click();
  await expect
    .poll(() => sourceRows(page))
    .toEqual([
      `SSH folder | ${files.sshDir} | always scanned | 2 keys`,
      `Practice account keys | ${practiceKeys} | 4 keys`,
      'Keys KeyRescue wrote 1 key KeyRescue wrote',
    ]);
  await expect(panel.locator('.card-subtitle')).toHaveText('7 private keys found');
  await expect(panel.getByTestId('scan-problems')).toHaveCount(0);
  await expect(privateKeyCell(page, 'legacy-app-key')).toHaveText('At risk');
  // Taken off the list, not deleted: the folder and its keys are still there, and it stays forgotten.
  expect(await exists(join(files.teamKeys, 'deploy_a'))).toBe(true);
  expect(await exists(join(files.teamKeys, 'deploy_b'))).toBe(true);
  await expect
    .poll(async () => JSON.parse(await readFile(join(app.userDataDir, 'key-folders.json'), 'utf8')))
    .toEqual({ folders: [] });
  // No source row offers removal for ~/.ssh or the practice keys folder.
  await expect(panel.getByRole('button', { name: /from this list/ })).toHaveCount(0);
});

test('an encrypted key asks for its passphrase, refuses a wrong one, then matches its key pair', async ({
  app,
  files,
}) => {
  const { page } = app;
  const panel = panelOf(page, 'Private keys on this computer');
  await app.invoke('keypairs:import', {
    region: 'us-east-1',
    name: 'locked-laptop',
    source: { kind: 'text', text: files.lockedPublicKey },
    tags: [],
  });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(privateKeyCell(page, 'locked-laptop')).toHaveText('Not found');

  const locked = panel.getByTestId('needs-passphrase');
  await expect(locked).toContainText(
    '1 encrypted key needs its passphrase to match (its public part is not readable).',
  );
  await expect(locked).toContainText(
    'Kept in memory for this session only; it is never saved, logged or shown again.',
  );
  const field = locked.getByLabel(`Passphrase for ${files.locked}`);
  const unlock = locked.getByRole('button', { name: 'Unlock' });
  await expect(unlock).toBeDisabled();
  await field.fill('not the passphrase');
  await unlock.click();
  await expect(locked).toContainText(`Wrong passphrase for ${files.locked}.`);
  // The typed text does not stay in the window once main refused it.
  await expect(field).toHaveValue('');
  await expect(privateKeyCell(page, 'locked-laptop')).toHaveText('Not found');

  await field.fill(passphrase);
  await unlock.click();
  await expect(page.getByText(`${files.locked} was unlocked and matched`)).toBeVisible();
  await expect(panel.getByTestId('needs-passphrase')).toHaveCount(0);
  await expect(privateKeyCell(page, 'locked-laptop')).toHaveText('Found');
  // Never stored: no file of the user-data folder and nothing in the window holds the passphrase.
  expect(await filesHolding(app.userDataDir, passphrase)).toEqual([]);
  expect(await page.content()).not.toContain(passphrase);
  await expect
    .poll(() => app.callsTo('inventory:unlockKey').map((call) => (call.ok ? 'ok' : call.code)))
    .toEqual(['keys.wrongPassphrase', 'ok']);
  // Held in main for the session: a key pair of the same key imported elsewhere is matched by the
  // next Refresh (its row appearing shows the refresh finished) without asking again.
  await app.invoke('keypairs:import', {
    region: 'us-east-1',
    name: 'locked-laptop-copy',
    source: { kind: 'text', text: files.lockedPublicKey },
    tags: [],
  });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(privateKeyCell(page, 'locked-laptop-copy')).toHaveText('Found');
  await expect(privateKeyCell(page, 'locked-laptop')).toHaveText('Found');
  await expect(panel.getByTestId('needs-passphrase')).toHaveCount(0);
});

test('a file that is not a key is reported when added, and removing it leaves the file in place', async ({
  app,
  files,
}) => {
  const { page } = app;
  const panel = panelOf(page, 'Private keys on this computer');
  await expect(panel.locator('.card-subtitle')).toHaveText('6 private keys found');
  files.dialog.files = [files.notes];
  await panel.getByRole('button', { name: 'Add key files…' }).click();
  const toast = page.locator('.toast', { hasText: 'Not a private key' });
  await expect(toast).toContainText(`${files.notes} is not a key format KeyRescue reads.`);
  await expect
    .poll(() => sourceRows(page))
    .toContain(`Added file | ${files.notes} | Not a private key | Remove from this list`);
  await expect(panel.getByTestId('scan-problems').locator('li')).toHaveText([
    `${files.notes} is not a key format KeyRescue reads.`,
  ]);
  await expect(panel.locator('.card-subtitle')).toHaveText('6 private keys found');

  await panel
    .getByRole('button', { name: `Remove ${files.notes} from this list (the file is not deleted)` })
    .click();
  await expect.poll(() => sourceRows(page)).toHaveLength(2);
  await expect(panel.getByTestId('scan-problems')).toHaveCount(0);
  expect(await readFile(files.notes, 'utf8')).toBe('shopping list\n');
});

test('in Japanese: sources, an unreadable file, the passphrase and 一覧から外す', async ({
  app,
  files,
  practice,
}) => {
  const { page } = app;
  await app.invoke('settings:set', { language: 'ja' });
  await app.reload();
  const panel = panelOf(page, 'このコンピューター上の秘密鍵');
  const practiceKeys = join(practice.home, '..', 'practice-keys');
  await expect
    .poll(() => sourceRows(page))
    .toEqual([
      `SSH フォルダー | ${files.sshDir} | 常に検索 | 2 件の鍵`,
      `練習用アカウントの鍵 | ${practiceKeys} | 4 件の鍵`,
    ]);
  await expect(panel.locator('.card-subtitle')).toHaveText('6 件の秘密鍵が見つかりました');

  files.dialog.folder = files.teamKeys;
  await panel.getByRole('button', { name: 'フォルダーを追加…' }).click();
  await expect
    .poll(() => sourceRows(page))
    .toContain(`追加したフォルダー | ${files.teamKeys} | 2 件の鍵 | 一覧から外す`);
  const problems = panel.getByTestId('scan-problems');
  await expect(problems.locator('.local-key-problems-title')).toHaveText('1 件のファイルを使えませんでした');
  await expect(problems.locator('li')).toHaveText([
    `${files.loop} はシンボリックリンクがループしています。リンクを直すか削除するか、リンク先のファイルを選んでください。`,
  ]);

  const locked = panel.getByTestId('needs-passphrase');
  await expect(locked).toContainText(
    '1 件の暗号化された鍵は、照合にパスフレーズが必要です（公開鍵部分を読み取れません）。',
  );
  const field = locked.getByLabel(`${files.locked} のパスフレーズ`);
  await field.fill('違うパスフレーズ');
  await locked.getByRole('button', { name: '解除する' }).click();
  await expect(locked).toContainText(`${files.locked} のパスフレーズが違います。`);
  await field.fill(passphrase);
  await locked.getByRole('button', { name: '解除する' }).click();
  await expect(page.getByText(`${files.locked} を解除して照合しました`)).toBeVisible();
  await expect(panel.getByTestId('needs-passphrase')).toHaveCount(0);

  files.dialog.files = [files.notes];
  await panel.getByRole('button', { name: '鍵ファイルを追加…' }).click();
  await expect(page.locator('.toast', { hasText: '秘密鍵ではありません' })).toContainText(
    `${files.notes} は KeyRescue が読める鍵形式ではありません。`,
  );
  await expect
    .poll(() => sourceRows(page))
    .toContain(`追加したファイル | ${files.notes} | 秘密鍵ではありません | 一覧から外す`);

  await panel
    .getByRole('button', { name: `${files.teamKeys} を一覧から外す（ファイルは削除されません）` })
    .click();
  await panel
    .getByRole('button', { name: `${files.notes} を一覧から外す（ファイルは削除されません）` })
    .click();
  await expect
    .poll(() => sourceRows(page))
    .toEqual([
      `SSH フォルダー | ${files.sshDir} | 常に検索 | 2 件の鍵`,
      `練習用アカウントの鍵 | ${practiceKeys} | 4 件の鍵`,
    ]);
  await expect(panel.getByTestId('scan-problems')).toHaveCount(0);
  expect(await exists(join(files.teamKeys, 'deploy_a'))).toBe(true);
  expect(await exists(files.notes)).toBe(true);
});
