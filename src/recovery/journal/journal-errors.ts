/**
 * Error codes of the recovery journal (listed in src/app/error-codes.ts). English comes from each
 * error's message; Japanese from renderer/features/recover/journal-error-locales.ts.
 */
export const journalErrorCodes = {
  /** A line that is not a valid entry, or entries out of order, anywhere but a torn last line. */
  corrupt: 'journal.corrupt',
  /** No journal with that id. */
  notFound: 'journal.notFound',
  /** An id that is not one KeyRescue makes (it would name a file outside the journal folder). */
  invalidId: 'journal.invalidId',
  /** An entry the schema refuses: a missing field, an over-long text, or what looks like key material. */
  invalidEntry: 'journal.invalidEntry',
  /** An entry after the step order allows it (done without intent, anything after finished). */
  outOfOrder: 'journal.outOfOrder',
  /** More entries than one recovery may have, or a file larger than they can fill. */
  tooLarge: 'journal.tooLarge',
} as const;

export type JournalErrorCode = (typeof journalErrorCodes)[keyof typeof journalErrorCodes];
