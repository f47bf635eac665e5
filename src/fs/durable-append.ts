import { constants, promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../ipc/app-error';
import { fileErrorCodes } from './file-errors';
import { fsAppError, shownPath } from './fs-errors';
import { ensurePrivateDir } from './private-dir';

/** The longest line appended by default: a journal entry is a few hundred bytes; this bounds a bug. */
export const defaultMaxLineBytes = 16 * 1024;

/** Owner-only: what is appended (a recovery's steps) names the user's instances and key paths. */
const FILE_MODE = 0o600;

// O_NOFOLLOW: a symlink planted at the path must not redirect our writes (0 where the OS has none).
// O_NONBLOCK: a FIFO planted there fails fast instead of hanging the app until someone reads it.
const baseFlags =
  constants.O_RDWR | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export interface DurableAppendResult {
  /** True when this call created the file (its folder entry was fsynced too). */
  created: boolean;
  /** The file's size after the write, in bytes. */
  size: number;
}

async function isSymlink(path: string): Promise<boolean> {
  return fs.lstat(path).then(
    (stat) => stat.isSymbolicLink(),
    () => false,
  );
}

/** The refusal of a symlink where KeyRescue keeps its own records (readers use it too). */
export function symlinkRefused(path: string): AppError {
  const shown = shownPath(path);
  return new AppError(
    fileErrorCodes.symlinkRefused,
    `${shown} is a symbolic link. KeyRescue never writes its records through a link; remove the link and try again.`,
    { path: shown },
  );
}

/** Opens for append: creates it (O_EXCL, 0600) when missing, else opens the existing file without following a link. */
async function openForAppend(path: string): Promise<{ handle: fs.FileHandle; created: boolean }> {
  try {
    // O_EXCL also fails on a dangling symlink, so creation never lands at a link's target.
    const handle = await fs.open(path, baseFlags | constants.O_CREAT | constants.O_EXCL, FILE_MODE);
    return { handle, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw fsAppError(error, path, 'write');
  }
  try {
    return { handle: await fs.open(path, baseFlags), created: false };
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code;
    // Linux and macOS say ELOOP for O_NOFOLLOW on a link, FreeBSD EMLINK.
    if ((errno === 'ELOOP' || errno === 'EMLINK') && (await isSymlink(path))) throw symlinkRefused(path);
    if (errno === 'ENXIO') throw notRegular(path);
    throw fsAppError(error, path, 'write');
  }
}

function notRegular(path: string): AppError {
  const shown = shownPath(path);
  return new AppError(
    fileErrorCodes.notRegularFile,
    `${shown} is not a regular file (a FIFO, device or socket); nothing was written.`,
    { path: shown },
  );
}

/** Makes the new file's name durable: without it a crash can lose the file even though its data was synced. */
async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync; NTFS journals the entry itself.
  if (process.platform === 'win32') return;
  const handle = await fs.open(folder, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The last byte of an open file (-1 when empty). */
async function lastByte(handle: fs.FileHandle, size: number): Promise<number> {
  if (size === 0) return -1;
  const buffer = Buffer.alloc(1);
  await handle.read(buffer, 0, 1, size - 1);
  return buffer[0] ?? -1;
}

/**
 * Appends one line (a newline is added) and returns only once it is on disk: O_APPEND, the whole
 * line written, fsync of the file, and on first creation fsync of its folder. The folder is made
 * owner-only (0700, `ensurePrivateDir`: call it only for KeyRescue's own folders), the file 0600.
 * A symlink, FIFO or device at the path is refused, and so is an existing file whose last line is
 * unterminated (a torn write from a crash: appending would glue the new line onto it; the caller
 * decides, see `dropTornTail`). A line holding a newline or longer than `maxLineBytes` is refused.
 */
export async function appendLineDurably(
  path: string,
  line: string,
  options: { maxLineBytes?: number } = {},
): Promise<DurableAppendResult> {
  const maxLineBytes = options.maxLineBytes ?? defaultMaxLineBytes;
  const bytes = Buffer.from(`${line}\n`, 'utf8');
  if (/[\r\n]/.test(line))
    throw new AppError(
      fileErrorCodes.lineInvalid,
      'A line to append holds a line break; nothing was written.',
      {
        path: shownPath(path),
      },
    );
  if (bytes.length - 1 > maxLineBytes)
    throw new AppError(
      fileErrorCodes.lineInvalid,
      `A line of ${bytes.length - 1} bytes is longer than the ${maxLineBytes} allowed; nothing was written.`,
      { path: shownPath(path) },
    );
  const folder = dirname(path);
  await ensurePrivateDir(folder).catch((error: unknown) => {
    throw fsAppError(error, folder, 'write');
  });
  const { handle, created } = await openForAppend(path);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw notRegular(path);
    const last = await lastByte(handle, stat.size);
    if (last !== -1 && last !== 0x0a)
      throw new AppError(
        fileErrorCodes.unterminatedLine,
        `${shownPath(path)} ends in an unfinished line (a write cut short); nothing was appended.`,
        { path: shownPath(path) },
      );
    // write() may write less than asked; O_APPEND puts every piece at the end, in order.
    for (let offset = 0; offset < bytes.length;) {
      const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, null);
      offset += bytesWritten;
    }
    await handle.sync();
    if (created) await syncFolder(folder);
    return { created, size: stat.size + bytes.length };
  } catch (error) {
    throw fsAppError(error, path, 'write');
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Cuts an unterminated last line (what a crash mid-write leaves) off a file, durably; returns the
 * bytes removed (0 when the file ends with a newline). Refuses a symlink as appending does.
 */
export async function dropTornTail(path: string): Promise<number> {
  const { handle } = await openExisting(path);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw notRegular(path);
    if (stat.size === 0 || (await lastByte(handle, stat.size)) === 0x0a) return 0;
    // Scan back for the last newline, a block at a time (the tail is at most one bounded line).
    const block = Buffer.alloc(4096);
    let end = stat.size;
    let keep = 0;
    while (end > 0) {
      const start = Math.max(0, end - block.length);
      const { bytesRead } = await handle.read(block, 0, end - start, start);
      const index = block.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (index !== -1) {
        keep = start + index + 1;
        break;
      }
      end = start;
    }
    await handle.truncate(keep);
    await handle.sync();
    return stat.size - keep;
  } catch (error) {
    throw fsAppError(error, path, 'write');
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function openExisting(path: string): Promise<{ handle: fs.FileHandle }> {
  try {
    // Not O_APPEND: ftruncate needs a plain read-write descriptor on some systems.
    return {
      handle: await fs.open(
        path,
        constants.O_RDWR | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0),
      ),
    };
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code;
    if ((errno === 'ELOOP' || errno === 'EMLINK') && (await isSymlink(path))) throw symlinkRefused(path);
    if (errno === 'ENXIO') throw notRegular(path);
    throw fsAppError(error, path, 'write');
  }
}
