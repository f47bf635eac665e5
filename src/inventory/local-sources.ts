import { promises as fs } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import * as z from 'zod/mini';
import { writeFileAtomic } from '../fs/atomic-write';
import { AppError } from '../ipc/app-error';
import { inventoryErrorCodes } from './inventory-errors';

const fileSchema = z.object({
  folders: z.array(z.string().check(z.maxLength(4096))).check(z.maxLength(50)),
});

/**
 * Where local private keys are looked for: `~/.ssh` always, folders the user added (remembered in
 * `key-folders.json`) and files dropped on the window (this session only).
 */
export class LocalKeySources {
  private folders: string[] | undefined;
  private readonly files = new Set<string>();

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
    await fs.mkdir(this.userDataDir, { recursive: true });
    await writeFileAtomic(this.path, `${JSON.stringify({ folders }, null, 2)}\n`, {
      overwrite: true,
      mode: 0o600,
    });
    this.folders = folders;
  }

  async describe(): Promise<{ folders: string[]; files: string[]; sshDir: string }> {
    return { folders: [...(await this.loadFolders())], files: [...this.files], sshDir: this.sshDir };
  }

  /** What to scan: ~/.ssh, the added folders and the dropped files. */
  async scanSources(): Promise<{ folders: string[]; files: string[] }> {
    return { folders: [this.sshDir, ...(await this.loadFolders())], files: [...this.files] };
  }

  async addFolder(path: string): Promise<void> {
    const absolute = requireAbsolute(path);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat?.isDirectory())
      throw new AppError(inventoryErrorCodes.folderMissing, `${absolute} is not a folder that can be read.`, {
        path: absolute,
      });
    const folders = await this.loadFolders();
    if (!folders.includes(absolute)) await this.saveFolders([...folders, absolute]);
  }

  async removeFolder(path: string): Promise<void> {
    const folders = await this.loadFolders();
    await this.saveFolders(folders.filter((folder) => folder !== path));
  }

  addFiles(paths: readonly string[]): void {
    for (const path of paths) this.files.add(requireAbsolute(path));
  }
}

function requireAbsolute(path: string): string {
  if (!isAbsolute(path))
    throw new AppError(inventoryErrorCodes.pathNotAbsolute, `${path} is not a full path.`, { path });
  return resolve(path);
}
