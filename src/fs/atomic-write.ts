import { promises as fs } from 'node:fs';
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
 * is removed later by `removeStaleTempFiles`.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const mode = options.mode ?? 0o644;
  const temp = atomicTempPath(path);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx', mode);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.chmod(temp, mode);
    if (options.ownerOnly) await restrictToOwnerOnWindows(temp);
    if (options.overwrite) {
      await fs.rename(temp, path);
    } else {
      await linkNoClobber(temp, path);
    }
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw toWriteError(error, path);
  }
}

async function linkNoClobber(temp: string, path: string): Promise<void> {
  try {
    await fs.link(temp, path);
    // unlink, not rm: one system call where rm first lstat()s (a batch writes many files).
    await fs.unlink(temp).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Some file systems (FAT, some network shares) have no hard links: check, then rename.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV' || code === 'ENOSYS') {
      const exists = await fs.stat(path).then(
        () => true,
        () => false,
      );
      if (exists) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
      await fs.rename(temp, path);
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
