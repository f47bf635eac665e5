import { AppError } from '../ipc/app-error';
import { fileErrorCodes } from './file-errors';

/** What was being done to the path, which decides the wording (and "not found" vs "folder missing"). */
export type FileAction = 'read' | 'write';

const MAX_SHOWN_PATH = 300;

/**
 * A path as messages show it: control characters (a NUL, an escape sequence) replaced by `?`, and
 * at most 300 characters (start and end kept), so an error never echoes unbounded input.
 */
export function shownPath(path: string): string {
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  const clean = path.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  if (clean.length <= MAX_SHOWN_PATH) return clean;
  const half = Math.floor((MAX_SHOWN_PATH - 1) / 2);
  return `${clean.slice(0, half)}…${clean.slice(-half)}`;
}

function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The one mapping from a failed Node filesystem call on a user's path to the AppError the user
 * sees: each errno its own code and a sentence that says what to do. Every service that reads or
 * writes user paths ends its `catch` here instead of letting the error become "Unexpected error".
 * An AppError passes through unchanged.
 */
export function fsAppError(error: unknown, path: string, action: FileAction): AppError {
  if (error instanceof AppError) return error;
  const shown = shownPath(path);
  const details = { path: shown };
  const verb = action === 'read' ? 'read' : 'write';
  // Node refuses a NUL before any system call (ERR_INVALID_ARG_VALUE); no file name may hold one.
  if (path.includes('\0')) {
    return new AppError(
      fileErrorCodes.invalidPath,
      `The path ${shown} contains a NUL character, which no file name may hold. Choose the file again.`,
      details,
    );
  }
  const code = errnoCode(error);
  switch (code) {
    case 'ENOENT':
      return action === 'read'
        ? new AppError(fileErrorCodes.notFound, `${shown} does not exist.`, details)
        : new AppError(fileErrorCodes.folderMissing, `The folder for ${shown} does not exist.`, details);
    case 'EACCES':
    case 'EPERM':
      return action === 'read'
        ? new AppError(fileErrorCodes.unreadable, `No permission to read ${shown}.`, details)
        : new AppError(fileErrorCodes.permissionDenied, `No permission to write ${shown}.`, details);
    case 'ELOOP':
      return new AppError(
        fileErrorCodes.symlinkLoop,
        `${shown} leads into a loop of symbolic links. Fix or remove the link, or choose the file it should point to.`,
        details,
      );
    case 'ENAMETOOLONG':
      return new AppError(
        fileErrorCodes.nameTooLong,
        `The path ${shown} is too long for this file system. Choose a shorter name or folder.`,
        details,
      );
    case 'ENOTDIR':
      return new AppError(
        fileErrorCodes.notAFolder,
        `Part of the path ${shown} is a file, not a folder.`,
        details,
      );
    case 'EISDIR':
      return new AppError(fileErrorCodes.isFolder, `${shown} is a folder, not a file.`, details);
    case 'EROFS':
      return new AppError(
        fileErrorCodes.readOnly,
        `${shown} is on a read-only disk or share; nothing was written.`,
        details,
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError(fileErrorCodes.diskFull, `The disk is full; ${shown} was not written.`, details);
    case 'EMFILE':
    case 'ENFILE':
      return new AppError(
        fileErrorCodes.tooManyOpen,
        `Too many files are open to ${verb} ${shown}. Close other programs and try again.`,
        details,
      );
    default:
      return action === 'read'
        ? new AppError(
            fileErrorCodes.readFailed,
            `Could not read ${shown} (${code ?? 'unknown error'}).`,
            details,
          )
        : new AppError(
            fileErrorCodes.writeFailed,
            `Could not write ${shown} (${code ?? 'unknown error'}).`,
            details,
          );
  }
}
