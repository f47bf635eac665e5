/**
 * Every error code a file read or write on a user's path throws (atomic writes, key files, folders). The renderer translates
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
  // Read and path errors, mapped from errno in one place (src/fs/fs-errors.ts).
  notFound: 'file.notFound',
  unreadable: 'file.unreadable',
  readFailed: 'file.readFailed',
  symlinkLoop: 'file.symlinkLoop',
  nameTooLong: 'file.nameTooLong',
  invalidPath: 'file.invalidPath',
  notAFolder: 'file.notAFolder',
  readOnly: 'file.readOnly',
  tooManyOpen: 'file.tooManyOpen',
  /** The app window named a path outside every location the user chose (src/app/write-approvals.ts). */
  notChosen: 'file.notChosen',
  /** The window asked to replace a file where only new files may be created (the key folder). */
  replaceNotChosen: 'file.replaceNotChosen',
  /** The window asked to write a name SSH or a shell acts on (`rc`, `authorized_keys`, `.bashrc`). */
  reservedName: 'file.reservedName',
  // Durable appends to KeyRescue's own records (src/fs/durable-append.ts).
  /** A symlink where KeyRescue appends its records: never written through. */
  symlinkRefused: 'file.symlinkRefused',
  /** A FIFO, device or socket where a regular file was expected. */
  notRegularFile: 'file.notRegularFile',
  /** A line to append with a line break in it or over the length bound. */
  lineInvalid: 'file.lineInvalid',
  /** The file ends in a line a crash cut short; appending would merge into it. */
  unterminatedLine: 'file.unterminatedLine',
} as const;

export type FileErrorCode = (typeof fileErrorCodes)[keyof typeof fileErrorCodes];
