import { create } from 'zustand';
import type { ChannelOutput } from '../../../src/ipc/contract';
import { api } from '../../lib/api';
import { useAccountsStore, type AccountsState } from '../accounts/accounts-store';
import {
  cleanTags,
  effectiveFormat,
  effectiveKeyChoice,
  emptyDraft,
  baseName,
  defaultFileName,
  importSourceOf,
  joinPath,
  localNameProblem,
  savePath,
  submitBlockers,
  type BlockerFacts,
  type NewKeyDraft,
} from './new-key-rules';

export type CreateOutcome = ChannelOutput<'keypairs:create'>;
export type KeyPairRef = ChannelOutput<'keypairs:import'>;
export type PublicKeyPreview = ChannelOutput<'keypairs:previewPublicKey'>;

/** The save location already holds a file: the user picks another name or confirms replacing it. */
export interface FileExists {
  path: string;
  /** A free path beside it (`name-2.pem`), when main found one. */
  suggestion: string | null;
}

/** The New key page's state; which account and regions it works on comes from the accounts store. */
export interface NewKeyState {
  sshDir: string | null;
  loadError: unknown;
  draft: NewKeyDraft;
  /** The last name-check answer; it counts only while region and name are still the ones checked. */
  nameCheck: { region: string; name: string; duplicate: boolean } | null;
  /** The last preview answer and the request it was for (a stale answer is ignored when read). */
  preview: { for: string; value: PublicKeyPreview | null; error: unknown } | null;
  busy: boolean;
  /** Why the last create/import failed (an IpcError), shown under the form. */
  error: unknown;
  fileExists: FileExists | null;
  /** The last finished create/import, shown as the success card. */
  done: { keyPair: KeyPairRef; path: string | null; method: 'local' | 'aws' | 'import' } | null;
  /** An AWS-created key that could not be saved yet: the user must retry or delete the key pair. */
  unsaved: CreateOutcome | null;
  /** Where the unsaved key is to go next (starts at the path that failed). */
  unsavedPath: string;
  unsavedBusy: 'save' | 'delete' | null;
  unsavedError: unknown;

  load(): Promise<void>;
  /** Changes what the user typed; any earlier failure message no longer applies. */
  edit(patch: Partial<NewKeyDraft>): void;
  checkName(): Promise<void>;
  previewPublicKey(): Promise<void>;
  chooseFolder(fileName: string): Promise<void>;
  chooseImportFile(): Promise<void>;
  /** Creates the key pair; never replaces a file. */
  create(): Promise<void>;
  /**
   * After the user confirmed replacing `fileExists.path`: creates with overwrite. Where replacing
   * needs the file picked in the system's Save dialog (~/.ssh), that dialog opens at it first.
   */
  replaceExisting(): Promise<void>;
  importKey(): Promise<void>;
  /** Takes main's suggested free path after "file exists". */
  takeSuggestedPath(): void;
  editUnsavedPath(path: string): void;
  /** The folder dialog for the unsaved key: the path becomes that folder with the same file name. */
  chooseUnsavedFolder(): Promise<void>;
  retrySave(): Promise<void>;
  discardPending(): Promise<void>;
  /** Back to an empty form (method and region kept) after a success. */
  startAnother(): void;
  /** Forgets the success card and everything cached about the account (after leaving the page). */
  reset(): void;
}

/** The region in effect: the user's pick while the account has it, else the account's default. */
export function regionIn(
  draftRegion: string,
  accounts: Pick<AccountsState, 'regions' | 'defaultRegion'>,
): string {
  return (
    (draftRegion && accounts.regions.includes(draftRegion) ? draftRegion : '') || accounts.defaultRegion || ''
  );
}

/** The region the form works on now (for actions). */
const currentRegion = () => regionIn(useNewKeyStore.getState().draft.region, useAccountsStore.getState());

/** The region the form works on, for components. */
export function useRegion(): string {
  const draftRegion = useNewKeyStore((state) => state.draft.region);
  return useAccountsStore((accounts) => regionIn(draftRegion, accounts));
}

/** The key that identifies one preview request (source + passphrase), '' when there is no source. */
export function previewRequestKey(draft: NewKeyDraft): string {
  const source = importSourceOf(draft);
  return source ? `${JSON.stringify(source)}\n${draft.importPassphrase}` : '';
}

/** Whether the name check says the current name is taken in the current region. */
export function isDuplicateName(state: Pick<NewKeyState, 'draft' | 'nameCheck'>, region: string): boolean {
  const check = state.nameCheck;
  return check !== null && check.duplicate && check.region === region && check.name === state.draft.name;
}

/** Where the import preview stands for the source as typed now. */
function previewStatus(state: Pick<NewKeyState, 'draft' | 'preview'>): BlockerFacts['preview'] {
  const { preview } = state;
  if (!preview || preview.for !== previewRequestKey(state.draft)) return 'reading';
  if (preview.value) return 'ready';
  return (preview.error as { code?: string } | null)?.code === 'keypairs.passphraseNeeded'
    ? 'passphraseNeeded'
    : 'failed';
}

/** What keeps submit disabled (locale keys); the actions refuse too, so Enter cannot bypass it. */
export function blockersOf(state: NewKeyState, region: string): string[] {
  return submitBlockers(state.draft, {
    sshDir: state.sshDir,
    duplicateName: isDuplicateName(state, region),
    preview: previewStatus(state),
  });
}

function fileExistsOf(error: unknown): FileExists | null {
  const coded = error as { code?: unknown; details?: Record<string, unknown> } | null;
  if (coded?.code !== 'file.exists' || typeof coded.details?.path !== 'string') return null;
  const suggestion = coded.details.suggestion;
  return { path: coded.details.path, suggestion: typeof suggestion === 'string' ? suggestion : null };
}

export const useNewKeyStore = create<NewKeyState>((set, get) => ({
  sshDir: null,
  loadError: null,
  draft: emptyDraft,
  nameCheck: null,
  preview: null,
  busy: false,
  error: null,
  fileExists: null,
  done: null,
  unsaved: null,
  unsavedPath: '',
  unsavedBusy: null,
  unsavedError: null,

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

  edit: (patch) => set({ draft: { ...get().draft, ...patch }, error: null, fileExists: null }),

  async checkName() {
    const region = currentRegion();
    const { name } = get().draft;
    if (!region || localNameProblem(name)) return;
    try {
      const result = await api.invoke('keypairs:checkName', { region, name });
      set({ nameCheck: { region, name, duplicate: result.problem === 'duplicate' } });
    } catch {
      // The create call checks again and reports any error.
    }
  },

  async previewPublicKey() {
    const { draft } = get();
    const source = importSourceOf(draft);
    const key = previewRequestKey(draft);
    if (!source) return;
    try {
      const value = await api.invoke('keypairs:previewPublicKey', {
        source,
        ...(draft.importPassphrase ? { passphrase: draft.importPassphrase } : {}),
      });
      set({ preview: { for: key, value, error: null } });
    } catch (error) {
      set({ preview: { for: key, value: null, error } });
    }
  },

  async chooseFolder(fileName) {
    const { path: folder } = await api.invoke('dialog:chooseFolder', {});
    if (folder) get().edit({ typedPath: joinPath(folder, fileName) });
  },

  async chooseImportFile() {
    const { paths } = await api.invoke('dialog:openKeyFiles', { multiple: false });
    if (paths[0]) get().edit({ importPath: paths[0] });
  },

  async create() {
    const error = await sendCreate(false);
    if (error) set(fileExistsOf(error) ? { fileExists: fileExistsOf(error) } : { error });
  },

  async replaceExisting() {
    const exists = get().fileExists;
    if (!exists) return;
    let error = await sendCreate(true);
    if (codeOf(error) === 'file.replaceNotChosen') {
      // ~/.ssh takes new keys, but a file there is replaced only once the user picked it in the
      // system's Save dialog (which asks about replacing itself); another name chosen there is used.
      try {
        const { path: chosen } = await api.invoke('dialog:saveKeyFile', { defaultPath: exists.path });
        if (!chosen) return set({ fileExists: exists });
        get().edit({ typedPath: chosen });
        error = await sendCreate(true);
      } catch (failure) {
        error = failure;
      }
    }
    if (error) set(fileExistsOf(error) ? { fileExists: fileExistsOf(error) } : { error });
  },

  async importKey() {
    const state = get();
    const source = importSourceOf(state.draft);
    const region = currentRegion();
    if (!source || state.busy || blockersOf(state, region).length > 0) return;
    set({ busy: true, error: null });
    try {
      const keyPair = await api.invoke('keypairs:import', {
        region,
        name: state.draft.name,
        source,
        ...(state.draft.importPassphrase ? { passphrase: state.draft.importPassphrase } : {}),
        tags: cleanTags(state.draft.tags),
      });
      finishWith(set, { keyPair, path: null, method: 'import' });
    } catch (error) {
      set({ error });
    } finally {
      set({ busy: false });
    }
  },

  takeSuggestedPath() {
    const suggestion = get().fileExists?.suggestion;
    if (suggestion) get().edit({ typedPath: suggestion });
  },

  editUnsavedPath: (unsavedPath) => set({ unsavedPath }),

  async chooseUnsavedFolder() {
    const current = get().unsavedPath.trim();
    const { path: folder } = await api.invoke('dialog:chooseFolder', {});
    const fileName = baseName(current) || defaultFileName(get().unsaved?.keyPair.name ?? 'key', 'pem');
    if (folder) set({ unsavedPath: joinPath(folder, fileName) });
  },

  async retrySave() {
    const pendingId = get().unsaved?.pendingId;
    const path = get().unsavedPath;
    if (!pendingId || path.trim() === '') return;
    set({ unsavedBusy: 'save', unsavedError: null });
    try {
      const outcome = await api.invoke('keypairs:retrySave', { pendingId, path: path.trim() });
      if (outcome.status === 'saved')
        finishWith(set, { keyPair: outcome.keyPair, path: outcome.path, method: 'aws' });
      else set({ unsaved: outcome });
    } catch (error) {
      set({ unsavedError: error });
    } finally {
      set({ unsavedBusy: null });
    }
  },

  async discardPending() {
    const pendingId = get().unsaved?.pendingId;
    if (!pendingId) return;
    set({ unsavedBusy: 'delete', unsavedError: null });
    try {
      await api.invoke('keypairs:discardPending', { pendingId });
      set({ unsaved: null });
    } catch (error) {
      set({ unsavedError: error });
    } finally {
      set({ unsavedBusy: null });
    }
  },

  startAnother: () =>
    set({
      done: null,
      draft: { ...emptyDraft, method: get().draft.method, region: get().draft.region },
      error: null,
      fileExists: null,
      preview: null,
    }),
  reset: () => set({ done: null, unsaved: null }),
}));

/**
 * Sends keypairs:create for the draft (`overwrite` only after the user confirmed replacing the named
 * file); a success or an unsaved AWS key is stored, a failure is returned for the caller to show.
 */
async function sendCreate(overwrite: boolean): Promise<unknown> {
  const { getState: get, setState: set } = useNewKeyStore;
  const state = get();
  const { draft } = state;
  const region = currentRegion();
  if (draft.method === 'import' || state.busy || blockersOf(state, region).length > 0) return null;
  const method = draft.method;
  const keyChoice = effectiveKeyChoice(method, draft.keyChoice);
  const keyType = keyChoice === 'ed25519' ? 'ed25519' : 'rsa';
  set({ busy: true, error: null, fileExists: null });
  try {
    const outcome = await api.invoke('keypairs:create', {
      region,
      name: draft.name,
      method,
      keyType,
      ...(keyType === 'rsa' && method === 'local'
        ? { bits: Number(keyChoice.slice(3)) as 2048 | 3072 | 4096 }
        : {}),
      format: effectiveFormat(method, draft.format),
      path: savePath(draft, state.sshDir).trim(),
      ...(draft.passphrase ? { passphrase: draft.passphrase } : {}),
      ...(overwrite ? { overwrite: true } : {}),
      tags: cleanTags(draft.tags),
    });
    if (outcome.status === 'saved') finishWith(set, { keyPair: outcome.keyPair, path: outcome.path, method });
    else set({ unsaved: outcome, unsavedError: null, unsavedPath: outcome.saveError?.path ?? '' });
    return null;
  } catch (error) {
    return error;
  } finally {
    set({ busy: false });
  }
}

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

/** Success: the card replaces the form; the secrets typed for it are dropped from memory. */
function finishWith(set: (patch: Partial<NewKeyState>) => void, done: NonNullable<NewKeyState['done']>) {
  const { draft } = useNewKeyStore.getState();
  set({
    done,
    unsaved: null,
    unsavedError: null,
    fileExists: null,
    draft: { ...draft, passphrase: '', confirmPassphrase: '', importPassphrase: '' },
  });
}
