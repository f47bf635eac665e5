import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { AppError } from '../ipc/app-error';
import { dialogErrorCodes, type DialogPort } from './ports';

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

/**
 * Saves recovery reports (Markdown) where the user picks in main's Save dialog: first offered in
 * Downloads (the home folder when there is none), then in the folder of the last report saved.
 */
export class RecoveryReportFiles {
  private lastFolder: string | undefined;

  constructor(
    private readonly homeDir: string,
    private readonly dialogs?: DialogPort,
  ) {}

  /** The chosen path once written; `null` when the user cancelled (nothing is written then). */
  async save(fileName: string, markdown: string): Promise<string | null> {
    if (!this.dialogs?.saveReportFile)
      throw new AppError(dialogErrorCodes.unavailable, 'File dialogs are not available here.');
    const downloads = join(this.homeDir, 'Downloads');
    const folder = this.lastFolder ?? ((await isFolder(downloads)) ? downloads : this.homeDir);
    const path = await this.dialogs.saveReportFile({ defaultPath: join(folder, fileName) });
    if (!path) return null;
    // Whole or not at all. Replacing is fine: the OS Save dialog asked before returning an existing file.
    await writeFileAtomic(path, markdown, { overwrite: true });
    this.lastFolder = dirname(path);
    return path;
  }
}
