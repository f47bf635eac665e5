import { SavedDocuments } from '../fs/saved-documents';
import { AppError } from '../ipc/app-error';
import { dialogErrorCodes, type DialogPort } from './ports';

/** Saves recovery reports (Markdown) where the user picks in main's Save dialog. */
export class RecoveryReportFiles {
  private readonly documents: SavedDocuments;

  constructor(
    homeDir: string,
    private readonly dialogs?: DialogPort,
  ) {
    this.documents = new SavedDocuments(homeDir);
  }

  /** The chosen path once written; `null` when the user cancelled (nothing is written then). */
  async save(fileName: string, markdown: string): Promise<string | null> {
    if (!this.dialogs?.saveReportFile)
      throw new AppError(dialogErrorCodes.unavailable, 'File dialogs are not available here.');
    const path = await this.dialogs.saveReportFile({
      defaultPath: await this.documents.defaultPath(fileName),
    });
    if (!path) return null;
    await this.documents.write(path, markdown);
    return path;
  }
}
