import { promises as fs } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import * as z from 'zod/mini';
import { writeFileAtomic } from '../fs/atomic-write';
import { AppError } from '../ipc/app-error';
import { ensurePrivateDir } from '../fs/private-dir';
import { inventoryErrorCodes } from './inventory-errors';
import { fsAppError } from '../fs/fs-errors';
import type { ScanSources } from './local-key-scan';
import { SessionPassphrases } from './session-passphrases';

const fileSchema = z.object({
  folders: z.array(z.string().check(z.maxLength(4096))).check(z.maxLength(50)),
});

/** The most recent private keys KeyRescue wrote that are remembered; older ones are forgotten first. */
export const maxWrittenKeys = 1000;
const writtenSchema = z.object({
  keys: z.array(z.string().check(z.maxLength(4096))).check(z.maxLength(maxWrittenKeys)),
});

/** Files added this session at most (the add channel takes 100 at a time). */
const maxSessionFiles = 500;
/** Folders the user may add (the saved list's schema allows as many). */
const maxFolders = 50;

/**
 * Where local private keys are looked for: `~/.ssh` always, folders the user added (remembered in
 * `key-folders.json`), files added or dropped on the window (this session only) and every private
 * key KeyRescue wrote (remembered in `written-keys.json`, so a saved key is found after a restart),
 * with the passphrases typed this session for keys whose public part is hidden.
 */
export class LocalKeySources {
  private folders: string[] | undefined;
  private readonly files = new Set<string>();
  private writtenUpdate: Promise<void> = Promise.resolve();
  readonly passphrases = new SessionPassphrases();

  constructor(
    private readonly userDataDir: string,
    readonly sshDir: string,
  ) {}

  private get path(): string {
    return join(this.userDataDir, 'key-folders.json');
  }

  private async loadFolders(): Promise<string[]> {
    if (this.folders) return this.folders;
    try {
      const parsed = fileSchema.safeParse(JSON.parse(await fs.readFile(this.path, 'utf8')));
      this.folders = parsed.success ? parsed.data.folders : [];
    } catch {
      this.folders = [];
    }
    return this.folders;
  }

  private async saveFolders(folders: string[]): Promise<void> {
    await ensurePrivateDir(this.userDataDir);
    await writeFileAtomic(this.path, `${JSON.stringify({ folders }, null, 2)}\n`, {
      overwrite: true,
      mode: 0o600,
    });
    this.folders = folders;
  }

  private get writtenPath(): string {
    return join(this.userDataDir, 'written-keys.json');
  }

  /** Read each time: the CLI and the app both add to it. */
  private async loadWritten(): Promise<string[]> {
    try {
      const parsed = writtenSchema.safeParse(JSON.parse(await fs.readFile(this.writtenPath, 'utf8')));
      return parsed.success ? parsed.data.keys : [];
    } catch {
      return [];
    }
  }

  /** Remembers private keys KeyRescue wrote (newest last); one update at a time, so none is lost. */
  async addWrittenKeys(paths: readonly string[]): Promise<void> {
    const update = this.writtenUpdate.then(async () => {
      const added = paths.filter((path) => isAbsolute(path)).map((path) => resolve(path));
      const fresh = new Set(added);
      const keys = [...(await this.loadWritten()).filter((path) => !fresh.has(path)), ...fresh];
      await fs.mkdir(this.userDataDir, { recursive: true });
      await writeFileAtomic(
        this.writtenPath,
        `${JSON.stringify({ keys: keys.slice(-maxWrittenKeys) }, null, 2)}\n`,
        { overwrite: true, mode: 0o600 },
      );
    });
    this.writtenUpdate = update.catch(() => undefined);
    return update;
  }

  /** The remembered written keys that still exist (a key the user deleted is not reported as missing). */
  private async existingWrittenKeys(): Promise<string[]> {
    const keys = await this.loadWritten();
    const present = await Promise.all(
      keys.map((path) =>
        fs.lstat(path).then(
          () => true,
          () => false,
        ),
      ),
    );
    return keys.filter((_path, i) => present[i]);
  }

  async describe(): Promise<{ folders: string[]; files: string[]; written: string[]; sshDir: string }> {
    return {
      folders: [...(await this.loadFolders())],
      files: [...this.files],
      written: await this.existingWrittenKeys(),
      sshDir: this.sshDir,
    };
  }

  /** What to scan: ~/.ssh, the added folders, the added files and the keys KeyRescue wrote, by kind. */
  async scanSources(): Promise<ScanSources> {
    const added = [...this.files];
    const written = (await this.existingWrittenKeys()).filter((path) => !this.files.has(path));
    return {
      folders: [
        { path: this.sshDir, kind: 'sshDir' },
        ...(await this.loadFolders()).map((path) => ({ path, kind: 'folder' as const })),
      ],
      files: [
        ...added.map((path) => ({ path, kind: 'file' as const })),
        ...written.map((path) => ({ path, kind: 'written' as const })),
      ],
    };
  }

  async addFolder(path: string): Promise<void> {
    const absolute = requireAbsolute(path);
    const stat = await fs.stat(absolute).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw fsAppError(error, absolute, 'read');
    });
    if (!stat?.isDirectory())
      throw new AppError(inventoryErrorCodes.folderMissing, `${absolute} is not a folder that can be read.`, {
        path: absolute,
      });
    const folders = await this.loadFolders();
    if (absolute === this.sshDir || folders.includes(absolute)) return;
    if (folders.length >= maxFolders)
      throw new AppError(
        inventoryErrorCodes.tooManyFolders,
        `At most ${maxFolders} folders can be added. Remove one first.`,
        { path: absolute },
      );
    await this.saveFolders([...folders, absolute]);
  }

  async removeFolder(path: string): Promise<void> {
    const folders = await this.loadFolders();
    await this.saveFolders(folders.filter((folder) => folder !== path));
  }

  addFiles(paths: readonly string[]): void {
    const absolute = paths.map(requireAbsolute);
    if (new Set([...this.files, ...absolute]).size > maxSessionFiles)
      throw new AppError(
        inventoryErrorCodes.tooManyFiles,
        `At most ${maxSessionFiles} files can be added. Add the folder that holds them instead.`,
      );
    for (const path of absolute) this.files.add(path);
  }

  /** Stops matching an added file (the file itself is left alone) and forgets its passphrase. */
  removeFile(path: string): void {
    this.files.delete(path);
    this.passphrases.forget(path);
  }
}

function requireAbsolute(path: string): string {
  if (!isAbsolute(path))
    throw new AppError(inventoryErrorCodes.pathNotAbsolute, `${path} is not a full path.`, { path });
  return resolve(path);
}
