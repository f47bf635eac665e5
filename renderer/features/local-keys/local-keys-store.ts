import { create } from 'zustand';
import type { LocalScanProblem, LocalSourcesDto } from '../../../src/ipc/contracts/inventory';
import { api } from '../../lib/api';
import { useInventoryStore } from '../inventory/inventory-store';

export interface LocalKeysState {
  /** Where keys are looked for (the view's `localScan` says what each place held). */
  sources: LocalSourcesDto | null;
  load(): Promise<void>;
  /** Opens the folder dialog and adds the chosen folder. */
  chooseFolder(): Promise<void>;
  /** Opens the file dialog and adds the chosen files; resolves to the ones that are not keys. */
  chooseFiles(): Promise<LocalScanProblem[]>;
  /** Adds files (dropped on the window); resolves to the ones that are not keys, with the reason. */
  addFiles(paths: string[]): Promise<LocalScanProblem[]>;
  removeFolder(path: string): Promise<void>;
  removeFile(path: string): Promise<void>;
  /** Gives main the passphrase of a key whose public part is hidden; rejects when it is wrong. */
  unlock(path: string, passphrase: string): Promise<void>;
}

/** Re-matches local keys after the sources changed (AWS is not read again) and shows the result. */
async function rematch(): Promise<void> {
  const view = await api.invoke('inventory:rematch', {});
  if (view) useInventoryStore.setState({ view });
}

/** Problems the latest scan found in these files (a file that is not a key is said so, never dropped). */
function problemsOf(paths: readonly string[]): LocalScanProblem[] {
  const added = new Set(paths);
  return (useInventoryStore.getState().view?.localScan.problems ?? []).filter((problem) =>
    added.has(problem.path),
  );
}

export const useLocalKeysStore = create<LocalKeysState>((set, get) => ({
  sources: null,

  async load() {
    set({ sources: await api.invoke('inventory:sources', {}) });
  },

  async chooseFolder() {
    const { path } = await api.invoke('dialog:chooseFolder', {});
    if (!path) return;
    set({ sources: await api.invoke('inventory:addFolder', { path }) });
    await rematch();
  },

  async chooseFiles() {
    const { paths } = await api.invoke('dialog:openKeyFiles', { multiple: true });
    return paths.length ? get().addFiles(paths) : [];
  },

  async addFiles(paths) {
    set({ sources: await api.invoke('inventory:addFiles', { paths }) });
    await rematch();
    return problemsOf(paths);
  },

  async removeFolder(path) {
    set({ sources: await api.invoke('inventory:removeFolder', { path }) });
    await rematch();
  },

  async removeFile(path) {
    set({ sources: await api.invoke('inventory:removeFile', { path }) });
    await rematch();
  },

  async unlock(path, passphrase) {
    const view = await api.invoke('inventory:unlockKey', { path, passphrase });
    if (view) useInventoryStore.setState({ view });
  },
}));
