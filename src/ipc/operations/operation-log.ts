import type { OperationProgress } from '../contracts/operations';

/**
 * One operation's numbered entries, keeping only the newest `max`: seq keeps counting, so a reader
 * can tell from `firstKeptSeq` that older entries were dropped.
 */
export class OperationLog {
  private entries: OperationProgress[] = [];
  private seq = 0;

  constructor(private readonly max: number) {}

  append(entry: Omit<OperationProgress, 'seq'>): OperationProgress {
    const numbered = { ...entry, seq: ++this.seq } as OperationProgress;
    this.entries.push(numbered);
    if (this.entries.length > this.max) this.entries.shift();
    return numbered;
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** The seq of the oldest kept entry (lastSeq + 1 when none is kept). */
  get firstKeptSeq(): number {
    return this.entries[0]?.seq ?? this.seq + 1;
  }

  /** Up to `limit` entries after `afterSeq`, and whether more follow. */
  after(afterSeq: number, limit: number): { entries: OperationProgress[]; more: boolean } {
    const start = this.entries.findIndex((entry) => entry.seq > afterSeq);
    if (start < 0) return { entries: [], more: false };
    return {
      entries: this.entries.slice(start, start + limit),
      more: start + limit < this.entries.length,
    };
  }
}
