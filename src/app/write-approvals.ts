import { promises as fs } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileErrorCodes } from '../fs/file-errors';
import { AppError } from '../ipc/app-error';
import type { KeyWriteGuard, KeyWriteOptions } from '../keys/key-files';
import type { DialogPort } from './ports';

/**
 * Files SSH or a shell reads and acts on: a key written under one of these names could run commands
 * (`~/.ssh/rc`, `~/.bashrc`) or grant logins (`authorized_keys`). A key file never needs such a name,
 * so the window may not write one anywhere; hidden files (a leading dot) are refused for the same reason.
 */
const reservedNames = new Set([
  'authorized_keys',
  'authorized_keys2',
  'authorized_principals',
  'config',
  'environment',
  'known_hosts',
  'known_hosts2',
  'rc',
]);

/** Enough for any session; the oldest approvals go first beyond it, so a flood of drops stays bounded. */
const maxFolders = 1000;
const maxFiles = 10_000;

type FolderRule = 'create' | 'replace';

async function canonicalFolder(path: string): Promise<string> {
  return fs.realpath(path).catch(() => resolve(path));
}

/** The path with its folder's symlinks resolved, so `chosen/link/../x` cannot leave the chosen folder. */
async function canonicalFile(path: string): Promise<string | undefined> {
  const absolute = resolve(path);
  const folder = await fs.realpath(dirname(absolute)).catch(() => undefined);
  return folder === undefined ? undefined : join(folder, basename(absolute));
}

function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as K);
}

/**
 * Where the app window may have main write a file: only where the user pointed, through something
 * main itself saw — a folder from the folder dialog, a file from the open dialog or dropped on the
 * window (and the folder it is in), plus the default key folder (~/.ssh), where new files may be
 * created but none replaced. The renderer can name any path, so a path it sends is trusted only
 * inside these. The CLI (and tests driving the core directly) are not checked: the user typed the path.
 * Kept for this session only: a folder chosen yesterday is not a choice made today.
 */
export class WriteApprovals implements KeyWriteGuard {
  private readonly folders = new Map<string, FolderRule>();
  private readonly files = new Set<string>();
  private readonly approving = new Set<Promise<void>>();

  /** `keyFolder`: the default folder for new keys (~/.ssh); it may not exist yet when the app starts. */
  constructor(private readonly keyFolder?: string) {}

  /** A folder the user chose in the folder dialog: keys may be created and (when asked) replaced in it. */
  approveFolder(path: string, rule: FolderRule = 'replace'): void {
    this.track(
      canonicalFolder(path).then((folder) => {
        // A weaker rule never narrows a folder the user chose outright.
        if (this.folders.get(folder) !== 'replace') remember(this.folders, folder, rule, maxFolders);
      }),
    );
  }

  /**
   * A file the user picked in a dialog or dropped on the window: it, and files beside it. With
   * `{ folder: false }` (the save dialog) only that one file.
   */
  approveFile(path: string, { folder = true }: { folder?: boolean } = {}): void {
    if (!isAbsolute(path)) return;
    this.track(
      canonicalFile(path).then((file) => {
        if (!file) return;
        this.files.delete(file);
        this.files.add(file);
        if (this.files.size > maxFiles) this.files.delete(this.files.values().next().value as string);
        if (folder) remember(this.folders, dirname(file), 'replace', maxFolders);
      }),
    );
  }

  private track(approval: Promise<void>): void {
    const settled = approval.catch(() => undefined);
    this.approving.add(settled);
    void settled.then(() => this.approving.delete(settled));
  }

  private async ruleFor(folder: string): Promise<FolderRule | undefined> {
    const chosen = this.folders.get(folder);
    if (chosen) return chosen;
    if (this.keyFolder && (await canonicalFolder(this.keyFolder)) === folder) return 'create';
    return undefined;
  }

  async assertMayWrite(path: string, { overwrite, caller }: KeyWriteOptions): Promise<void> {
    if (caller !== 'renderer') return;
    // A drop registered just before this request must count.
    await Promise.all([...this.approving]);
    const name = basename(path);
    if (reservedNames.has(name.toLowerCase()) || name.startsWith('.'))
      throw new AppError(
        fileErrorCodes.reservedName,
        `KeyRescue does not save a key as ${path}: SSH or the shell reads files named ${name}. Choose another file name.`,
        { path, name },
      );
    const file = isAbsolute(path) ? await canonicalFile(path) : undefined;
    if (isAbsolute(path) && !file)
      throw new AppError(fileErrorCodes.folderMissing, `The folder for ${path} does not exist.`, { path });
    if (file && this.files.has(file)) return;
    const rule = file ? await this.ruleFor(dirname(file)) : undefined;
    if (!file || !rule)
      throw new AppError(
        fileErrorCodes.notChosen,
        `KeyRescue saves keys only in the key folder or a folder you chose: use "Choose folder…" to pick the folder for ${path}.`,
        { path },
      );
    if (
      rule === 'create' &&
      overwrite &&
      (await fs.lstat(file).then(
        () => true,
        () => false,
      ))
    )
      throw new AppError(
        fileErrorCodes.replaceNotChosen,
        `${path} already exists. KeyRescue replaces a file only in a folder you chose: choose its folder with "Choose folder…" to replace it, or use another name.`,
        { path },
      );
  }
}

/** The dialog port with every path the user picked approved for writing (Electron's and the e2e fake alike). */
export function approvingDialogs(dialogs: DialogPort, approvals: WriteApprovals): DialogPort {
  return {
    async openKeyFiles(options) {
      const paths = await dialogs.openKeyFiles(options);
      for (const path of paths) approvals.approveFile(path);
      return paths;
    },
    async chooseFolder(options) {
      const path = await dialogs.chooseFolder(options);
      if (path) approvals.approveFolder(path);
      return path;
    },
    ...(dialogs.saveKeyFile
      ? {
          saveKeyFile: async (options: { defaultPath: string }) => {
            const path = await dialogs.saveKeyFile!(options);
            // The key and its `.pub`: the pair is what the user chose to save (or replace) there.
            if (path)
              for (const file of [path, `${path}.pub`]) approvals.approveFile(file, { folder: false });
            return path;
          },
        }
      : {}),
    // An export is no key file: nothing to approve, writing it is the inventory's own business.
    ...(dialogs.saveExportFile ? { saveExportFile: dialogs.saveExportFile.bind(dialogs) } : {}),
    // Nor is a recovery report: the handler writes where the user chose.
    ...(dialogs.saveReportFile ? { saveReportFile: dialogs.saveReportFile.bind(dialogs) } : {}),
    showItemInFolder: (path) => dialogs.showItemInFolder(path),
  };
}
