/**
 * Every error code a file write throws (atomic writes, private key files). The renderer translates
 * them and tests assert on them, so they are a stable API; the registry in src/app/error-codes.ts
 * lists this table with every other area's.
 */
export const fileErrorCodes = {
  exists: 'file.exists',
  folderMissing: 'file.folderMissing',
  permissionDenied: 'file.permissionDenied',
  diskFull: 'file.diskFull',
  isFolder: 'file.isFolder',
  writeFailed: 'file.writeFailed',
} as const;

export type FileErrorCode = (typeof fileErrorCodes)[keyof typeof fileErrorCodes];
