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
  /** The app window named a path outside every location the user chose (src/app/write-approvals.ts). */
  notChosen: 'file.notChosen',
  /** The window asked to replace a file where only new files may be created (the key folder). */
  replaceNotChosen: 'file.replaceNotChosen',
  /** The window asked to write a name SSH or a shell acts on (`rc`, `authorized_keys`, `.bashrc`). */
  reservedName: 'file.reservedName',
} as const;

export type FileErrorCode = (typeof fileErrorCodes)[keyof typeof fileErrorCodes];
