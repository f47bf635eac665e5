/** Error codes of the operation registry (listed in src/app/error-codes.ts). */
export const operationErrorCodes = {
  /** No operation has this id: it never existed, or it ended long enough ago to be forgotten. */
  notFound: 'operations.notFound',
  /** As many operations are running as the registry allows; one must end first. */
  tooMany: 'operations.tooMany',
  /** The operation stopped because it was cancelled (what a waiting client reports). */
  cancelled: 'operations.cancelled',
} as const;
