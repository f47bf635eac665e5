import { create } from 'zustand';
import type { PreflightResultDto } from '../../../src/ipc/contracts/recovery';
import type { RememberedSshTargetDto } from '../../../src/ipc/contracts/recovery-run';
import { operationErrorCodes } from '../../../src/ipc/operations/operation-errors';
import { followOperation, operationResult } from '../../../src/ipc/operations/run-operation';
import { api } from '../../lib/api';
import { useAccountsStore } from '../accounts/accounts-store';
import { useRecoverHandoff, type RecoverTarget } from '../inventory/recover-handoff';
import { useInventoryStore } from '../inventory/inventory-store';
import { forgetPreflight, rememberedPreflight, rememberPreflight } from './preflight-memory';
import { applyCheckEntry, pendingChecks, type CheckView } from './preflight-progress';
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
  preflightStatus: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  preflightError: unknown;
  /** The live checklist: every check, pending until it runs, with its findings once it finished. */
  preflightChecks: CheckView[];
  /** Cancel was pressed: the preflight stops before its next check. */
  preflightCancelling: boolean;
  draft: RecoverDraft;
  /** The SSH target remembered for the picked instance (pre-filled into the draft), if any. */
  sshTarget: RememberedSshTargetDto | null;
  sshTargetError: unknown;
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
  /** Stops the running preflight before its next check (what finished stays shown). */
  cancelPreflight(): void;
  edit(patch: Partial<RecoverDraft>): void;
  /** Reads the SSH target remembered for the picked instance and pre-fills the host and port. */
  loadSshTarget(): Promise<void>;
  /** Forgets it (main's memory too) and empties the fields it filled. */
  forgetSshTarget(): Promise<void>;
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
/** Aborting it cancels the running preflight (followOperation calls `operations:cancel`). */
let preflightRunning: AbortController | null = null;

const fresh = {
  target: null,
  step: 'pick',
  preflight: null,
  preflightStatus: 'idle',
  preflightError: null,
  preflightChecks: [],
  preflightCancelling: false,
  draft: emptyDraft,
  sshTarget: null,
  sshTargetError: null,
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
    } else if (get().target === null) {
      // A reloaded window: the preflight it was following goes on in main; catch up with its log.
      const remembered = rememberedPreflight();
      if (remembered) {
        set({ ...fresh, target: remembered.target, step: 'checks', draft: draftFor(remembered.target) });
        void get().loadSshTarget();
        // Gone from main (ended long ago, or main restarted): check the instance again instead.
        void followPreflight(
          remembered.target,
          async () => remembered,
          () => void get().runPreflight(),
        );
      }
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
    set({ ...fresh, target, step: 'checks', draft: draftFor(target) });
    void get().loadSshTarget();
    await get().runPreflight();
  },

  async runPreflight() {
    const { target, draft } = get();
    if (!target) return;
    const accountId = useAccountsStore.getState().activeId;
    await followPreflight(target, () =>
      api.invoke('recovery:preflight', {
        ...(accountId ? { accountId } : {}),
        instanceId: target.instanceId,
        region: target.region,
        ...(draft.targetUser?.trim() ? { user: draft.targetUser.trim() } : {}),
      }),
    );
  },

  cancelPreflight() {
    if (get().preflightStatus !== 'running' || !preflightRunning) return;
    set({ preflightCancelling: true });
    preflightRunning.abort();
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

  async loadSshTarget() {
    const { target } = get();
    if (!target) return;
    const accountId = useAccountsStore.getState().activeId;
    try {
      const { remembered } = await api.invoke('recovery:sshTarget', {
        ...(accountId ? { accountId } : {}),
        instanceId: target.instanceId,
        region: target.region,
      });
      if (!sameTarget(get().target, target)) return;
      set((state) => ({
        sshTarget: remembered,
        sshTargetError: null,
        // What the user typed meanwhile wins over the remembered target.
        draft:
          remembered && !state.draft.sshHost && !state.draft.sshPort
            ? { ...state.draft, sshHost: remembered.host, sshPort: String(remembered.port) }
            : state.draft,
      }));
    } catch (error) {
      // Not knowing a remembered target only means typing it again.
      set({ sshTarget: null, sshTargetError: error });
    }
  },

  async forgetSshTarget() {
    const { target, sshTarget } = get();
    if (!target || !sshTarget) return;
    const accountId = useAccountsStore.getState().activeId;
    try {
      await api.invoke('recovery:forgetSshTarget', {
        ...(accountId ? { accountId } : {}),
        instanceId: target.instanceId,
        region: target.region,
      });
      set((state) => ({
        sshTarget: null,
        sshTargetError: null,
        draft:
          state.draft.sshHost === sshTarget.host ? { ...state.draft, sshHost: '', sshPort: '' } : state.draft,
      }));
    } catch (error) {
      set({ sshTargetError: error });
    }
  },

  goTo(step) {
    // Once the run starts, a reload shows the run's journal, not these checks again.
    if (step === 'run') forgetPreflight();
    set({ step });
  },

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
    stopFollowingPreflight();
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
    stopFollowingPreflight();
    set({ ...fresh });
  },
}));

// A recovery works in one account: when another page switches it, choices made before the run
// no longer apply (a running recovery keeps the account it pinned).
useAccountsStore.subscribe((state, previous) => {
  if (state.generation === previous.generation) return;
  const { step } = useRecoverStore.getState();
  if (step !== 'run' && step !== 'cleanup' && step !== 'report') {
    stopFollowingPreflight();
    useRecoverStore.setState({ ...fresh, handedOff: [] });
  }
});

/** A new wizard's choices for `target`: the import name defaults to the instance's. */
function draftFor(target: RecoverTarget): RecoverDraft {
  return { ...emptyDraft, importName: `${target.instanceName ?? target.instanceId}-recovered` };
}

/** Another instance, a reset or an account switch: the older preflight's answer no longer applies. */
function stopFollowingPreflight(): void {
  preflightGeneration++;
  forgetPreflight();
}

/**
 * Starts (or, after a reload, re-joins) a preflight operation and follows it: each check's entry
 * fills in the checklist as it arrives; the result sets the plan and the advised path.
 */
async function followPreflight(
  target: RecoverTarget,
  begin: () => Promise<{ operationId: string }>,
  /** Re-joining after a reload: called instead when main no longer knows the operation. */
  onGone?: () => void,
): Promise<void> {
  const { getState, setState: set } = useRecoverStore;
  const generation = ++preflightGeneration;
  const current = () => generation === preflightGeneration;
  const controller = new AbortController();
  preflightRunning = controller;
  set({
    target,
    preflight: null,
    preflightStatus: 'running',
    preflightError: null,
    preflightChecks: pendingChecks(),
    preflightCancelling: false,
  });
  try {
    const status = await followOperation(api, begin, {
      signal: controller.signal,
      rejoin: onGone !== undefined,
      onStarted: (operationId) => {
        if (current()) rememberPreflight({ operationId, target });
      },
      onEntry: (entry) => {
        if (current()) set((state) => ({ preflightChecks: applyCheckEntry(state.preflightChecks, entry) }));
      },
    });
    if (!current()) return;
    const preflight = operationResult(status, 'recovery.preflight');
    const path = getState().draft.path ?? defaultPath(preflight.plan);
    set((state) => ({
      preflight,
      preflightStatus: 'done',
      preflightCancelling: false,
      draft: {
        ...state.draft,
        path,
        // The advised way may need a temporary rule for tcp/22: allowed by default, shown on confirm.
        temporaryIngress: mayNeedIngress(assessmentOf(preflight, path)),
      },
    }));
  } catch (error) {
    if (!current()) return;
    const code = (error as { code?: string } | null)?.code;
    if (code === operationErrorCodes.notFound && onGone) {
      forgetPreflight();
      return onGone();
    }
    const cancelled = code === operationErrorCodes.cancelled;
    set({
      preflightStatus: cancelled ? 'cancelled' : 'failed',
      preflightError: cancelled ? null : error,
      preflightCancelling: false,
    });
  } finally {
    if (preflightRunning === controller) preflightRunning = null;
  }
}
