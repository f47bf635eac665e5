import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { TestClock } from '../../../app/clock';
import { RecoveryJournals, type RecoveryJournal } from '../../journal/recovery-journal';

/** What each executor test gets afresh: a temp folder, the effects file its steps write, real journals. */
export interface ExecutorWorkspace {
  root: string;
  file: string;
  journals: RecoveryJournals;
  /** The journal as another process would open it after a crash: read back from disk. */
  reopen(journal: RecoveryJournal): Promise<RecoveryJournal>;
}

/**
 * Registers the per-test set-up and clean-up of the executor tests (a real journal in the test's
 * temp folder, removed afterwards). Read the fields inside a test: they are replaced before each one.
 */
export function useExecutorWorkspace(): ExecutorWorkspace {
  const workspace = {} as ExecutorWorkspace;
  beforeEach(async () => {
    workspace.root = await mkdtemp(join(tmpdir(), 'keyrescue-executor-'));
    workspace.file = join(workspace.root, 'effects.txt');
    workspace.journals = new RecoveryJournals(join(workspace.root, 'user-data'), new TestClock());
    workspace.reopen = (journal) => workspace.journals.open(journal.id);
  });
  afterEach(() => rm(workspace.root, { recursive: true, force: true }));
  return workspace;
}
