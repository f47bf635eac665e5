/** The recovery journal: durable, append-only, secret-free records of each recovery (see recovery-journal.ts). */
export { journalErrorCodes, type JournalErrorCode } from './journal-errors';
export {
  journalEntrySchema,
  recoveryPathKinds,
  type JournalEntry,
  type JournalEntryInput,
  type RecoveryPathKind,
  type RecoveryRoute,
  type StartedEntry,
} from './journal-schema';
export { parseJournal, type ParsedJournal } from './journal-reader';
export {
  RecoveryJournal,
  RecoveryJournals,
  maxEntriesPerJournal,
  maxJournalsScanned,
  maxUnfinishedListed,
  type RecoveryStart,
  type UnfinishedList,
  type UnfinishedRecovery,
} from './recovery-journal';
export { renderJournalReport, type ReportLanguage } from './journal-report';
