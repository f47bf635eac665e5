import { create } from 'zustand';
import type { ChannelOutput } from '../../../src/ipc/contract';
import type { ConvertResult, ConvertTarget, KeyInfo, KeySource } from '../../../src/ipc/contracts/keys';
import { api } from '../../lib/api';

export type { ConvertResult, ConvertTarget, KeyInfo };

/** One key waiting to be converted: where it is, what main said it is, and its passphrase. */
export interface ConverterItem {
  id: number;
  source: KeySource;
  /** File name, or "pasted" text label shown in the list. */
  label: string;
  info: KeyInfo | null;
  /** Why main could not read it (IpcError), shown in place of the facts. */
  error: unknown;
  /** Only asked for (and only sent) when the key is encrypted. */
  passphrase: string;
  /** The passphrase was checked by main when entered (not only at Convert). */
  unlocked: boolean;
  unlocking: boolean;
  /** Names the running passphrase check, so Cancel can abort its key derivation in main. */
  unlockRequestId: string | null;
  /** Why the passphrase was refused (wrong passphrase, …), shown at the key's row. */
  passphraseError: unknown;
}

export type OutputMode = 'beside' | 'folder';
/** What the outputs get: each input's own passphrase, a new one, or none (an explicit choice). */
export type PassphraseMode = 'keep' | 'new' | 'remove';

export interface ConverterState {
  items: ConverterItem[];
  target: ConvertTarget;
  passphraseMode: PassphraseMode;
  newPassphrase: string;
  confirmPassphrase: string;
  comment: string;
  outputMode: OutputMode;
  outDir: string | null;
  overwrite: boolean;
  busy: boolean;
  /** Names the running conversion, so Cancel can abort its key derivations in main. */
  convertRequestId: string | null;
  progress: { done: number; total: number } | null;
  results: ConvertResult[];
  /** An error of the whole request (not of one file). */
  requestError: unknown;
  addPaths(paths: string[]): Promise<void>;
  addText(text: string, label: string): Promise<void>;
  remove(id: number): void;
  clear(): void;
  pickFiles(): Promise<void>;
  chooseFolder(): Promise<void>;
  set(
    patch: Partial<
      Pick<
        ConverterState,
        | 'target'
        | 'passphraseMode'
        | 'newPassphrase'
        | 'confirmPassphrase'
        | 'comment'
        | 'outputMode'
        | 'overwrite'
      >
    >,
  ): void;
  setPassphrase(id: number, passphrase: string): void;
  /** Checks an encrypted key's passphrase now, so a wrong one is reported at its row. */
  unlock(id: number): Promise<void>;
  /** Aborts a running (slow) passphrase check; main answers it with `keys.cancelled`. */
  cancelUnlock(id: number): Promise<void>;
  convert(): Promise<void>;
  /** Aborts the running conversion; nothing is written (main answers `keys.convertCancelled`). */
  cancelConvert(): Promise<void>;
}

let nextId = 1;
let operation = 0;

/** The last path segment, for display (works for / and \ paths). */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/** Problems that block "Convert", as locale keys; empty when ready. */
export function convertBlockers(
  state: Pick<
    ConverterState,
    'items' | 'passphraseMode' | 'newPassphrase' | 'confirmPassphrase' | 'outputMode' | 'outDir'
  >,
): string[] {
  const problems: string[] = [];
  const readable = state.items.filter((item) => item.info?.kind === 'private');
  if (readable.length === 0) problems.push('blockers.noKeys');
  if (readable.some((item) => item.info?.encrypted && !item.unlocked)) problems.push('blockers.passphrase');
  if (state.passphraseMode === 'new') {
    if (state.newPassphrase === '') problems.push('blockers.newPassphrase');
    else if (state.newPassphrase !== state.confirmPassphrase) problems.push('blockers.mismatch');
  }
  const needsFolder =
    state.outputMode === 'folder' || state.items.some((item) => item.source.kind === 'text');
  if (needsFolder && !state.outDir) problems.push('blockers.folder');
  return problems;
}

const locked = {
  passphrase: '',
  unlocked: false,
  unlocking: false,
  unlockRequestId: null,
  passphraseError: null,
};
let unlockRequest = 0;

export const useConverterStore = create<ConverterState>((set, get) => {
  const update = (id: number, patch: Partial<ConverterItem>) =>
    set({ items: get().items.map((item) => (item.id === id ? { ...item, ...patch } : item)) });

  async function add(source: KeySource, label: string) {
    const id = nextId++;
    set({ items: [...get().items, { id, source, label, info: null, error: null, ...locked }] });
    try {
      update(id, { info: await api.invoke('keys:inspect', { source }) });
    } catch (error) {
      update(id, { error });
    }
  }

  return {
    items: [],
    target: 'ppk3',
    passphraseMode: 'keep',
    newPassphrase: '',
    confirmPassphrase: '',
    comment: '',
    outputMode: 'beside',
    outDir: null,
    overwrite: false,
    busy: false,
    convertRequestId: null,
    progress: null,
    results: [],
    requestError: null,

    async addPaths(paths) {
      const known = new Set(
        get().items.flatMap((item) => (item.source.kind === 'file' ? [item.source.path] : [])),
      );
      await Promise.all(
        paths.filter((path) => !known.has(path)).map((path) => add({ kind: 'file', path }, fileName(path))),
      );
    },
    addText: (text, label) => add({ kind: 'text', text }, label),
    remove: (id) => {
      // A key removed while its passphrase is being checked need not keep main busy.
      void get()
        .cancelUnlock(id)
        .catch(() => undefined);
      set({ items: get().items.filter((item) => item.id !== id) });
    },
    clear: () => set({ items: [], results: [], requestError: null, progress: null }),
    async pickFiles() {
      const { paths } = await api.invoke('dialog:openKeyFiles', { multiple: true });
      await get().addPaths(paths);
    },
    async chooseFolder() {
      const { path } = await api.invoke(
        'dialog:chooseFolder',
        get().outDir ? { defaultPath: get().outDir! } : {},
      );
      if (path) set({ outDir: path, outputMode: 'folder' });
    },
    set: (patch) => set(patch),
    // A changed passphrase has to be checked again.
    setPassphrase: (id, passphrase) => update(id, { passphrase, unlocked: false, passphraseError: null }),
    async unlock(id) {
      const item = get().items.find((candidate) => candidate.id === id);
      if (!item || item.passphrase === '' || item.unlocking) return;
      const passphrase = item.passphrase;
      const requestId = `unlock-${id}-${++unlockRequest}`;
      update(id, { unlocking: true, unlockRequestId: requestId, passphraseError: null });
      try {
        const info = await api.invoke('keys:inspect', { source: item.source, passphrase, requestId });
        // Typed on while main was checking: the answer is for a passphrase no longer in the field.
        if (get().items.find((candidate) => candidate.id === id)?.passphrase !== passphrase) return;
        update(id, { info, unlocked: true });
      } catch (passphraseError) {
        update(id, { passphraseError });
      } finally {
        update(id, { unlocking: false, unlockRequestId: null });
      }
    },
    async cancelUnlock(id) {
      const requestId = get().items.find((candidate) => candidate.id === id)?.unlockRequestId;
      if (requestId) await api.invoke('keys:cancel', { requestId });
    },

    async convert() {
      const state = get();
      const items = state.items.filter((item) => item.info?.kind === 'private');
      const operationId = `convert-${++operation}`;
      set({
        busy: true,
        convertRequestId: operationId,
        results: [],
        requestError: null,
        progress: { done: 0, total: items.length },
      });
      const stop = api.on('operation:progress', (event) => {
        if (event.operationId === operationId && event.done !== undefined && event.total !== undefined)
          set({ progress: { done: event.done, total: event.total } });
      });
      try {
        const out: ChannelOutput<'keys:convert'> = await api.invoke('keys:convert', {
          operationId,
          requestId: operationId,
          items: items.map((item) => ({
            source: item.source,
            ...(item.info?.encrypted ? { passphrase: item.passphrase } : {}),
          })),
          target: state.target,
          ...(state.passphraseMode === 'new' ? { newPassphrase: state.newPassphrase } : {}),
          ...(state.passphraseMode === 'remove' ? { removePassphrase: true } : {}),
          ...(state.comment.trim() ? { comment: state.comment.trim() } : {}),
          ...(state.outDir &&
          (state.outputMode === 'folder' || items.some((item) => item.source.kind === 'text'))
            ? { outDir: state.outDir }
            : {}),
          overwrite: state.overwrite,
          // As in the CLI: every file is written, or none (a re-run never meets half a batch).
          allOrNothing: true,
        });
        set({ results: out.results });
      } catch (error) {
        set({ requestError: error });
      } finally {
        stop();
        set({ busy: false, convertRequestId: null, progress: null });
      }
    },
    async cancelConvert() {
      const requestId = get().convertRequestId;
      if (requestId) await api.invoke('keys:cancel', { requestId });
    },
  };
});

/** Opens the system file manager at a written file. */
export async function showInFolder(path: string): Promise<void> {
  await api.invoke('shell:showItemInFolder', { path });
}
