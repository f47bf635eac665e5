import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../../app/clock';
import { maxEntriesPerJournal, RecoveryJournals, type RecoveryStart } from './recovery-journal';
import { renderJournalReport } from './journal-report';

const fingerprint = 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8';
const facts: RecoveryStart = {
  instanceId: 'i-0123456789abcdef0',
  region: 'us-east-1',
  accountLabel: 'Practice account',
  path: 'ssh',
  targetUser: 'ec2-user',
  newKeyFingerprint: fingerprint,
  newKeyPath: '/home/me/.ssh/recovered_ed25519',
};

describe('the recovery journal (real files)', () => {
  let root: string;
  let clock: TestClock;
  let journals: RecoveryJournals;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'keyrescue-journal-'));
    clock = new TestClock('2026-03-04T05:06:07.000Z');
    journals = new RecoveryJournals(join(root, 'user-data'), clock);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** A whole SSH-path recovery, one second per entry. */
  async function fullRecovery() {
    const journal = await journals.start(facts);
    const step = async (entry: Parameters<typeof journal.append>[0]) => {
      clock.advance(1000);
      return journal.append(entry);
    };
    await step({
      type: 'intent',
      stepId: 'append-key',
      does: 'Append the new public key for ec2-user',
      undo: 'Remove the line carrying the new key blob',
    });
    await step({
      type: 'done',
      stepId: 'append-key',
      result: 'Key added; backup authorized_keys.keyrescue-20260304',
    });
    await step({
      type: 'verified',
      targetUser: 'ec2-user',
      host: '203.0.113.10',
      newKeyFingerprint: fingerprint,
    });
    await step({ type: 'finished' });
    return journal;
  }

  it('writes one JSON line per entry with sequence numbers and times from the clock, 0600 in 0700', async () => {
    const journal = await fullRecovery();
    expect(journal.id).toMatch(/^rec-20260304-050607-[0-9a-f]{8}$/);
    const path = join(root, 'user-data', 'journals', `${journal.id}.jsonl`);
    const lines = (await readFile(path, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((entry) => [entry.seq, entry.type, entry.at])).toEqual([
      [1, 'started', '2026-03-04T05:06:07.000Z'],
      [2, 'intent', '2026-03-04T05:06:08.000Z'],
      [3, 'done', '2026-03-04T05:06:09.000Z'],
      [4, 'verified', '2026-03-04T05:06:10.000Z'],
      [5, 'finished', '2026-03-04T05:06:11.000Z'],
    ]);
    expect(lines[0]).toEqual({
      ...facts,
      v: 1,
      seq: 1,
      at: '2026-03-04T05:06:07.000Z',
      type: 'started',
      recoveryId: journal.id,
    });
    if (process.platform !== 'win32') {
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect((await stat(join(root, 'user-data', 'journals'))).mode & 0o777).toBe(0o700);
    }
    expect((await journals.read(journal.id)).entries).toEqual(journal.entries);
    await expect(journal.append({ type: 'abandoned' })).rejects.toMatchObject({ code: 'journal.outOfOrder' });
  });

  it('refuses a private key, a passphrase-like blob or an unknown field, writing nothing', async () => {
    const journal = await journals.start(facts);
    const dir = join(root, 'k');
    execFileSync('mkdir', ['-p', dir]);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'k')]);
    const privateKey = await readFile(join(dir, 'k'), 'utf8');
    const before = await readFile(join(journals.folder, `${journal.id}.jsonl`), 'utf8');
    const attempts = [
      { type: 'intent', stepId: 'leak', does: privateKey, undo: 'nothing' },
      { type: 'intent', stepId: 'leak', does: privateKey.split('\n').slice(1, 3).join(''), undo: 'nothing' },
      { type: 'intent', stepId: 'leak', does: `key ${privateKey.split('\n')[1]}`, undo: 'nothing' },
      { type: 'done', stepId: 'leak', result: 'x', privateKey },
      { type: 'intent', stepId: 'leak', does: 'x'.repeat(301), undo: 'nothing' },
      {
        ...facts,
        type: 'started',
        recoveryId: journal.id,
        accountLabel: '-----BEGIN OPENSSH PRIVATE KEY-----',
      },
    ];
    for (const attempt of attempts) {
      const failure = await journal
        .append(attempt as never)
        .catch((error: Error & { code: string }) => error);
      expect(failure).toMatchObject({ code: expect.stringMatching(/^journal\.(invalidEntry|outOfOrder)$/) });
      // The refusal never echoes what was refused.
      expect((failure as Error).message).not.toContain(privateKey.split('\n')[1]?.slice(0, 20));
    }
    expect(await readFile(join(journals.folder, `${journal.id}.jsonl`), 'utf8')).toBe(before);
    expect(journal.entries).toHaveLength(1);
  });

  it('refuses outcomes without their intent', async () => {
    const journal = await journals.start(facts);
    await expect(journal.append({ type: 'done', stepId: 'append-key', result: 'ok' })).rejects.toMatchObject({
      code: 'journal.outOfOrder',
      message: `The recovery journal ${journal.id} refused "done" for step append-key without its intent; nothing was written.`,
    });
    await expect(journal.append({ type: 'finished' })).rejects.toMatchObject({ code: 'journal.outOfOrder' });
    await expect(journal.append({ type: 'undoIntent', stepId: 'x', does: 'y' })).rejects.toMatchObject({
      code: 'journal.outOfOrder',
    });
  });

  it('tolerates a torn last line (a crash mid-write), drops it on open and goes on numbering', async () => {
    const journal = await journals.start(facts);
    await journal.append({ type: 'intent', stepId: 'append-key', does: 'Append the key', undo: 'Remove it' });
    const path = join(journals.folder, `${journal.id}.jsonl`);
    await writeFile(path, '{"v":1,"seq":3,"at":"2026-03-04T05:0', { flag: 'a' });
    const read = await journals.read(journal.id);
    expect(read.entries.map((entry) => entry.type)).toEqual(['started', 'intent']);
    expect(read.tornBytes).toBe(36);
    const reopened = await journals.open(journal.id);
    // The step whose outcome was torn is repeated after checking the real state: a new intent is allowed.
    await reopened.append({
      type: 'intent',
      stepId: 'append-key',
      does: 'Append the key (resumed)',
      undo: 'Remove it',
    });
    await reopened.append({ type: 'done', stepId: 'append-key', result: 'Already present once' });
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line).seq)).toEqual([1, 2, 3, 4]);
  });

  it('refuses corruption anywhere but the last line, naming the file and line', async () => {
    const journal = await journals.start(facts);
    await journal.append({ type: 'intent', stepId: 'a', does: 'Do a', undo: 'Undo a' });
    const path = join(journals.folder, `${journal.id}.jsonl`);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('"seq":2', '"seq":3'));
    await expect(journals.read(journal.id)).rejects.toMatchObject({
      code: 'journal.corrupt',
      message: `The recovery journal ${path} is damaged at line 2: entry 3 where 2 was expected. It was left as it is; check the instance by hand.`,
    });
    await writeFile(path, `${text.split('\n')[0]}\n{garbage\n${text.split('\n')[1]}\n`);
    await expect(journals.read(journal.id)).rejects.toMatchObject({
      code: 'journal.corrupt',
      details: { line: 2 },
    });
    await expect(journals.open(journal.id)).rejects.toMatchObject({ code: 'journal.corrupt' });
  });

  it.skipIf(process.platform === 'win32')('never reads or writes a journal through a symlink', async () => {
    const journal = await journals.start(facts);
    const path = join(journals.folder, `${journal.id}.jsonl`);
    const elsewhere = join(root, 'elsewhere.jsonl');
    await writeFile(elsewhere, await readFile(path));
    await rm(path);
    await symlink(elsewhere, path);
    await expect(journals.read(journal.id)).rejects.toMatchObject({ code: 'file.symlinkRefused' });
    await expect(journal.append({ type: 'abandoned' })).rejects.toMatchObject({
      code: 'file.symlinkRefused',
    });
    expect((await readFile(elsewhere, 'utf8')).split('\n')).toHaveLength(2);
  });

  it('stops at the entry bound with a clear error', async () => {
    const journal = await journals.start(facts);
    for (let i = 1; i < maxEntriesPerJournal; i++)
      await journal.append({ type: 'intent', stepId: 'loop', does: `Attempt ${i}`, undo: 'Nothing' });
    await expect(journal.append({ type: 'abandoned' })).rejects.toMatchObject({
      code: 'journal.tooLarge',
      message: `The recovery journal ${journal.id} already holds ${maxEntriesPerJournal} entries; nothing more is written.`,
    });
    expect((await journals.read(journal.id)).entries).toHaveLength(maxEntriesPerJournal);
  }, 60_000);

  it('refuses ids that are not recovery ids (no path outside the folder)', async () => {
    await expect(journals.read('../../etc/passwd')).rejects.toMatchObject({ code: 'journal.invalidId' });
    await expect(journals.read('rec-20260101-000000-00000000')).rejects.toMatchObject({
      code: 'journal.notFound',
    });
  });

  it('lists unfinished recoveries newest first with their last step, apart from damaged ones', async () => {
    expect(await journals.listUnfinished()).toEqual({ recoveries: [], damaged: [], omitted: 0 });
    const first = await journals.start(facts);
    await first.append({
      type: 'intent',
      stepId: 'ingress-add',
      does: 'Allow tcp/22 from 198.51.100.7/32',
      undo: 'Revoke the rule',
    });
    clock.advance(60_000);
    await fullRecovery();
    clock.advance(60_000);
    const second = await journals.start({ ...facts, instanceId: 'i-0fedcba9876543210', path: 'ssm' });
    await second.append({
      type: 'intent',
      stepId: 'send-command',
      does: 'Run the script through SSM',
      undo: 'Nothing to undo',
    });
    await second.append({ type: 'failed', stepId: 'send-command', errorCode: 'recovery.ssmOffline' });
    clock.advance(60_000);
    const third = await journals.start(facts);
    await journals.markAbandoned(third.id, 'The user chose another path');
    await writeFile(join(journals.folder, 'rec-20260304-050000-deadbeef.jsonl'), '{"not":"a journal"}\n');
    const list = await journals.listUnfinished();
    expect(list.recoveries).toEqual([
      {
        id: second.id,
        instanceId: 'i-0fedcba9876543210',
        region: 'us-east-1',
        accountLabel: 'Practice account',
        path: 'ssm',
        targetUser: 'ec2-user',
        startedAt: '2026-03-04T05:08:11.000Z',
        updatedAt: '2026-03-04T05:08:11.000Z',
        lastStep: { stepId: 'send-command', state: 'failed' },
        verified: false,
        encryptedKeys: {},
      },
      expect.objectContaining({
        id: first.id,
        startedAt: '2026-03-04T05:06:07.000Z',
        lastStep: { stepId: 'ingress-add', state: 'intent' },
      }),
    ]);
    expect(list.damaged).toEqual([
      expect.objectContaining({ id: 'rec-20260304-050000-deadbeef', code: 'journal.corrupt' }),
    ]);
    expect(list.omitted).toBe(0);
    expect((await readdir(journals.folder)).length).toBe(5);
  });

  it('renders a Markdown report in English and Japanese', async () => {
    const journal = await fullRecovery();
    expect(renderJournalReport(journal.entries, 'en')).toBe(
      [
        '# KeyRescue recovery report',
        '',
        `- Recovery: \`${journal.id}\``,
        '- Instance: `i-0123456789abcdef0` (us-east-1)',
        '- Account: Practice account',
        '- Path: Another working login (SSH)',
        '- User: `ec2-user`',
        `- New key: \`${fingerprint}\` (\`/home/me/.ssh/recovered_ed25519\`)`,
        '- Started: 2026-03-04T05:06:07.000Z',
        '- Outcome: Finished: access recovered and verified (2026-03-04T05:06:11.000Z).',
        `- Verified: \`ec2-user\` logged in to 203.0.113.10 with \`${fingerprint}\` at 2026-03-04T05:06:10.000Z.`,
        '',
        '## Steps',
        '',
        '| # | Started (UTC) | Step | What it did | Result | Undo |',
        '|---|---|---|---|---|---|',
        '| 1 | 2026-03-04T05:06:08.000Z | `append-key` | Append the new public key for ec2-user | Done: Key added; backup authorized\\_keys.keyrescue-20260304 | Remove the line carrying the new key blob |',
        '',
      ].join('\n'),
    );
    const ja = renderJournalReport(journal.entries, 'ja');
    expect(ja.split('\n').slice(0, 3)).toEqual([
      '# KeyRescue 復旧レポート',
      '',
      `- 復旧 ID: \`${journal.id}\``,
    ]);
    expect(ja).toContain('- 方法: 別の有効なログイン（SSH）');
    expect(ja).toContain('- 結果: 完了：アクセスを回復し、確認しました（2026-03-04T05:06:11.000Z）。');
    expect(ja).toContain('| # | 開始（UTC） | 手順 | 内容 | 結果 | 元に戻す方法 |');
    expect(ja).toContain('| 完了：Key added; backup authorized\\_keys.keyrescue-20260304 |');
  });

  it('reports an interrupted step and an abandoned recovery as such', async () => {
    const journal = await journals.start(facts);
    await journal.append({
      type: 'intent',
      stepId: 'append-key',
      does: 'Append | the key',
      undo: 'Remove it',
    });
    await journal.append({ type: 'abandoned', reason: 'Chose another path' });
    const en = renderJournalReport(journal.entries, 'en');
    expect(en).toContain(
      '| `append-key` | Append \\| the key | No outcome recorded (interrupted) | Remove it |',
    );
    expect(en).toContain('- Outcome: Abandoned (2026-03-04T05:06:07.000Z).');
    expect(renderJournalReport(journal.entries, 'ja')).toContain('結果の記録なし（中断）');
  });
  it('closes a rolled-back recovery: not while an undo is open, nothing after it, no longer listed, reported', async () => {
    const journal = await journals.start(facts);
    await journal.append({ type: 'intent', stepId: 'append-key', does: 'Append the key', undo: 'Remove it' });
    await journal.append({ type: 'done', stepId: 'append-key', result: 'Added.' });
    await journal.append({ type: 'undoIntent', stepId: 'append-key', does: 'Remove it' });
    await expect(journal.append({ type: 'rolledBack' })).rejects.toMatchObject({
      code: 'journal.outOfOrder',
      message: `The recovery journal ${journal.id} refused "rolledBack" while the undo of step append-key is open; nothing was written.`,
    });
    expect((await journals.listUnfinished()).recoveries.map((recovery) => recovery.id)).toEqual([journal.id]);
    await journal.append({ type: 'undone', stepId: 'append-key', result: 'Removed.' });
    await journal.append({ type: 'rolledBack' });
    await expect(journal.append({ type: 'abandoned' })).rejects.toMatchObject({
      code: 'journal.outOfOrder',
      message: `The recovery journal ${journal.id} refused nothing may follow "rolledBack"; nothing was written.`,
    });
    expect((await journals.listUnfinished()).recoveries).toEqual([]);
    const reopened = await journals.read(journal.id);
    expect(reopened.entries.at(-1)?.type).toBe('rolledBack');
    expect(renderJournalReport(reopened.entries, 'en')).toContain(
      '- Outcome: Rolled back: every step with an undo was undone (2026-03-04T05:06:07.000Z).',
    );
    expect(renderJournalReport(reopened.entries, 'ja')).toContain(
      '- 結果: ロールバック済み：元に戻せる手順をすべて元に戻しました（2026-03-04T05:06:07.000Z）。',
    );
  });
});
