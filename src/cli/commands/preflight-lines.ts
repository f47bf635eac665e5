import type { OperationProgress } from '../../ipc/contracts/operations';
import type { Finding, PreflightInput, PreflightResultDto } from '../../ipc/contracts/recovery';
import { checkNameTexts } from '../../ipc/contracts/recovery-texts';
import { checkNameTextsJa, findingTextsJa } from '../../ipc/contracts/recovery-texts-ja';
import { fillTemplate } from '../../recovery/preflight/finding-texts';
import { runOperation } from '../../ipc/operations/run-operation';
import type { CliContext } from '../cli-types';
import { oneLine } from '../terminal-text';

// Preflight as the terminal shows it, live: each check as it finishes (its name, how many findings,
// then the findings), the same checks and order as the window's checklist.

export const statusMarks = { ok: 'ok  ', warning: 'WARN', blocker: 'STOP', unknown: '??  ' } as const;

/** The language the CLI prints preflight in (`--language`); the finding's `message` is the English. */
export type CliLanguage = 'en' | 'ja';

export const findingLine = (finding: Finding, language: CliLanguage = 'en') =>
  `[${statusMarks[finding.status]}] ${oneLine(
    language === 'ja' ? fillTemplate(findingTextsJa[finding.code], finding.params) : finding.message,
  )}`;

const checkName = (id: string, language: CliLanguage) =>
  (language === 'ja' ? checkNameTextsJa : checkNameTexts)[id as keyof typeof checkNameTexts] ?? oneLine(id);

/** The line that ends a check (`stepDone` / `stepFailed`), or null for any other entry. */
export function checkLine(entry: OperationProgress, language: CliLanguage = 'en'): string | null {
  const findings = entry.findings ?? [];
  const name = checkName(entry.step ?? '', language);
  const why = entry.error ? `: ${oneLine(entry.error.message)}` : '';
  if (entry.kind === 'stepDone')
    return language === 'ja'
      ? `${name}：${findings.length} 件`
      : `${name}: ${findings.length} finding${findings.length === 1 ? '' : 's'}`;
  if (entry.kind === 'stepFailed')
    return language === 'ja' ? `${name}：実行できませんでした${why}` : `${name}: could not run${why}`;
  return null;
}

/**
 * Runs `recovery:preflight` through the router and follows it; `onCheck` gets each check as it ends
 * (nothing is printed here). Ctrl-C cancels it before the next check.
 */
export function followCliPreflight(
  ctx: CliContext,
  input: PreflightInput,
  onCheck: (line: string, findings: Finding[]) => void,
  language: CliLanguage = 'en',
): Promise<PreflightResultDto> {
  return runOperation(ctx.api, 'recovery.preflight', () => ctx.api.invoke('recovery:preflight', input), {
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onEntry: (entry) => {
      const line = checkLine(entry, language);
      if (line !== null) onCheck(line, entry.findings ?? []);
    },
  });
}
