import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../app/clock';
import { appendLineDurably, dropTornTail, symlinkRefused } from '../../fs/durable-append';
import { fsAppError } from '../../fs/fs-errors';
import { AppError } from '../../ipc/app-error';
import { journalErrorCodes } from './journal-errors';
import { closingTypes, orderProblem } from './journal-order';
import { parseJournal, type ParsedJournal } from './journal-reader';
import {
  describeIssues,
  journalEntrySchema,
  journalVersion,
  recoveryIdPattern,
  type JournalEntry,
  type JournalEntryInput,
  type RecoveryPathKind,
  type StartedEntry,
} from './journal-schema';

/** Entries one recovery may write: a stop-based path has ~30 steps; this bounds a loop gone wrong. */
export const maxEntriesPerJournal = 1000;
/** One entry's line at most (texts are capped at 300 characters, paths at 4096). */
export const maxEntryBytes = 8 * 1024;
/** What 1000 entries can fill; a larger file is not one KeyRescue wrote and is not read. */
const maxJournalBytes = maxEntriesPerJournal * maxEntryBytes;
/** Journals looked at by listUnfinished (the newest first), and unfinished ones returned. */
export const maxJournalsScanned = 500;
export const maxUnfinishedListed = 100;

/** What `start` needs: everything of the `started` entry the journal does not fill in itself. */
export type RecoveryStart = Omit<StartedEntry, 'v' | 'seq' | 'at' | 'type' | 'recoveryId'>;

/** One unfinished recovery, as `journal list` and the app's start-up prompt show it. */
export interface UnfinishedRecovery {
  id: string;
  instanceId: string;
  region: string;
  accountLabel: string;
  path: RecoveryPathKind;
  targetUser: string;
  startedAt: string;
  updatedAt: string;
  /** The latest step entry; null when no step began. */
  lastStep: { stepId: string; state: 'intent' | 'done' | 'failed' | 'undoIntent' | 'undone' } | null;
  verified: boolean;
  /** The key files a resume needs the passphrase of (their paths), as the journal recorded them. */
  encryptedKeys: { newKey?: string; loginKey?: string };
  /** The other login's user when it logged in with a password: a resume needs that password. */
  passwordLoginUser?: string;
}

export interface UnfinishedList {
  /** Newest start first. */
  recoveries: UnfinishedRecovery[];
  /** Journals that could not be read, with the reason (they are never skipped silently). */
  damaged: { id: string; code: string; message: string }[];
  /** Unfinished or unread journals beyond the bounds, counted only. */
  omitted: number;
}

function invalidId(id: string): AppError {
  return new AppError(journalErrorCodes.invalidId, `${id.slice(0, 80)} is not a recovery id.`, {
    id: id.slice(0, 80),
  });
}

/** Ids sort by start time: `rec-YYYYMMDD-HHMMSS-` + 8 random hex digits. */
function newRecoveryId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `rec-${stamp}-${randomBytes(4).toString('hex')}`;
}

/**
 * One recovery's journal, open for appending. Each append is validated (schema, order, bounds),
 * stamped with the next sequence number and the clock's time, and durable before it resolves: the
 * executor runs a step only after its intent is on disk. Appends are queued, so concurrent callers
 * cannot interleave sequence numbers. One process drives a recovery at a time.
 */
export class RecoveryJournal {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly id: string,
    readonly path: string,
    private readonly clock: Clock,
    private readonly written: JournalEntry[],
  ) {}

  /** The entries so far (a copy). */
  get entries(): JournalEntry[] {
    return [...this.written];
  }

  append(input: JournalEntryInput): Promise<JournalEntry> {
    const next = this.queue.then(() => this.appendNow(input));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async appendNow(input: JournalEntryInput): Promise<JournalEntry> {
    if (this.written.length >= maxEntriesPerJournal)
      throw new AppError(
        journalErrorCodes.tooLarge,
        `The recovery journal ${this.id} already holds ${maxEntriesPerJournal} entries; nothing more is written.`,
        { id: this.id },
      );
    const candidate = {
      ...input,
      v: journalVersion,
      seq: this.written.length + 1,
      at: this.clock.now().toISOString(),
    };
    const parsed = journalEntrySchema.safeParse(candidate);
    if (!parsed.success)
      throw new AppError(
        journalErrorCodes.invalidEntry,
        `A "${String(input.type).slice(0, 20)}" entry was refused (${describeIssues(parsed.error)}); nothing was written.`,
        { id: this.id },
      );
    const problem = orderProblem(this.written, parsed.data);
    if (problem)
      throw new AppError(
        journalErrorCodes.outOfOrder,
        `The recovery journal ${this.id} refused ${problem}; nothing was written.`,
        { id: this.id },
      );
    await appendLineDurably(this.path, JSON.stringify(parsed.data), { maxLineBytes: maxEntryBytes });
    this.written.push(parsed.data);
    return parsed.data;
  }
}

/**
 * The recovery journals in `<userDataDir>/journals/` (the folder `written-keys.json` and the other
 * records live in; owner-only), one `<id>.jsonl` file per recovery.
 */
export class RecoveryJournals {
  readonly folder: string;

  constructor(
    userDataDir: string,
    private readonly clock: Clock,
  ) {
    this.folder = join(userDataDir, 'journals');
  }

  private pathOf(id: string): string {
    if (!recoveryIdPattern.test(id)) throw invalidId(id);
    return join(this.folder, `${id}.jsonl`);
  }

  /** Creates the journal of a new recovery with its `started` entry (durable when this resolves). */
  async start(facts: RecoveryStart): Promise<RecoveryJournal> {
    const id = newRecoveryId(this.clock.now());
    const journal = new RecoveryJournal(id, this.pathOf(id), this.clock, []);
    await journal.append({ ...facts, type: 'started', recoveryId: id });
    return journal;
  }

  /** Reads a journal as it is (a torn last line is left out and counted, not removed). */
  async read(id: string): Promise<ParsedJournal> {
    const path = this.pathOf(id);
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(
        path,
        constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0),
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new AppError(journalErrorCodes.notFound, `There is no recovery journal ${id}.`, { id });
      const isLink = await fs.lstat(path).then(
        (info) => info.isSymbolicLink(),
        () => false,
      );
      throw isLink ? symlinkRefused(path) : fsAppError(error, path, 'read');
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile() || stat.size > maxJournalBytes)
        throw new AppError(
          journalErrorCodes.tooLarge,
          `${path} is not a recovery journal KeyRescue wrote (not a file, or over ${maxJournalBytes} bytes).`,
          { path },
        );
      return parseJournal(await handle.readFile('utf8'), id, path);
    } finally {
      await handle.close();
    }
  }

  /**
   * Opens an existing journal to go on with it (resume, abandon). A torn last line is cut off
   * first, durably: its step never ran, and appending after it would merge two lines into one.
   */
  async open(id: string): Promise<RecoveryJournal> {
    const parsed = await this.read(id);
    if (parsed.tornBytes) await dropTornTail(this.pathOf(id));
    return new RecoveryJournal(id, this.pathOf(id), this.clock, parsed.entries);
  }

  /** Marks a recovery abandoned: it stops being offered for resuming; its journal stays for the report. */
  async markAbandoned(id: string, reason?: string): Promise<JournalEntry> {
    const journal = await this.open(id);
    return journal.append({ type: 'abandoned', ...(reason ? { reason } : {}) });
  }

  /** Recoveries neither finished, abandoned nor rolled back, newest first; unreadable journals are listed apart. */
  async listUnfinished(): Promise<UnfinishedList> {
    let names: string[];
    try {
      names = await fs.readdir(this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { recoveries: [], damaged: [], omitted: 0 };
      throw fsAppError(error, this.folder, 'read');
    }
    const ids = names
      .filter((name) => name.endsWith('.jsonl') && recoveryIdPattern.test(name.slice(0, -6)))
      .map((name) => name.slice(0, -6))
      .sort()
      .reverse();
    const list: UnfinishedList = {
      recoveries: [],
      damaged: [],
      omitted: Math.max(0, ids.length - maxJournalsScanned),
    };
    for (const id of ids.slice(0, maxJournalsScanned)) {
      try {
        const summary = summarize(await this.read(id));
        if (summary) list.recoveries.push(summary);
      } catch (error) {
        const failure = error instanceof AppError ? error : fsAppError(error, this.pathOf(id), 'read');
        list.damaged.push({ id, code: failure.code, message: failure.message });
      }
    }
    list.recoveries.sort((a, b) =>
      a.startedAt === b.startedAt ? (a.id < b.id ? 1 : -1) : a.startedAt < b.startedAt ? 1 : -1,
    );
    list.omitted += Math.max(0, list.recoveries.length - maxUnfinishedListed);
    list.recoveries = list.recoveries.slice(0, maxUnfinishedListed);
    return list;
  }
}

/** The list line of a journal, or null when it is finished, abandoned or rolled back. */
function summarize({ entries, started }: ParsedJournal): UnfinishedRecovery | null {
  const last = entries[entries.length - 1] as JournalEntry;
  if (closingTypes.has(last.type)) return null;
  const step = [...entries]
    .reverse()
    .find((entry): entry is Extract<JournalEntry, { stepId: string }> => 'stepId' in entry);
  return {
    id: started.recoveryId,
    instanceId: started.instanceId,
    region: started.region,
    accountLabel: started.accountLabel,
    path: started.path,
    targetUser: started.targetUser,
    startedAt: started.at,
    updatedAt: last.at,
    lastStep: step ? { stepId: step.stepId, state: step.type } : null,
    verified: entries.some((entry) => entry.type === 'verified'),
    encryptedKeys: {
      ...(started.newKeyEncrypted && started.newKeyPath ? { newKey: started.newKeyPath } : {}),
      ...(started.route?.loginKeyEncrypted && started.route.loginKeyPath
        ? { loginKey: started.route.loginKeyPath }
        : {}),
    },
    ...(started.route?.loginPassword && started.route.loginUser
      ? { passwordLoginUser: started.route.loginUser }
      : {}),
  };
}
