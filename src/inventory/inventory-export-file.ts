import type { Clock } from '../app/clock';
import { dialogErrorCodes, type DialogPort } from '../app/ports';
import { SavedDocuments } from '../fs/saved-documents';
import { AppError } from '../ipc/app-error';

export type ExportFormat = 'csv' | 'json';

/** Writes inventory exports where the user picks in main's Save dialog. */
export class InventoryExportFiles {
  private readonly documents: SavedDocuments;

  constructor(
    homeDir: string,
    /** Dates the offered file name. */
    private readonly clock: Clock,
    private readonly dialogs?: DialogPort,
  ) {
    this.documents = new SavedDocuments(homeDir);
  }

  /** The chosen path once written; `null` when the user cancelled (nothing is written then). */
  async save(format: ExportFormat, text: string): Promise<string | null> {
    if (!this.dialogs?.saveExportFile)
      throw new AppError(dialogErrorCodes.unavailable, 'File dialogs are not available here.');
    const fileName = `keyrescue-inventory-${this.clock.now().toISOString().slice(0, 10)}.${format}`;
    const path = await this.dialogs.saveExportFile({
      defaultPath: await this.documents.defaultPath(fileName),
      format,
    });
    if (!path) return null;
    await this.documents.write(path, text);
    return path;
  }
}
