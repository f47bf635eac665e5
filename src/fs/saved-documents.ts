import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-write';

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

/**
 * Documents the user saves through a Save dialog (exports, reports): first offered in Downloads
 * (the home folder when there is none), then in the folder of the last one saved this session.
 */
export class SavedDocuments {
  private lastFolder: string | undefined;

  constructor(private readonly homeDir: string) {}

  /** Where the dialog should first offer `fileName`. */
  async defaultPath(fileName: string): Promise<string> {
    const downloads = join(this.homeDir, 'Downloads');
    const folder = this.lastFolder ?? ((await isFolder(downloads)) ? downloads : this.homeDir);
    return join(folder, fileName);
  }

  /** Whole or not at all. Replacing is fine: the OS Save dialog asked before returning an existing file. */
  async write(path: string, text: string): Promise<void> {
    await writeFileAtomic(path, text, { overwrite: true });
    this.lastFolder = dirname(path);
  }
}
