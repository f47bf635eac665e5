import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../app/clock';
import type { ResolvedAccount } from '../../aws/account-types';
import { sshConfigEntryStep } from '../cleanup/cleanup-steps';
import { RecoveryExecutor } from '../engine/executor';
import type { EgressAddressPort } from '../network/egress-address';
import { anotherLoginRunner } from '../paths/another-login-runner';
import { sshKeygen, type TestKey } from '../paths/test-support/ssh-checks';
import { startRealSshd, type LinuxUser, type RealSshd } from '../scripts/test-support/real-sshd';
import { TestAccounts } from '../scripts/test-support/test-accounts';
import { runSteps } from '../service/recovery-steps';
import { ssh2Connector } from '../ssh/ssh2-session';
import { renderJournalReport } from './journal-report';
import type { JournalEntry } from './journal-schema';
import { RecoveryJournals, type RecoveryJournal } from './recovery-journal';

// A real journal for the report: the real executor runs the service's own steps for the SSH path
// (another login with sudo, the real authorized-keys script, the verification login) against a
// real OpenSSH sshd on loopback, then the ~/.ssh/config cleanup step in a temp home. CI runs as
// root (useradd, sudo, sshd); without root this fails.
let dir: string;
let sshd: RealSshd;
let accounts: TestAccounts;
let ops: LinuxUser;
let target: LinuxUser;
let opsKey: TestKey;
let newKey: TestKey;
let newKeyFingerprint: string;
const executor = new RecoveryExecutor();
const clock = new TestClock('2026-12-02T10:00:00.000Z');

beforeAll(async () => {
  expect(process.getuid?.(), 'these tests run as root, as CI does (useradd, sudo, sshd)').toBe(0);
  dir = await mkdtemp(join(tmpdir(), 'keyrescue-report-sshd-'));
  await chmod(dir, 0o711);
  accounts = new TestAccounts(dir);
  opsKey = sshKeygen(dir, 'ops');
  newKey = sshKeygen(dir, 'new');
  newKeyFingerprint = execFileSync('ssh-keygen', ['-lf', newKey.file], { encoding: 'utf8' }).split(' ')[1]!;
  ops = await accounts.create('ops', opsKey.publicLine);
  await accounts.allowSudo(ops);
  // The target still has the lost key's line: the script keeps a backup of that file.
  target = await accounts.create('target', sshKeygen(dir, 'lost').publicLine);
  sshd = await startRealSshd(dir);
});

afterAll(async () => {
  const failures: unknown[] = [];
  await sshd?.stop().catch((error: unknown) => failures.push(error));
  if (accounts) failures.push(...(await accounts.removeAll()));
  await rm(dir, { recursive: true, force: true });
  expect(failures).toEqual([]);
});

/** Not reached on this path: the account and checkip serve only the ingress and import steps. */
const noAccount = undefined as unknown as ResolvedAccount;
const noEgress: EgressAddressPort = {
  publicAddress: () => Promise.reject(new Error('checkip is not asked without a temporary rule')),
};

async function recoverySteps() {
  const endpoint = { host: '127.0.0.1', port: sshd.port };
  return runSteps({
    account: noAccount,
    region: 'us-east-1',
    instanceId: 'i-0123456789abcdef0',
    path: 'ssh',
    targetUser: target.name,
    newPublicKey: newKey.publicLine,
    newPrivateKeyOpenSsh: await readFile(newKey.file, 'utf8'),
    runner: anotherLoginRunner({
      connector: ssh2Connector,
      endpoint,
      loginUser: ops.name,
      credentials: { privateKey: await readFile(opsKey.file, 'utf8') },
      hostKey: { kind: 'accept-new' },
      targetUser: target.name,
    }),
    endpoint,
    hostKey: { kind: 'accept-new' },
    connector: ssh2Connector,
    temporaryIngress: false,
    egress: noEgress,
  });
}

/** The journal as written, minus its structured texts: what a journal from before them holds. */
function withoutTexts(entries: readonly JournalEntry[]): JournalEntry[] {
  return entries.map((entry) => {
    const { text: _text, ...rest } = entry as JournalEntry & { text?: unknown };
    return rest as JournalEntry;
  });
}

function doneFacts(journal: RecoveryJournal, stepId: string): Record<string, string> {
  const entry = journal.entries.find((one) => one.type === 'done' && one.stepId === stepId);
  return (entry as Extract<JournalEntry, { type: 'done' }>).facts ?? {};
}

describe('the recovery report of a real journal', () => {
  it('renders every step sentence in Japanese, and the same journal without texts in its English', async () => {
    const journals = new RecoveryJournals(join(dir, 'user-data'), clock);
    const journal = await journals.start({
      instanceId: 'i-0123456789abcdef0',
      region: 'us-east-1',
      accountLabel: 'Practice account',
      path: 'ssh',
      targetUser: target.name,
      newKeyFingerprint,
    });
    const home = join(dir, 'me');
    await mkdir(home);
    const steps = [
      ...(await recoverySteps()),
      sshConfigEntryStep({
        entry: { alias: 'recovered', hostName: '127.0.0.1', user: target.name, identityFile: newKey.file },
        homeDir: home,
        clock,
      }),
    ];
    const result = await executor.run(journal, steps);
    expect(result.verified).toBe(true);
    await executor.finish(journal);

    const written = await journals.read(journal.id);
    const appended = doneFacts(journal, 'append-key');
    const verified = doneFacts(journal, 'verify');
    const file = join(target.home, '.ssh', 'authorized_keys');
    expect(appended).toMatchObject({ status: 'added', file });
    expect(appended.backup).toMatch(/^\/.*authorized_keys\.keyrescue-/);
    const at = '2026-12-02T10:00:00.000Z';
    const where = `127.0.0.1:${sshd.port}`;
    const host = verified.hostKeyFingerprint!;
    const config = join(home, '.ssh', 'config');
    const escape = (text: string) => text.replace(/[\\|`*_[\]<>]/g, (char) => `\\${char}`);
    const ja = renderJournalReport(written.entries, 'ja');
    expect(ja.split('\n').slice(-5)).toEqual([
      '|---|---|---|---|---|---|',
      `| 1 | ${at} | \`append-key\` | ${escape(`別の有効なログインを使って ${target.name} の authorized_keys に新しい公開鍵を追加します。`)} | ${escape(`完了：${file} に鍵を追加しました（バックアップ：${appended.backup}）。`)} | ${escape(`${target.name} の authorized_keys から新しい鍵の行を取り除きます（ファイルのバックアップが隣に残っています）。`)} |`,
      `| 2 | ${at} | \`verify\` | ${escape(`新しい SSH セッションで ${target.name} として新しい鍵でログインし、true を実行します`)} | ${escape(`完了：${where} に ${target.name} として新しい鍵でログインしました（ホスト鍵 ${host}、固定済み）。`)} | 元に戻すものはありません（ログインは何も変更しません） |`,
      `| 3 | ${at} | \`ssh-config-entry\` | ${escape(`~/.ssh/config に「Host recovered」エントリ（ユーザー ${target.name}、新しい鍵）を追加します（ファイルのバックアップを残します）。`)} | ${escape(`完了：${config} に「Host recovered」を追加しました。「ssh recovered」で新しい鍵を使ってログインできます。`)} | ~/.ssh/config から「Host recovered」のブロックを取り除きます（または隣のバックアップを戻します）。 |`,
      '',
    ]);
    // No English sentence of a step is left: each English text of the journal is absent.
    const english = written.entries.flatMap((entry) =>
      'does' in entry
        ? [entry.does, ...('undo' in entry ? [entry.undo] : [])]
        : 'result' in entry
          ? [entry.result ?? '']
          : [],
    );
    expect(english.length).toBeGreaterThan(5);
    expect(english.filter((sentence) => ja.includes(escape(sentence)))).toEqual([]);
    expect(ja).not.toMatch(/\b(Added|Logged in|Appends|Remove|nothing)\b/);

    // The English report renders from the texts exactly what the steps journaled as English.
    const en = renderJournalReport(written.entries, 'en');
    expect(renderJournalReport(withoutTexts(written.entries), 'en')).toBe(en);
    expect(en).toContain(
      `| ${escape(`Done: Logged in to ${where} as ${target.name} with the new key (host key ${host}, pinned).`)} |`,
    );
    // An old journal (no texts) in Japanese still renders, from its English sentences.
    expect(renderJournalReport(withoutTexts(written.entries), 'ja')).toContain(
      `| ${escape(`完了：Added the key to ${file} (backup: ${appended.backup}).`)} |`,
    );
    expect(await readFile(config, 'utf8')).toContain('Host recovered');
  });

  it('an undone step reads in Japanese too (the key already there from the first recovery)', async () => {
    const journals = new RecoveryJournals(join(dir, 'user-data-undo'), clock);
    const journal = await journals.start({
      instanceId: 'i-0123456789abcdef0',
      region: 'us-east-1',
      accountLabel: 'Practice account',
      path: 'ssh',
      targetUser: target.name,
      newKeyFingerprint,
    });
    const [appendKey] = await recoverySteps();
    await executor.run(journal, [appendKey!]);
    await executor.rollback(journal, [appendKey!]);
    const undone = journal.entries.at(-1) as Extract<JournalEntry, { type: 'undone' }>;
    expect(undone.type).toBe('undone');
    const ja = renderJournalReport(journal.entries, 'ja');
    const file = join(target.home, '.ssh', 'authorized_keys');
    const backup = /\(backup: (.*)\)\.$/.exec(undone.result)?.[1];
    expect(backup).toMatch(/authorized_keys\.keyrescue-/);
    const escape = (text: string) => text.replace(/_/g, '\\_');
    expect(ja).toContain(
      ` · ${escape(`元に戻しました：${file} から鍵を含む 1 行を取り除きました（バックアップ：${backup}）。`)} |`,
    );
  });
});
