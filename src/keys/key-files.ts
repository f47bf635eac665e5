import { accessSync, constants, lstatSync, promises as fs, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { mapWithConcurrency } from '../async/map-with-concurrency';
import { removeStaleTempFiles } from '../fs/atomic-temp-files';
import { writeFileAtomic } from '../fs/atomic-write';
import { freePathBeside } from '../fs/free-path';
import { fileErrorCodes } from '../fs/file-errors';
import { AppError } from '../ipc/app-error';
import type { HandlerContext } from '../ipc/router';
import { fsAppError } from '../fs/fs-errors';

/** Who asked for the write: the app window's paths are checked by the guard, the CLI's are the user's own. */
export type KeyFileCaller = HandlerContext['caller'];

export interface KeyWriteOptions {
  /** Replace an existing file (the user said so); otherwise an existing file is never touched. */
  overwrite: boolean;
  caller: KeyFileCaller;
}

/** Port: whether `caller` may create (or replace) a file at `path`; throws an AppError saying why not. */
export interface KeyWriteGuard {
  assertMayWrite(path: string, options: KeyWriteOptions): Promise<void>;
}

/** Port: told of every private key written, so the inventory keeps looking for it (wired in src/app). */
export interface WrittenKeysPort {
  remember(paths: readonly string[]): Promise<void>;
}

/** Writes one private key file's text; a port so a test can make the disk fail after AWS made a key. */
export type PrivateKeyWrite = (path: string, text: string, options: { overwrite: boolean }) => Promise<void>;

/** Owner-only (0600, and owner-only ACLs on Windows), atomic, no-clobber unless overwriting. */
export const writePrivateKeyFile: PrivateKeyWrite = (path, text, { overwrite }) =>
  writeFileAtomic(path, text, { mode: 0o600, ownerOnly: true, overwrite });

export interface KeyFilesDeps {
  /** Default: every path allowed (a core without a window, and unit tests of src/keys). */
  guard?: KeyWriteGuard;
  written?: WrittenKeysPort;
  write?: PrivateKeyWrite;
}

export interface KeyFileToWrite {
  path: string;
  text: string;
}

function existsError(path: string, caller: KeyFileCaller, suggestion: string | null = null): AppError {
  const advice =
    caller === 'cli'
      ? ' (use --force to replace it)'
      : `. Save under another name${suggestion ? ` (such as ${suggestion})` : ''}, or replace it.`;
  return new AppError(fileErrorCodes.exists, `${path} already exists${advice}`, {
    path,
    ...(suggestion ? { suggestion } : {}),
  });
}

// Checks of paths are synchronous, as writeFileAtomic's calls are: each takes microseconds, where a
// round trip through libuv's thread pool costs more than the call (a batch of 100 keys noticed).
function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function exists(path: string): boolean {
  return lstatOrUndefined(path) !== undefined;
}

/** What is wrong with a target's folder, if anything; built into an error per target path. */
type FolderProblem =
  | { kind: 'missing' }
  | { kind: 'notFolder' }
  | { kind: 'denied' }
  | { kind: 'unusable'; error: unknown }
  | undefined;

/** Folder checks shared by the targets of one batch: folder → what is wrong with it. */
export type FolderChecks = Map<string, FolderProblem>;

function folderProblem(folder: string): FolderProblem {
  let folderStat;
  try {
    folderStat = statSync(folder);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? { kind: 'missing' }
      : { kind: 'unusable', error };
  }
  if (!folderStat.isDirectory()) return { kind: 'notFolder' };
  try {
    accessSync(folder, constants.W_OK);
    return undefined;
  } catch {
    return { kind: 'denied' };
  }
}

/**
 * The one place KeyRescue creates private key files (New key, Convert, AWS-created key pairs, and
 * the recovery engine's new keys): the caller's path is checked by the guard, abandoned temp files of
 * a killed earlier run are removed from the folder, the key is written atomically with mode 0600,
 * never over an existing file unless asked, and every key written is remembered as a local key.
 */
export class KeyFiles {
  private readonly guard: KeyWriteGuard | undefined;
  private readonly written: WrittenKeysPort | undefined;
  private readonly write: PrivateKeyWrite;

  constructor(deps: KeyFilesDeps = {}) {
    this.guard = deps.guard;
    this.written = deps.written;
    this.write = deps.write ?? writePrivateKeyFile;
  }

  /**
   * Checks, before any work that cannot be undone (an AWS call), that a key can be saved at `path`:
   * allowed for this caller, the folder exists and is writable, and the file is new (unless replacing).
   * The write itself can still fail (disk full), which every caller handles.
   */
  async checkTarget(path: string, options: KeyWriteOptions, folders?: FolderChecks): Promise<void> {
    await this.guard?.assertMayWrite(path, options);
    const folder = dirname(path);
    // A batch into one folder checks that folder once (each check is two system calls).
    const problem = folders?.has(folder) ? folders.get(folder) : folderProblem(folder);
    folders?.set(folder, problem);
    if (problem?.kind === 'missing')
      throw new AppError(fileErrorCodes.folderMissing, `The folder for ${path} does not exist.`, { path });
    // A link loop, a NUL or a too-long name say what they are.
    if (problem?.kind === 'unusable') throw fsAppError(problem.error, path, 'write');
    if (problem?.kind === 'notFolder')
      throw fsAppError(Object.assign(new Error(), { code: 'ENOTDIR' }), path, 'write');
    if (problem?.kind === 'denied')
      throw new AppError(fileErrorCodes.permissionDenied, `No permission to write ${path}.`, { path });
    const existing = lstatOrUndefined(path);
    if (existing?.isDirectory())
      throw new AppError(fileErrorCodes.isFolder, `${path} is a folder, not a file.`, { path });
    // The New key form offers this free name beside it, or replacing the file after a confirmation.
    if (existing && !options.overwrite) throw existsError(path, options.caller, await freePathBeside(path));
  }

  /** Writes one private key. */
  async writePrivateKey(path: string, text: string, options: KeyWriteOptions): Promise<void> {
    await this.guard?.assertMayWrite(path, options);
    await removeStaleTempFiles(dirname(path));
    await this.write(path, text, { overwrite: options.overwrite });
    await this.remember([path]);
  }

  /**
   * A private key and its OpenSSH public key beside it (`<path>.pub`, 0644): both or neither. Without
   * `overwrite`, neither file may exist.
   */
  async writeKeyPair(
    path: string,
    text: string,
    publicKeyLine: string,
    options: KeyWriteOptions,
  ): Promise<{ publicKeyPath: string }> {
    const publicKeyPath = `${path}.pub`;
    for (const p of [path, publicKeyPath]) {
      await this.guard?.assertMayWrite(p, options);
      if (!options.overwrite && exists(p)) throw existsError(p, options.caller);
    }
    await removeStaleTempFiles(dirname(path));
    await this.write(path, text, { overwrite: options.overwrite });
    try {
      await writeFileAtomic(publicKeyPath, `${publicKeyLine}\n`, {
        mode: 0o644,
        overwrite: options.overwrite,
      });
    } catch (error) {
      // No half-finished pair: without its .pub the new private key is removed again.
      await fs.rm(path, { force: true });
      throw error;
    }
    await this.remember([path]);
    return { publicKeyPath };
  }

  /**
   * Many private keys, all or nothing (a batch convert): every path is checked by the guard first,
   * the writes overlap (each waits on an fsync), and if one fails the files this call created are
   * removed again (a file it replaced stays replaced). Returns, per file, the error or `undefined`.
   */
  async writeAll<F extends KeyFileToWrite>(
    files: readonly F[],
    options: KeyWriteOptions & { concurrency: number; onWritten?: (file: F) => void },
  ): Promise<unknown[]> {
    for (const file of files) await this.guard?.assertMayWrite(file.path, options);
    for (const folder of new Set(files.map((file) => dirname(file.path)))) await removeStaleTempFiles(folder);
    const created: string[] = [];
    const outcomes = await mapWithConcurrency(files, options.concurrency, async (file) => {
      try {
        const existed = options.overwrite ? exists(file.path) : false;
        await this.write(file.path, file.text, { overwrite: options.overwrite });
        if (!existed) created.push(file.path);
        options.onWritten?.(file);
        return undefined;
      } catch (error) {
        return error;
      }
    });
    if (outcomes.some((outcome) => outcome !== undefined)) {
      await Promise.all(created.map((path) => fs.rm(path, { force: true })));
    } else {
      await this.remember(files.map((file) => file.path));
    }
    return outcomes;
  }

  /** Best effort: a key that was written is not a failure because the list of written keys was not. */
  private async remember(paths: readonly string[]): Promise<void> {
    await this.written?.remember(paths).catch(() => undefined);
  }
}
