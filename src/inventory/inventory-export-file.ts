import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Clock } from '../app/clock';
import { dialogErrorCodes, type DialogPort } from '../app/ports';
import { writeFileAtomic } from '../fs/atomic-write';
import { AppError } from '../ipc/app-error';

export type ExportFormat = 'csv' | 'json';

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

/**
 * Writes inventory exports where the user picks in main's Save dialog: first offered in Downloads
 * (the home folder when there is none), then in the folder of the last export this session.
 */
export class InventoryExportFiles {
  private lastFolder: string | undefined;

  constructor(
    private readonly homeDir: string,
    /** Dates the offered file name. */
    private readonly clock: Clock,
    private readonly dialogs?: DialogPort,
  ) {}

  /** The chosen path once written; `null` when the user cancelled (nothing is written then). */
  async save(format: ExportFormat, text: string): Promise<string | null> {
    if (!this.dialogs?.saveExportFile)
      throw new AppError(dialogErrorCodes.unavailable, 'File dialogs are not available here.');
    const downloads = join(this.homeDir, 'Downloads');
    const folder = this.lastFolder ?? ((await isFolder(downloads)) ? downloads : this.homeDir);
    const fileName = `keyrescue-inventory-${this.clock.now().toISOString().slice(0, 10)}.${format}`;
    const path = await this.dialogs.saveExportFile({ defaultPath: join(folder, fileName), format });
    if (!path) return null;
    // Replacing is fine: the OS Save dialog itself asked the user before returning an existing file.
    await writeFileAtomic(path, text, { overwrite: true });
    this.lastFolder = dirname(path);
    return path;
  }
}
