import type { Finding, FindingCode } from '../../ipc/contracts/recovery';
import { findingTexts } from '../../ipc/contracts/recovery-texts';

// The English of every code lives in src/ipc/contracts/recovery-texts.ts (the window shows the same
// text); this module fills it in for findings.
export { findingTexts, planReasonTexts } from '../../ipc/contracts/recovery-texts';

/** Fills `{{name}}` placeholders; a missing parameter shows as an empty string. */
export function fillTemplate(template: string, params: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_match, name: string) => params[name] ?? '');
}

/** Builds one finding with its English message. */
export function finding(
  id: string,
  status: Finding['status'],
  code: FindingCode,
  params: Record<string, string> = {},
): Finding {
  const bounded = Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, value.slice(0, 500)]),
  );
  return {
    id,
    status,
    code,
    params: bounded,
    message: fillTemplate(findingTexts[code], bounded).slice(0, 1000),
  };
}
