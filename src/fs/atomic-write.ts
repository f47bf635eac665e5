import {
  closeSync,
  existsSync,
  fchmodSync,
  fsync,
  linkSync,
  openSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { AppError } from '../ipc/app-error';
import { fileErrorCodes } from './file-errors';
import { fsAppError, shownPath } from './fs-errors';
import { atomicTempPath } from './atomic-temp-files';

export interface AtomicWriteOptions {
  /** POSIX mode of the finished file; `0o600` for anything secret. */
  mode?: number;
  /** Replace an existing file. Off by default: nothing is overwritten unless the user said so. */
  overwrite?: boolean;
  /** Restrict the file to its owner on Windows too (icacls), for private keys. */
  ownerOnly?: boolean;
}

/** fsync on libuv's thread pool: the one call here that waits on the disk. */
const fsyncAsync = (fd: number) =>
  new Promise<void>((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));

async function restrictToOwnerOnWindows(path: string): Promise<void> {
  const user = process.env.USERNAME;
  if (process.platform !== 'win32' || !user) return;
  // Loaded here only: child_process costs every other platform ~10 ms of start-up for nothing.
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  await promisify(execFile)('icacls', [path, '/inheritance:r', '/grant:r', `${user}:F`], {
    windowsHide: true,
  });
}

/**
 * Writes a file so that readers see either nothing or the whole file: a temp file beside the target
 * (created with the final mode, so a secret is never world-readable even briefly), fsync, then a
 * rename (overwrite) or a hard link (no-clobber, fails atomically if the target appeared meanwhile).
 * On any failure the temp file is removed and the target is untouched; one left by a killed process
 * is removed later by `removeStaleTempFiles`. Only the fsync waits on the disk, off this thread; the
 * other calls take microseconds on a key-sized file, where a round trip through libuv's thread pool
 * each would cost more than the call (a batch of keys notices).
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const mode = options.mode ?? 0o644;
  const temp = atomicTempPath(path);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode);
    writeFileSync(fd, data);
    // The umask may have narrowed the mode given to open.
    fchmodSync(fd, mode);
    await fsyncAsync(fd);
    closeSync(fd);
    fd = undefined;
    if (options.ownerOnly) await restrictToOwnerOnWindows(temp);
    if (options.overwrite) {
      renameSync(temp, path);
    } else {
      linkNoClobber(temp, path);
    }
  } catch (error) {
    if (fd !== undefined) closeQuietly(fd);
    try {
      rmSync(temp, { force: true });
    } catch {
      // A name the system refuses (too long, a NUL) was never created.
    }
    throw toWriteError(error, path);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // The write failed already; that is the error to report.
  }
}

function linkNoClobber(temp: string, path: string): void {
  try {
    linkSync(temp, path);
    // unlink, not rm: one system call where rm first lstat()s (a batch writes many files).
    try {
      unlinkSync(temp);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Some file systems (FAT, some network shares) have no hard links: check, then rename.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV' || code === 'ENOSYS') {
      if (existsSync(path)) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
      renameSync(temp, path);
      return;
    }
    throw error;
  }
}

function toWriteError(error: unknown, path: string): AppError {
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'EEXIST') {
    return new AppError(
      fileErrorCodes.exists,
      `${shownPath(path)} already exists. Choose another name or allow overwriting.`,
      {
        path: shownPath(path),
      },
    );
  }
  return fsAppError(error, path, 'write');
}
