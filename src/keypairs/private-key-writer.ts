import { promises as fs, constants } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { AppError } from '../ipc/app-error';
import { fileErrorCodes } from '../fs/file-errors';

/** Writes a private key file; a port so a test can make the write fail after AWS created the key. */
export type PrivateKeyWriter = (path: string, text: string, options: { overwrite: boolean }) => Promise<void>;

/** Owner-only, atomic, and no-clobber unless the user allowed overwriting. */
export const writePrivateKeyFile: PrivateKeyWriter = (path, text, { overwrite }) =>
  writeFileAtomic(path, text, { mode: 0o600, ownerOnly: true, overwrite });

/**
 * Checks before any AWS call that the private key can be saved where the user chose: the folder
 * exists and is writable, and the file does not exist (unless overwriting). This catches the common
 * failures early; the write itself can still fail (disk full), which the create flow handles.
 */
export async function assertWritableTarget(path: string, overwrite: boolean): Promise<void> {
  const folder = dirname(path);
  const folderStat = await fs.stat(folder).catch(() => undefined);
  if (!folderStat?.isDirectory())
    throw new AppError(fileErrorCodes.folderMissing, `The folder for ${path} does not exist.`, { path });
  try {
    await fs.access(folder, constants.W_OK);
  } catch {
    throw new AppError(fileErrorCodes.permissionDenied, `No permission to write ${path}.`, { path });
  }
  const existing = await fs.lstat(path).catch(() => undefined);
  if (existing?.isDirectory())
    throw new AppError(fileErrorCodes.isFolder, `${path} is a folder, not a file.`, { path });
  if (existing && !overwrite)
    throw new AppError(
      fileErrorCodes.exists,
      `${path} already exists. Choose another name or allow overwriting.`,
      {
        path,
      },
    );
}
