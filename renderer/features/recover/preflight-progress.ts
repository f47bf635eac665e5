import type { OperationProgress } from '../../../src/ipc/contracts/operations';
import { preflightCheckIds, type Finding } from '../../../src/ipc/contracts/recovery';

// The live checklist of a preflight, built from its `operation:progress` entries (each check a step,
// its findings on the entry that ends it), so a check's findings show while later checks still run.

export interface CheckView {
  id: string;
  /** `failed`: the check could not run (its `unknown` finding says why). */
  state: 'pending' | 'running' | 'done' | 'failed';
  findings: Finding[];
  /** Why a check that stopped the whole preflight failed (credentials rejected). */
  error?: { code: string; message: string };
}

/** Every check, waiting, in the order they run. */
export function pendingChecks(): CheckView[] {
  return preflightCheckIds.map((id) => ({ id, state: 'pending', findings: [] }));
}

const stateOf: Partial<Record<OperationProgress['kind'], CheckView['state']>> = {
  step: 'running',
  stepDone: 'done',
  stepFailed: 'failed',
};

/** The checklist after one entry; entries about the operation itself (start, end) change nothing. */
export function applyCheckEntry(checks: CheckView[], entry: OperationProgress): CheckView[] {
  const state = stateOf[entry.kind];
  if (!state) return checks;
  const next: CheckView = {
    id: entry.step,
    state,
    findings: entry.findings ?? [],
    ...(entry.error ? { error: entry.error } : {}),
  };
  return checks.some((check) => check.id === entry.step)
    ? checks.map((check) => (check.id === entry.step ? next : check))
    : [...checks, next]; // a check this window does not know yet (a newer core): shown at the end
}
