import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions, Shell } from 'electron';
import type { DialogPort } from '../src/app/ports';

export interface DialogPortDeps {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  shell: Pick<Shell, 'showItemInFolder'>;
  /** The window dialogs belong to (sheet on macOS, modal elsewhere); none while it is closed. */
  parentWindow: () => BrowserWindow | undefined;
}

/** Key files usually end in one of these; `id_rsa`-style names have no extension, hence "All files". */
export const keyFileFilters = [
  { name: 'Key files', extensions: ['pem', 'ppk', 'key', 'pub'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * The core's `DialogPort` over Electron's native dialogs. The renderer never chooses paths itself:
 * it asks main, main shows the OS dialog, and only the paths the user picked come back.
 */
export function createDialogPort(deps: DialogPortDeps): DialogPort {
  const open = (options: OpenDialogOptions) => {
    const parent = deps.parentWindow();
    return parent ? deps.dialog.showOpenDialog(parent, options) : deps.dialog.showOpenDialog(options);
  };
  return {
    async openKeyFiles({ multiple }) {
      const result = await open({
        title: 'Open key files',
        properties: [
          'openFile',
          'showHiddenFiles',
          'dontAddToRecent',
          ...(multiple ? (['multiSelections'] as const) : []),
        ],
        filters: keyFileFilters,
      });
      return result.canceled ? [] : result.filePaths;
    },
    async chooseFolder({ defaultPath }) {
      const result = await open({
        title: 'Choose a folder',
        properties: ['openDirectory', 'createDirectory', 'showHiddenFiles', 'dontAddToRecent'],
        ...(defaultPath ? { defaultPath } : {}),
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async saveKeyFile({ defaultPath }) {
      const options: SaveDialogOptions = {
        title: 'Save the private key',
        defaultPath,
        // The OS asks before replacing a file (macOS and Windows always; GTK with this flag).
        properties: ['showOverwriteConfirmation', 'createDirectory', 'showHiddenFiles', 'dontAddToRecent'],
      };
      const parent = deps.parentWindow();
      const result = parent
        ? await deps.dialog.showSaveDialog(parent, options)
        : await deps.dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async saveExportFile({ defaultPath, format }) {
      const options: SaveDialogOptions = {
        title: 'Export the inventory',
        defaultPath,
        filters: [
          format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'JSON', extensions: ['json'] },
        ],
        properties: ['showOverwriteConfirmation', 'createDirectory', 'dontAddToRecent'],
      };
      const parent = deps.parentWindow();
      const result = parent
        ? await deps.dialog.showSaveDialog(parent, options)
        : await deps.dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async saveReportFile({ defaultPath }) {
      const options: SaveDialogOptions = {
        title: 'Save the recovery report',
        defaultPath,
        filters: [{ name: 'Markdown', extensions: ['md'] }],
        properties: ['showOverwriteConfirmation', 'createDirectory', 'dontAddToRecent'],
      };
      const parent = deps.parentWindow();
      const result = parent
        ? await deps.dialog.showSaveDialog(parent, options)
        : await deps.dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async showItemInFolder(path) {
      deps.shell.showItemInFolder(path);
    },
  };
}
