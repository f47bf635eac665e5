import { promises as fs } from 'node:fs';
import { pastedTextSource, type KeySource } from '../ipc/contracts/keys';
import { keyError, keyErrorCodes } from './key-errors';
import { MAX_KEY_FILE_BYTES } from './key-text';
import { fsAppError } from '../fs/fs-errors';

/** Label used in messages for keys that came from the clipboard. */
export const PASTED = pastedTextSource;

export interface LoadedKey {
  data: Uint8Array | string;
  /** Path or "pasted text", for messages. */
  label: string;
  path?: string;
}

/** Reads a key file (size-checked before reading) or takes pasted text. */
export async function loadKeySource(source: KeySource): Promise<LoadedKey> {
  if (source.kind === 'text') return { data: source.text, label: PASTED };
  const path = source.path;
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile())
      throw keyError(keyErrorCodes.notAFile, path, 'this is a folder or device, not a key file.');
    if (stat.size > MAX_KEY_FILE_BYTES) {
      throw keyError(
        keyErrorCodes.tooLarge,
        path,
        `the file is ${stat.size} bytes, far too large to be a key (the limit is ${MAX_KEY_FILE_BYTES}).`,
        { size: stat.size },
      );
    }
    return { data: await fs.readFile(path), label: path, path };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw keyError(keyErrorCodes.fileNotFound, path, 'the file does not exist.');
    if (code === 'EACCES' || code === 'EPERM')
      throw keyError(keyErrorCodes.unreadable, path, 'no permission to read the file.');
    if (code === 'EISDIR') throw keyError(keyErrorCodes.notAFile, path, 'this is a folder, not a key file.');
    // Everything else (a link loop, a name too long, a NUL, a file where a folder should be…).
    throw fsAppError(error, path, 'read');
  }
}
