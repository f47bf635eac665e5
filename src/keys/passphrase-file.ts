import { promises as fs } from 'node:fs';
import { AppError } from '../ipc/app-error';
import { keyErrorCodes } from './key-errors';
import { fsAppError } from '../fs/fs-errors';

/**
 * Reads a passphrase the way puttygen's `--old-passphrase FILE` does: the first line, its line
 * break stripped. An empty file means "no passphrase". Passphrases never come from argv, where
 * other users could read them in the process list.
 */
export async function readPassphraseFile(path: string): Promise<string> {
  let data: Buffer;
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile())
      throw new AppError(
        keyErrorCodes.passphraseFile,
        `${path}: the passphrase file is a folder, not a file.`,
        {
          path,
        },
      );
    if (stat.size > 64 * 1024)
      throw new AppError(
        keyErrorCodes.passphraseFile,
        `${path}: the passphrase file is too large (${stat.size} bytes).`,
        { path },
      );
    data = await fs.readFile(path);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EACCES') throw fsAppError(error, path, 'read');
    const problem =
      code === 'ENOENT' ? 'the passphrase file does not exist' : 'no permission to read the passphrase file';
    throw new AppError(keyErrorCodes.passphraseFile, `${path}: ${problem}.`, { path });
  }
  const text = data.toString('utf8').replace(/^\uFEFF/, '');
  const newline = text.search(/\r\n|\n|\r/);
  return newline < 0 ? text : text.slice(0, newline);
}
