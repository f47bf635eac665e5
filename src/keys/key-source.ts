import {
  closeSync,
  constants as fsConstants,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
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

function checkIsSmallFile(stat: { isFile(): boolean; size: number }, path: string): void {
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
}

/**
 * A regular file's bytes, refused before reading if it is not one or is too large. Where the OS
 * has O_NONBLOCK (not Windows) the file is opened first and checked through its handle, so opening
 * a FIFO cannot hang. Synchronous: a key file is a few KB, and four system calls on this thread cost
 * a fraction of four round trips through libuv's thread pool (which a batch of keys notices).
 */
function readBoundedFile(path: string): Buffer {
  const { O_RDONLY, O_NONBLOCK } = fsConstants;
  if (O_NONBLOCK === undefined) {
    checkIsSmallFile(statSync(path), path);
    return readFileSync(path);
  }
  const fd = openSync(path, O_RDONLY | O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    checkIsSmallFile(stat, path);
    const buffer = Buffer.alloc(stat.size);
    const bytesRead = stat.size === 0 ? 0 : readSync(fd, buffer, 0, stat.size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    closeSync(fd);
  }
}

/** Reads a key file (size-checked before reading) or takes pasted text. */
export async function loadKeySource(source: KeySource): Promise<LoadedKey> {
  if (source.kind === 'text') return { data: source.text, label: PASTED };
  const path = source.path;
  try {
    return { data: readBoundedFile(path), label: path, path };
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
