import { describe, expect, it, vi } from 'vitest';
import { createDialogPort, keyFileFilters } from './dialog-port';

// Electron's dialog and shell are hand-written stand-ins: no Electron binary (and no display) here.
function setUp(
  result: { canceled: boolean; filePaths: string[] },
  parent?: object,
  saved: { canceled: boolean; filePath?: string } = { canceled: true },
) {
  const dialog = {
    showOpenDialog: vi.fn(async (..._args: unknown[]) => result),
    showSaveDialog: vi.fn(async (..._args: unknown[]) => saved),
  };
  const shell = { showItemInFolder: vi.fn() };
  const port = createDialogPort({ dialog: dialog as never, shell, parentWindow: () => parent as never });
  return { dialog, shell, port };
}

describe('createDialogPort', () => {
  it('opens key files as a dialog of the main window and returns the chosen paths', async () => {
    const window = { id: 1 };
    const { dialog, port } = setUp(
      { canceled: false, filePaths: ['/home/me/.ssh/id_ed25519', '/home/me/a.pem'] },
      window,
    );
    expect(await port.openKeyFiles({ multiple: true })).toEqual([
      '/home/me/.ssh/id_ed25519',
      '/home/me/a.pem',
    ]);
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(window, {
      title: 'Open key files',
      properties: ['openFile', 'showHiddenFiles', 'dontAddToRecent', 'multiSelections'],
      filters: keyFileFilters,
    });
  });

  it('allows a single file unless asked for several, and gives [] when cancelled', async () => {
    const { dialog, port } = setUp({ canceled: true, filePaths: [] });
    expect(await port.openKeyFiles({ multiple: false })).toEqual([]);
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(
      expect.objectContaining({ properties: ['openFile', 'showHiddenFiles', 'dontAddToRecent'] }),
    );
  });

  it('chooses a folder, starting where asked, or null when cancelled', async () => {
    const chosen = setUp({ canceled: false, filePaths: ['/home/me/keys'] });
    expect(await chosen.port.chooseFolder({ defaultPath: '/home/me' })).toBe('/home/me/keys');
    expect(chosen.dialog.showOpenDialog).toHaveBeenCalledWith({
      title: 'Choose a folder',
      properties: ['openDirectory', 'createDirectory', 'showHiddenFiles', 'dontAddToRecent'],
      defaultPath: '/home/me',
    });
    expect(await setUp({ canceled: true, filePaths: [] }).port.chooseFolder({})).toBeNull();
  });

  it('reveals a file in the file manager', async () => {
    const { shell, port } = setUp({ canceled: true, filePaths: [] });
    await port.showItemInFolder('/home/me/a.ppk');
    expect(shell.showItemInFolder).toHaveBeenCalledWith('/home/me/a.ppk');
  });

  it('asks where to save a key with the OS save dialog (which confirms replacing), or null when cancelled', async () => {
    const window = { id: 1 };
    const { dialog, port } = setUp({ canceled: true, filePaths: [] }, window, {
      canceled: false,
      filePath: '/home/me/.ssh/web.pem',
    });
    expect(await port.saveKeyFile?.({ defaultPath: '/home/me/.ssh/web.pem' })).toBe('/home/me/.ssh/web.pem');
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(window, {
      title: 'Save the private key',
      defaultPath: '/home/me/.ssh/web.pem',
      properties: ['showOverwriteConfirmation', 'createDirectory', 'showHiddenFiles', 'dontAddToRecent'],
    });
    const cancelled = setUp({ canceled: true, filePaths: [] });
    expect(await cancelled.port.saveKeyFile?.({ defaultPath: '/home/me/k' })).toBeNull();
  });

  it('asks where to save an inventory export, filtered to its format, or null when cancelled', async () => {
    const { dialog, port } = setUp({ canceled: true, filePaths: [] }, undefined, {
      canceled: false,
      filePath: '/home/me/Downloads/inv.csv',
    });
    expect(await port.saveExportFile?.({ defaultPath: '/home/me/Downloads/k.csv', format: 'csv' })).toBe(
      '/home/me/Downloads/inv.csv',
    );
    expect(dialog.showSaveDialog).toHaveBeenCalledWith({
      title: 'Export the inventory',
      defaultPath: '/home/me/Downloads/k.csv',
      filters: [{ name: 'CSV', extensions: ['csv'] }],
      properties: ['showOverwriteConfirmation', 'createDirectory', 'dontAddToRecent'],
    });
    const cancelled = setUp({ canceled: true, filePaths: [] });
    expect(await cancelled.port.saveExportFile?.({ defaultPath: '/k.json', format: 'json' })).toBeNull();
  });

  it('asks where to save a recovery report as Markdown, or null when cancelled', async () => {
    const window = { id: 1 };
    const { dialog, port } = setUp({ canceled: true, filePaths: [] }, window, {
      canceled: false,
      filePath: '/home/me/Documents/report.md',
    });
    expect(await port.saveReportFile?.({ defaultPath: '/home/me/Downloads/keyrescue-rec.md' })).toBe(
      '/home/me/Documents/report.md',
    );
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(window, {
      title: 'Save the recovery report',
      defaultPath: '/home/me/Downloads/keyrescue-rec.md',
      filters: [{ name: 'Markdown', extensions: ['md'] }],
      properties: ['showOverwriteConfirmation', 'createDirectory', 'dontAddToRecent'],
    });
    const cancelled = setUp({ canceled: true, filePaths: [] });
    expect(await cancelled.port.saveReportFile?.({ defaultPath: '/r.md' })).toBeNull();
  });
});
