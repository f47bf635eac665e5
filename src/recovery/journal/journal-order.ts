import type { JournalEntry, JournalEntryType } from './journal-schema';

/** The entries after which nothing more is written: the recovery is closed. */
export const closingTypes: ReadonlySet<JournalEntryType> = new Set(['finished', 'abandoned', 'rolledBack']);

function lastOfEachStep(entries: readonly JournalEntry[]): JournalEntry[] {
  const last = new Map<string, JournalEntry>();
  for (const entry of entries) if ('stepId' in entry) last.set(entry.stepId, entry);
  return [...last.values()];
}

/**
 * The order rules of a journal, shared by the writer (which refuses an entry that breaks them) and
 * the reader (for which a break is corruption): `started` first and once; an outcome (`done`,
 * `failed`) only for a step whose latest intent has none yet; `undone` only after an `undoIntent`;
 * an undo only for a step that was done; `finished` only after `verified`; `rolledBack` only
 * when no undo is open; nothing after `finished`, `abandoned` or `rolledBack`. A new intent for a step whose intent has no outcome is allowed: that
 * is a resume repeating a step that may have half-happened (after checking the real state).
 * Returns why the entry may not follow, or null when it may.
 */
export function orderProblem(previous: readonly JournalEntry[], next: JournalEntry): string | null {
  if (next.seq !== previous.length + 1) return `entry ${next.seq} where ${previous.length + 1} was expected`;
  if (previous.length === 0) return next.type === 'started' ? null : 'the first entry must be "started"';
  if (next.type === 'started') return '"started" may only be the first entry';
  const last = previous[previous.length - 1] as JournalEntry;
  if (closingTypes.has(last.type)) return `nothing may follow "${last.type}"`;
  const ofStep = (stepId: string) => previous.filter((entry) => 'stepId' in entry && entry.stepId === stepId);
  switch (next.type) {
    case 'done':
    case 'failed': {
      const latest = ofStep(next.stepId).at(-1);
      return latest?.type === 'intent' ? null : `"${next.type}" for step ${next.stepId} without its intent`;
    }
    case 'undoIntent':
      return ofStep(next.stepId).some((entry) => entry.type === 'done')
        ? null
        : `an undo of step ${next.stepId}, which was never done`;
    case 'undone':
      return ofStep(next.stepId).at(-1)?.type === 'undoIntent'
        ? null
        : `"undone" for step ${next.stepId} without its undo intent`;
    case 'finished':
      return previous.some((entry) => entry.type === 'verified')
        ? null
        : '"finished" before the new key was verified';
    case 'rolledBack': {
      const open = lastOfEachStep(previous).find((entry) => entry.type === 'undoIntent');
      return open && 'stepId' in open ? `"rolledBack" while the undo of step ${open.stepId} is open` : null;
    }
    default:
      return null;
  }
}
