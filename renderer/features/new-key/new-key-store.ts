import { create } from 'zustand';
import type { ChannelOutput } from '../../../src/ipc/contract';
import { api } from '../../lib/api';
import { useAccountsStore } from '../accounts/accounts-store';

export type CreateOutcome = ChannelOutput<'keypairs:create'>;
export type KeyPairRef = ChannelOutput<'keypairs:import'>;

/** The New key page's state; which account and region it works on comes from the accounts store. */
export interface NewKeyState {
  sshDir: string | null;
  loadError: unknown;
  /** The last finished create/import, shown as the success card. */
  done: { keyPair: KeyPairRef; path: string | null; method: 'local' | 'aws' | 'import' } | null;
  /** An AWS-created key that could not be saved yet: the user must retry or delete the key pair. */
  unsaved: CreateOutcome | null;
  load(): Promise<void>;
  finish(done: NewKeyState['done']): void;
  setUnsaved(outcome: CreateOutcome | null): void;
  reset(): void;
}

export const useNewKeyStore = create<NewKeyState>((set, get) => ({
  sshDir: null,
  loadError: null,
  done: null,
  unsaved: null,

  async load() {
    void useAccountsStore.getState().loadRegions();
    if (get().sshDir) return;
    try {
      const sources = await api.invoke('inventory:sources', {});
      set({ sshDir: sources.sshDir, loadError: null });
    } catch (error) {
      set({ loadError: error });
    }
  },
  finish: (done) => set({ done, unsaved: null }),
  setUnsaved: (unsaved) => set({ unsaved }),
  reset: () => set({ done: null, unsaved: null }),
}));

/** AWS's key pair name rules, checked before anything is sent (the service checks them again). */
export function localNameProblem(name: string): 'empty' | 'tooLong' | 'notAscii' | 'edgeSpaces' | null {
  if (name.length === 0) return 'empty';
  if (name.length > 255) return 'tooLong';
  if (!/^[\x20-\x7e]+$/.test(name)) return 'notAscii';
  if (name.trim() !== name) return 'edgeSpaces';
  return null;
}

/** `folder` + `file` with the folder's own separator (Windows paths keep backslashes). */
export function joinPath(folder: string, file: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(separator) ? `${folder}${file}` : `${folder}${separator}${file}`;
}

/** A file name for the private key: the key pair name made safe, with the format's usual extension. */
export function defaultFileName(name: string, format: 'openssh' | 'pem' | 'ppk'): string {
  const base = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '') || 'key';
  return format === 'openssh' ? base : `${base}.${format}`;
}
