import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  promises as fs,
  readFileSync,
  type Dirent,
} from 'node:fs';
import { join } from 'node:path';
import { isAtomicTempName } from '../fs/atomic-temp-files';
import { fsAppError } from '../fs/fs-errors';
import { fileErrorCodes } from '../fs/file-errors';

/** Private key files are small; anything larger is not one and is never read. */
export const maxKeyFileBytes = 64 * 1024;
/** Files in ~/.ssh (and key folders) that are never private keys. */
const notKeyNames =
  /^(known_hosts.*|authorized_keys.*|config|environment|rc|.*\.pub|.*\.sock|.*\.old|.*\.log)$/i;

/** Why a file could not be read: the shared `file.*` code (translated in the UI) and its sentence. */
export interface ReadFailure {
  code: string;
  message: string;
}

/** What reading one candidate gave: its bytes, a reason it is not a key file at all, or a failure. */
export type FileRead =
  | { kind: 'data'; data: Buffer }
  | { kind: 'skipped'; reason: 'empty' | 'tooLarge' | 'notRegular' }
  | { kind: 'failed'; failure: ReadFailure };

export function failureOf(error: unknown, path: string): ReadFailure {
  const { code, message } = fsAppError(error, path, 'read');
  return { code, message };
}

/** The path is not there (deleted, a dangling link, or a file where a folder was): it holds no key. */
export function isMissing(failure: { code: string }): boolean {
  return failure.code === fileErrorCodes.notFound || failure.code === fileErrorCodes.notAFolder;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens a file for reading. Another part of the process may hold many descriptors for a moment,
 * so running out of them (EMFILE/ENFILE) is waited out a few times before it counts as a failure.
 */
async function openForRead(path: string): Promise<number> {
  // O_NONBLOCK: opening a FIFO that slipped in (renamed after listing) must not hang the scan.
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
  for (let attempt = 0; ; attempt++) {
    try {
      return openSync(path, flags);
    } catch (error) {
      const errno = (error as NodeJS.ErrnoException).code;
      if ((errno !== 'EMFILE' && errno !== 'ENFILE') || attempt >= 6) throw error;
      await sleep(5 * 2 ** attempt);
    }
  }
}

/**
 * Reads one candidate key file: one descriptor, checked with fstat before a byte is read. The
 * system calls are synchronous: on a key-sized file each takes microseconds, where a round trip
 * through libuv's thread pool costs more than the call (a scan of thousands of files notices).
 */
export async function readKeyCandidate(path: string): Promise<FileRead> {
  let fd: number;
  try {
    fd = await openForRead(path);
  } catch (error) {
    return { kind: 'failed', failure: failureOf(error, path) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { kind: 'skipped', reason: 'notRegular' };
    if (stat.size === 0) return { kind: 'skipped', reason: 'empty' };
    if (stat.size > maxKeyFileBytes) return { kind: 'skipped', reason: 'tooLarge' };
    const data = readFileSync(fd);
    return data.length > maxKeyFileBytes ? { kind: 'skipped', reason: 'tooLarge' } : { kind: 'data', data };
  } catch (error) {
    return { kind: 'failed', failure: failureOf(error, path) };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Closing a descriptor that was read cannot lose data; nothing to report.
    }
  }
}

/** A folder's listing: candidate files, and the entries that could not be looked at. */
export interface FolderListing {
  files: string[];
  failed: { path: string; failure: ReadFailure }[];
  /** The folder itself could not be listed (missing, a file, no permission). */
  folderFailure?: ReadFailure;
}

/**
 * Candidate key files in a folder: regular files at the top level and one level down, and symlinks
 * (followed when read; a broken or looping one is reported). Sockets and FIFOs (ssh's control
 * sockets live in ~/.ssh) are not files a key can be in and are passed over.
 */
export async function listKeyFolder(folder: string, depth = 1): Promise<FolderListing> {
  const listing: FolderListing = { files: [], failed: [] };
  let entries: Dirent[];
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    return { ...listing, folderFailure: failureOf(error, folder) };
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (depth > 0 && !entry.name.startsWith('.')) {
        const inner = await listKeyFolder(path, depth - 1);
        listing.files.push(...inner.files);
        listing.failed.push(...inner.failed);
        if (inner.folderFailure) listing.failed.push({ path, failure: inner.folderFailure });
      }
    } else if (
      (entry.isFile() || entry.isSymbolicLink()) &&
      !notKeyNames.test(entry.name) &&
      // Our own half-written (or killed) key writes: the key is the finished file, if any.
      !isAtomicTempName(entry.name)
    ) {
      listing.files.push(path);
    }
  }
  return listing;
}
