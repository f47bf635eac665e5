import { create } from 'zustand';
import type { PreflightResultDto } from '../../../src/ipc/contracts/recovery';
import { api } from '../../lib/api';
import { useAccountsStore } from '../accounts/accounts-store';
import { useRecoverHandoff, type RecoverTarget } from '../inventory/recover-handoff';
import { useInventoryStore } from '../inventory/inventory-store';
import {
  assessmentOf,
  defaultKeyFileName,
  defaultPath,
  emptyDraft,
  instanceChoices,
  mayNeedIngress,
  newKeyPath,
  sameTarget,
  type RecoverDraft,
} from './recover-rules';

/** The wizard's screens, in order (issue 10 §8). */
export const wizardSteps = ['pick', 'checks', 'path', 'key', 'confirm', 'run', 'cleanup', 'report'] as const;
export type WizardStep = (typeof wizardSteps)[number];

/**
 * The recovery wizard up to the confirm screen: which instance, what preflight found, the path and
 * the new key the user chose. Kept in this store (not the page), so leaving the page and coming
 * back finds the same instance and choices; the run itself is recovery-run-store.ts.
 */
export interface RecoverState {
  /** Instances sent by "Recover access…" in the inventory (kept until another hand-off). */
  handedOff: RecoverTarget[];
  target: RecoverTarget | null;
  step: WizardStep;
  query: string;
  sshDir: string | null;
  preflight: PreflightResultDto | null;
  preflightStatus: 'idle' | 'running' | 'done' | 'failed';
  preflightError: unknown;
  draft: RecoverDraft;
  /** A dialog (save, open) failed to open. */
  dialogError: unknown;
  /** "Run it yourself": the exact script for the target user and a public key the user pasted. */
  script: { text: string; for: string } | null;
  scriptError: unknown;

  /** The page opened: takes a pending hand-off (one instance is picked at once) and loads facts. */
  open(): Promise<void>;
  setQuery(query: string): void;
  /** Picks an instance and checks it (preflight). */
  pick(target: RecoverTarget): Promise<void>;
  runPreflight(): Promise<void>;
  edit(patch: Partial<RecoverDraft>): void;
  goTo(step: WizardStep): void;
  /** The Save dialog for the new private key, opened at the path in effect. */
  chooseKeyPath(): Promise<void>;
  /** The Open dialog for an existing private key (`existing`) or the other login's key (`login`). */
  chooseKeyFile(which: 'existing' | 'login'): Promise<void>;
  /** Makes the script that adds `publicKey` for the target user (nothing is sent to the instance). */
  loadScript(targetUser: string, publicKey: string): Promise<void>;
  /** An unfinished recovery is resumed: the wizard shows its run (recovery-run-store resumes it). */
  resumeFromJournal(recovery: { instanceId: string; region: string }): void;
  /** Back to the instance picker with nothing chosen. */
  reset(): void;
}

/** Which preflight answer is the newest: picking another instance drops an older one's answer. */
let preflightGeneration = 0;

const fresh = {
  target: null,
  step: 'pick',
  preflight: null,
  preflightStatus: 'idle',
  preflightError: null,
  draft: emptyDraft,
  dialogError: null,
  script: null,
  scriptError: null,
} satisfies Partial<RecoverState>;

export const useRecoverStore = create<RecoverState>((set, get) => ({
  handedOff: [],
  query: '',
  sshDir: null,
  ...fresh,

  async open() {
    const handed = useRecoverHandoff.getState().take();
    if (handed.length > 0) {
      set({ handedOff: handed });
      const [only] = handed;
      // One instance sent: it is the one to recover (no extra click); several: the user picks.
      if (handed.length === 1 && only && !sameTarget(get().target, only)) void get().pick(only);
      else if (handed.length > 1 && get().step !== 'run') set({ ...fresh });
    }
    void useInventoryStore.getState().start();
    if (get().sshDir === null) {
      try {
        const sources = await api.invoke('inventory:sources', {});
        set({ sshDir: sources.sshDir });
      } catch {
        // Without ~/.ssh the key path has no default; the user types or picks one.
      }
    }
  },

  setQuery: (query) => set({ query }),

  async pick(target) {
    set({
      ...fresh,
      target,
      step: 'checks',
      draft: { ...emptyDraft, importName: `${target.instanceName ?? target.instanceId}-recovered` },
    });
    await get().runPreflight();
  },

  async runPreflight() {
    const { target, draft } = get();
    if (!target) return;
    const generation = ++preflightGeneration;
    set({ preflightStatus: 'running', preflightError: null });
    const accountId = useAccountsStore.getState().activeId;
    try {
      const preflight = await api.invoke('recovery:preflight', {
        ...(accountId ? { accountId } : {}),
        instanceId: target.instanceId,
        region: target.region,
        ...(draft.targetUser?.trim() ? { user: draft.targetUser.trim() } : {}),
      });
      if (generation !== preflightGeneration) return;
      const path = get().draft.path ?? defaultPath(preflight.plan);
      set((state) => ({
        preflight,
        preflightStatus: 'done',
        draft: {
          ...state.draft,
          path,
          // The advised way may need a temporary rule for tcp/22: allowed by default, shown on confirm.
          temporaryIngress: mayNeedIngress(assessmentOf(preflight, path)),
        },
      }));
    } catch (error) {
      if (generation !== preflightGeneration) return;
      set({ preflightStatus: 'failed', preflightError: error });
    }
  },

  edit(patch) {
    set((state) => {
      const draft = { ...state.draft, ...patch };
      // A new path keeps the ingress choice in step with what that path needs.
      if (patch.path && patch.path !== state.draft.path && patch.temporaryIngress === undefined)
        draft.temporaryIngress = mayNeedIngress(assessmentOf(state.preflight, patch.path));
      return { draft, dialogError: null };
    });
  },

  goTo: (step) => set({ step }),

  async chooseKeyPath() {
    const { draft, target, sshDir } = get();
    const defaultPathNow =
      newKeyPath(draft, target, sshDir) ||
      (target ? defaultKeyFileName(target, draft.format) : 'recovered-key');
    try {
      const { path } = await api.invoke('dialog:saveKeyFile', { defaultPath: defaultPathNow });
      if (path) get().edit({ typedPath: path, pathFromDialog: true });
    } catch (error) {
      set({ dialogError: error });
    }
  },

  async chooseKeyFile(which) {
    try {
      const { paths } = await api.invoke('dialog:openKeyFiles', { multiple: false });
      const [path] = paths;
      if (!path) return;
      get().edit(which === 'existing' ? { existingPath: path } : { loginKeyPath: path });
    } catch (error) {
      set({ dialogError: error });
    }
  },

  async loadScript(targetUser, publicKey) {
    const key = `${targetUser}\n${publicKey.trim()}`;
    set({ scriptError: null });
    try {
      const { script } = await api.invoke('recovery:script', { targetUser, publicKey: publicKey.trim() });
      set({ script: { text: script, for: key } });
    } catch (error) {
      set({ script: null, scriptError: error });
    }
  },

  resumeFromJournal({ instanceId, region }) {
    preflightGeneration++;
    const known = instanceChoices(useInventoryStore.getState().view).find(
      (choice) => choice.region === region && choice.instanceId === instanceId,
    );
    const target: RecoverTarget = {
      region,
      instanceId,
      instanceName: known?.instanceName ?? null,
      keyName: known?.keyName ?? '',
    };
    set({ ...fresh, target, step: 'run' });
  },

  reset() {
    preflightGeneration++;
    set({ ...fresh });
  },
}));

// A recovery works in one account: when another page switches it, choices made before the run
// no longer apply (a running recovery keeps the account it pinned).
useAccountsStore.subscribe((state, previous) => {
  if (state.generation === previous.generation) return;
  const { step } = useRecoverStore.getState();
  if (step !== 'run' && step !== 'cleanup' && step !== 'report')
    useRecoverStore.setState({ ...fresh, handedOff: [] });
});
