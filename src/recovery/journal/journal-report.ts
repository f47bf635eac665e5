import type { JournalEntry, RecoveryPathKind, StartedEntry } from './journal-schema';
import { renderStepText, type StepText } from './step-texts';

/** The report's languages; the app passes its UI language, the CLI its `--lang`/locale. */
export type ReportLanguage = 'en' | 'ja';

/**
 * The report's words in both languages, here rather than in the renderer's locales because the CLI
 * writes the same report. Step descriptions and results come from their structured text
 * (step-texts.ts) in the report's language; a journal written before steps had one (or a text the
 * journal refused) shows its English sentences. A failure's message stays as the error said it.
 * Times are UTC ISO, as in the journal.
 */
const reportText = {
  en: {
    title: 'KeyRescue recovery report',
    recovery: 'Recovery',
    instance: 'Instance',
    account: 'Account',
    path: 'Path',
    user: 'User',
    newKey: 'New key',
    started: 'Started',
    outcome: 'Outcome',
    steps: 'Steps',
    columns: ['#', 'Started (UTC)', 'Step', 'What it did', 'Result', 'Undo'],
    verified: 'Verified: {user} logged in to {host} with {fingerprint} at {at}.',
    outcomes: {
      finished: 'Finished: access recovered and verified ({at}).',
      abandoned: 'Abandoned ({at}).',
      rolledBack: 'Rolled back: every step with an undo was undone ({at}).',
      unfinished: 'Not finished: the last entry was written at {at}.',
    },
    pending: 'No outcome recorded (interrupted)',
    done: 'Done: {result}',
    failed: 'Failed ({code})',
    undone: 'Undone: {result}',
    undoPending: 'Undo started, no outcome recorded',
    reason: 'Reason: {reason}',
    paths: {
      ssh: 'Another working login (SSH)',
      eic: 'EC2 Instance Connect',
      ssm: 'Systems Manager Run Command',
      'user-data': 'User data (stop and start)',
      'rescue-volume': 'Rescue volume (stop and start)',
    },
    noSteps: 'No step was started.',
  },
  ja: {
    title: 'KeyRescue 復旧レポート',
    recovery: '復旧 ID',
    instance: 'インスタンス',
    account: 'アカウント',
    path: '方法',
    user: 'ユーザー',
    newKey: '新しい鍵',
    started: '開始',
    outcome: '結果',
    steps: '手順',
    columns: ['#', '開始（UTC）', '手順', '内容', '結果', '元に戻す方法'],
    verified: '確認済み：{user} が {fingerprint} で {host} にログインしました（{at}）。',
    outcomes: {
      finished: '完了：アクセスを回復し、確認しました（{at}）。',
      abandoned: '中止しました（{at}）。',
      rolledBack: 'ロールバック済み：元に戻せる手順をすべて元に戻しました（{at}）。',
      unfinished: '未完了：最後の記録は {at} です。',
    },
    pending: '結果の記録なし（中断）',
    done: '完了：{result}',
    failed: '失敗（{code}）',
    undone: '元に戻しました：{result}',
    undoPending: '元に戻す操作を開始、結果の記録なし',
    reason: '理由：{reason}',
    paths: {
      ssh: '別の有効なログイン（SSH）',
      eic: 'EC2 Instance Connect',
      ssm: 'Systems Manager Run Command',
      'user-data': 'ユーザーデータ（停止して起動）',
      'rescue-volume': 'レスキューボリューム（停止して起動）',
    },
    noSteps: '開始した手順はありません。',
  },
} satisfies Record<ReportLanguage, unknown>;

type Words = (typeof reportText)['en'];

/** Fills `{name}` placeholders. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** A table cell: the journal's texts are one line already; `|` and backslashes are escaped, Markdown marks too. */
function cell(text: string): string {
  return text.replace(/[\\|`*_[\]<>]/g, (char) => `\\${char}`);
}

interface StepRow {
  stepId: string;
  at: string;
  does: string;
  undo: string;
  result: string;
}

/** One row per intent (a repeated step after a resume gets its own row, so the report shows the retry). */
function stepRows(entries: readonly JournalEntry[], words: Words, language: ReportLanguage): StepRow[] {
  // The structured text in the report's language when the entry has one, else its English.
  const say = (english: string, text: StepText | readonly StepText[] | undefined) =>
    text ? renderStepText(text, language) : english;
  const rows: StepRow[] = [];
  const open = new Map<string, StepRow>();
  for (const entry of entries) {
    switch (entry.type) {
      case 'intent': {
        const row = {
          stepId: entry.stepId,
          at: entry.at,
          does: say(entry.does, entry.text?.does),
          undo: say(entry.undo, entry.text?.undo),
          result: words.pending,
        };
        rows.push(row);
        open.set(entry.stepId, row);
        break;
      }
      case 'done':
      case 'failed': {
        const row = open.get(entry.stepId);
        if (row)
          row.result =
            entry.type === 'done'
              ? fill(words.done, { result: say(entry.result, entry.text) })
              : fill(words.failed, { code: entry.errorCode }) + (entry.result ? ` ${entry.result}` : '');
        break;
      }
      case 'undoIntent': {
        const row = open.get(entry.stepId);
        if (row) row.result += ` · ${words.undoPending}`;
        break;
      }
      case 'undone': {
        const row = open.get(entry.stepId);
        if (row)
          row.result =
            row.result.replace(` · ${words.undoPending}`, '') +
            ` · ${fill(words.undone, { result: say(entry.result, entry.text) })}`;
        break;
      }
      default:
        break;
    }
  }
  return rows;
}

/**
 * A recovery's journal as a Markdown report: what was recovered, each step with its time, what it
 * did, its result and its undo, the verification and the outcome. Only what the journal holds is
 * shown, so the report carries no secrets either.
 */
export function renderJournalReport(entries: readonly JournalEntry[], language: ReportLanguage): string {
  const words = reportText[language];
  const started = entries[0] as StartedEntry;
  const last = entries[entries.length - 1] as JournalEntry;
  const lines = [
    `# ${words.title}`,
    '',
    `- ${words.recovery}: \`${started.recoveryId}\``,
    `- ${words.instance}: \`${started.instanceId}\` (${started.region})`,
    `- ${words.account}: ${cell(started.accountLabel)}`,
    `- ${words.path}: ${words.paths[started.path as RecoveryPathKind]}`,
    `- ${words.user}: \`${started.targetUser}\``,
    `- ${words.newKey}: \`${started.newKeyFingerprint}\`${started.newKeyPath ? ` (\`${started.newKeyPath.replace(/`/g, "'")}\`)` : ''}`,
    `- ${words.started}: ${started.at}`,
  ];
  const outcome =
    last.type === 'finished' || last.type === 'abandoned' || last.type === 'rolledBack'
      ? fill(words.outcomes[last.type], { at: last.at })
      : fill(words.outcomes.unfinished, { at: last.at });
  lines.push(`- ${words.outcome}: ${outcome}`);
  if (last.type === 'abandoned' && last.reason)
    lines.push(`- ${fill(words.reason, { reason: cell(last.reason) })}`);
  for (const entry of entries)
    if (entry.type === 'verified')
      lines.push(
        `- ${fill(words.verified, { user: `\`${entry.targetUser}\``, host: cell(entry.host), fingerprint: `\`${entry.newKeyFingerprint}\``, at: entry.at })}`,
      );
  lines.push('', `## ${words.steps}`, '');
  const rows = stepRows(entries, words, language);
  if (rows.length === 0) lines.push(words.noSteps);
  else {
    lines.push(`| ${words.columns.join(' | ')} |`, `|${words.columns.map(() => '---').join('|')}|`);
    rows.forEach((row, index) =>
      lines.push(
        `| ${index + 1} | ${row.at} | \`${row.stepId}\` | ${cell(row.does)} | ${cell(row.result)} | ${cell(row.undo)} |`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
