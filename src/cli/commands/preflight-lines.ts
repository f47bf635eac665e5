import type { OperationProgress } from '../../ipc/contracts/operations';
import type { Finding, PreflightInput, PreflightResultDto } from '../../ipc/contracts/recovery';
import { checkNameTexts } from '../../ipc/contracts/recovery-texts';
import { runOperation } from '../../ipc/operations/run-operation';
import type { CliContext } from '../cli-types';
import { oneLine } from '../terminal-text';

// Preflight as the terminal shows it, live: each check as it finishes (its name, how many findings,
// then the findings), the same checks and order as the window's checklist.

export const statusMarks = { ok: 'ok  ', warning: 'WARN', blocker: 'STOP', unknown: '??  ' } as const;

export const findingLine = (finding: Finding) =>
  `[${statusMarks[finding.status]}] ${oneLine(finding.message)}`;

const checkName = (id: string) => checkNameTexts[id as keyof typeof checkNameTexts] ?? oneLine(id);

/** The line that ends a check (`stepDone` / `stepFailed`), or null for any other entry. */
export function checkLine(entry: OperationProgress): string | null {
  const findings = entry.findings ?? [];
  if (entry.kind === 'stepDone')
    return `${checkName(entry.step)}: ${findings.length} finding${findings.length === 1 ? '' : 's'}`;
  if (entry.kind === 'stepFailed')
    return `${checkName(entry.step)}: could not run${entry.error ? `: ${oneLine(entry.error.message)}` : ''}`;
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
): Promise<PreflightResultDto> {
  return runOperation(ctx.api, 'recovery.preflight', () => ctx.api.invoke('recovery:preflight', input), {
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onEntry: (entry) => {
      const line = checkLine(entry);
      if (line !== null) onCheck(line, entry.findings ?? []);
    },
  });
}
