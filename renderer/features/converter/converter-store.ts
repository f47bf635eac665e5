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
}

export type OutputMode = 'beside' | 'folder';

export interface ConverterState {
  items: ConverterItem[];
  target: ConvertTarget;
  newPassphrase: string;
  confirmPassphrase: string;
  comment: string;
  outputMode: OutputMode;
  outDir: string | null;
  overwrite: boolean;
  busy: boolean;
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
        'target' | 'newPassphrase' | 'confirmPassphrase' | 'comment' | 'outputMode' | 'overwrite'
      >
    >,
  ): void;
  setPassphrase(id: number, passphrase: string): void;
  convert(): Promise<void>;
}

let nextId = 1;
let operation = 0;

/** The last path segment, for display (works for / and \ paths). */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/** Problems that block "Convert", as locale keys; empty when ready. */
export function convertBlockers(
  state: Pick<ConverterState, 'items' | 'newPassphrase' | 'confirmPassphrase' | 'outputMode' | 'outDir'>,
): string[] {
  const problems: string[] = [];
  const readable = state.items.filter((item) => item.info?.kind === 'private');
  if (readable.length === 0) problems.push('blockers.noKeys');
  if (readable.some((item) => item.info?.encrypted && item.passphrase === ''))
    problems.push('blockers.passphrase');
  if (state.newPassphrase !== state.confirmPassphrase) problems.push('blockers.mismatch');
  const needsFolder =
    state.outputMode === 'folder' || state.items.some((item) => item.source.kind === 'text');
  if (needsFolder && !state.outDir) problems.push('blockers.folder');
  return problems;
}

export const useConverterStore = create<ConverterState>((set, get) => {
  async function add(source: KeySource, label: string) {
    const id = nextId++;
    set({ items: [...get().items, { id, source, label, info: null, error: null, passphrase: '' }] });
    const update = (patch: Partial<ConverterItem>) =>
      set({ items: get().items.map((item) => (item.id === id ? { ...item, ...patch } : item)) });
    try {
      update({ info: await api.invoke('keys:inspect', { source }) });
    } catch (error) {
      update({ error });
    }
  }

  return {
    items: [],
    target: 'ppk3',
    newPassphrase: '',
    confirmPassphrase: '',
    comment: '',
    outputMode: 'beside',
    outDir: null,
    overwrite: false,
    busy: false,
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
    remove: (id) => set({ items: get().items.filter((item) => item.id !== id) }),
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
    setPassphrase: (id, passphrase) =>
      set({ items: get().items.map((item) => (item.id === id ? { ...item, passphrase } : item)) }),

    async convert() {
      const state = get();
      const items = state.items.filter((item) => item.info?.kind === 'private');
      const operationId = `convert-${++operation}`;
      set({ busy: true, results: [], requestError: null, progress: { done: 0, total: items.length } });
      const stop = api.on('progress', (event) => {
        if (event.operationId === operationId) set({ progress: { done: event.done, total: event.total } });
      });
      try {
        const out: ChannelOutput<'keys:convert'> = await api.invoke('keys:convert', {
          operationId,
          items: items.map((item) => ({
            source: item.source,
            ...(item.info?.encrypted ? { passphrase: item.passphrase } : {}),
          })),
          target: state.target,
          ...(state.newPassphrase ? { newPassphrase: state.newPassphrase } : {}),
          ...(state.comment.trim() ? { comment: state.comment.trim() } : {}),
          ...(state.outDir &&
          (state.outputMode === 'folder' || items.some((item) => item.source.kind === 'text'))
            ? { outDir: state.outDir }
            : {}),
          overwrite: state.overwrite,
        });
        set({ results: out.results });
      } catch (error) {
        set({ requestError: error });
      } finally {
        stop();
        set({ busy: false, progress: null });
      }
    },
  };
});

/** Opens the system file manager at a written file. */
export async function showInFolder(path: string): Promise<void> {
  await api.invoke('shell:showItemInFolder', { path });
}
