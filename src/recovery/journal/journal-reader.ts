import { AppError } from '../../ipc/app-error';
import { journalErrorCodes } from './journal-errors';
import { orderProblem } from './journal-order';
import { describeIssues, journalEntrySchema, type JournalEntry, type StartedEntry } from './journal-schema';

/** A journal as read: its entries, and whether a torn last line (a crash mid-write) was left out. */
export interface ParsedJournal {
  entries: JournalEntry[];
  started: StartedEntry;
  /** Bytes of an unterminated last line that were ignored (0 when the file ends cleanly). */
  tornBytes: number;
}

/**
 * Parses a journal file's text. Every complete line must be a valid entry in order; only an
 * unterminated last line is tolerated (it is what a crash during a write leaves, and the step it
 * announced never ran, since the executor waits for the durable write). Anything else wrong is
 * corruption, reported with the line number and never guessed around: a journal that lies about
 * what was done to an instance is worse than none.
 */
export function parseJournal(text: string, recoveryId: string, source: string): ParsedJournal {
  const cut = text.lastIndexOf('\n') + 1;
  const tornBytes = Buffer.byteLength(text.slice(cut), 'utf8');
  const lines = cut === 0 ? [] : text.slice(0, cut - 1).split('\n');
  const entries: JournalEntry[] = [];
  const corrupt = (line: number, why: string) =>
    new AppError(
      journalErrorCodes.corrupt,
      `The recovery journal ${source} is damaged at line ${line}: ${why}. It was left as it is; check the instance by hand.`,
      { path: source, line },
    );
  lines.forEach((line, index) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw corrupt(index + 1, 'not JSON');
    }
    const parsed = journalEntrySchema.safeParse(value);
    if (!parsed.success) throw corrupt(index + 1, describeIssues(parsed.error));
    const problem = orderProblem(entries, parsed.data);
    if (problem) throw corrupt(index + 1, problem);
    entries.push(parsed.data);
  });
  const started = entries[0];
  if (!started || started.type !== 'started') throw corrupt(1, 'no "started" entry (the journal is empty)');
  if (started.recoveryId !== recoveryId)
    throw corrupt(1, `it belongs to recovery ${started.recoveryId}, not ${recoveryId}`);
  return { entries, started, tornBytes };
}
