import { create } from 'zustand';
import type { ChannelOutput } from '../../../src/ipc/contract';
import type {
  CleanupChoices,
  CleanupResult,
  RecoveryRollbackResult,
  RecoveryRunResult,
  RecoveryStartInput,
} from '../../../src/ipc/contracts/recovery-run';
import { followOperation, operationResult } from '../../../src/ipc/operations/run-operation';
import { api } from '../../lib/api';
import { applyEntry, mergeSummaries, pendingSteps, type StepView } from './run-progress';

export type UnfinishedList = ChannelOutput<'recovery:unfinished'>;
export type UnfinishedRecovery = UnfinishedList['recoveries'][number];

type Phase = 'idle' | 'running' | 'ended';

/** Typed for this resume only: sent in the `recovery:resume` call, never kept in a store. */
export interface ResumePassphrases {
  newKeyPassphrase?: string;
  loginKeyPassphrase?: string;
  /** The other login's password, when the journal says it logged in with one. */
  loginPassword?: string;
}

/**
 * main's refusals of a resume that the passphrase dialog answers (src/recovery/service/resume-keys.ts,
 * resume-login.ts for the login's password).
 */
export const passphraseRefusalCodes: readonly string[] = [
  'recoveryRun.resumePassphraseNeeded',
  'recoveryRun.resumeWrongPassphrase',
  'recoveryRun.resumePasswordNeeded',
  'recoveryRun.resumeWrongPassword',
];

export function isPassphraseRefusal(
  error: unknown,
): error is { code: string; details?: Record<string, unknown> } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && passphraseRefusalCodes.includes(code);
}

export interface RecoveryRunState {
  phase: Phase;
  recoveryId: string | null;
  operationId: string | null;
  /** The run's steps: planned ones pending, then as progress reports them. */
  steps: StepView[];
  result: RecoveryRunResult | null;
  /** The run was rolled back from its journal (every done step undone, last first). */
  rolledBack: RecoveryRollbackResult | null;
  /** Why the run stopped (an IpcError: the failed step's code, or `operations.cancelled`). */
  error: unknown;
  /** Cancel was pressed: the run stops at the next step boundary. */
  cancelling: boolean;
  cleanupPhase: Phase;
  cleanupSteps: StepView[];
  cleanupResult: CleanupResult | null;
  cleanupError: unknown;
  report: { markdown: string; suggestedName: string; language: 'en' | 'ja' } | null;
  reportError: unknown;
  /** Saving the report as Markdown: where it went (cleared by the next save), or why it did not. */
  reportSave: { phase: 'idle' | 'saving' | 'saved' | 'cancelled'; path: string | null; error: unknown };
  unfinished: UnfinishedList | null;
  unfinishedError: unknown;
  /** The recovery being abandoned, while the call runs. */
  abandoning: string | null;

  /** Starts a recovery; `planned` are the step ids the confirm screen listed. */
  start(input: RecoveryStartInput, planned: string[]): Promise<void>;
  /** Goes on with an unfinished recovery from its journal (a refusal shows as the run's error). */
  resume(recoveryId: string, options?: ResumePassphrases): Promise<void>;
  /**
   * Asks main to resume and resolves once it took the resume (the run goes on in `run`) or refused
   * it. A missing or wrong passphrase comes back as `passphraseRefusal` and changes nothing here, so
   * the passphrase dialog can ask again; any other refusal is the run's error, as with `resume`.
   */
  beginResume(
    recoveryId: string,
    options?: ResumePassphrases,
  ): Promise<{ passphraseRefusal: unknown; run: Promise<void> }>;
  /** Undoes a stopped recovery from its journal, last step first (`recovery:rollback`). */
  rollback(recoveryId: string, options?: ResumePassphrases): Promise<void>;
  /** Asks the run to stop at its next step boundary (never in the middle of a change). */
  cancel(): void;
  cleanup(choices: Omit<CleanupChoices, 'recoveryId'>, planned: string[]): Promise<void>;
  /** Back to the cleanup choices after a cleanup stopped (what it did stays done). */
  editCleanup(): void;
  loadReport(language: 'en' | 'ja'): Promise<void>;
  /** Asks main's Save dialog for a path and writes the report there, in `language`. */
  saveReport(language: 'en' | 'ja'): Promise<void>;
  loadUnfinished(): Promise<void>;
  abandon(recoveryId: string): Promise<void>;
  /** Forgets the run (a new recovery starts); the journal on disk keeps it. */
  reset(): void;
}

/** Aborting it cancels the running operation (followOperation calls `operations:cancel`). */
let running: AbortController | null = null;

const idle = {
  phase: 'idle',
  recoveryId: null,
  operationId: null,
  steps: [],
  result: null,
  rolledBack: null,
  error: null,
  cancelling: false,
  cleanupPhase: 'idle',
  cleanupSteps: [],
  cleanupResult: null,
  cleanupError: null,
  report: null,
  reportError: null,
  reportSave: { phase: 'idle', path: null, error: null },
} satisfies Partial<RecoveryRunState>;

export const useRecoveryRunStore = create<RecoveryRunState>((set, get) => {
  /** Follows one `recovery.run` operation (start or resume) to its end. */
  async function follow(begin: () => Promise<{ operationId: string; recoveryId?: string }>) {
    const controller = new AbortController();
    running = controller;
    try {
      const status = await followOperation(
        api,
        async () => {
          const started = await begin();
          if (started.recoveryId) set({ recoveryId: started.recoveryId });
          return started;
        },
        {
          signal: controller.signal,
          onStarted: (operationId) => set({ operationId }),
          onEntry: (entry) => {
            // A new recovery's id arrives once its journal exists (the `recovery` note), before any step.
            if (entry.kind === 'note' && entry.step === 'recovery' && entry.detail)
              set({ recoveryId: entry.detail });
            else set((state) => ({ steps: applyEntry(state.steps, entry) }));
          },
        },
      );
      const result: RecoveryRunResult = operationResult(status, 'recovery.run');
      set((state) => ({
        phase: 'ended',
        result,
        recoveryId: result.recoveryId,
        steps: mergeSummaries(state.steps, result.steps),
        cancelling: false,
      }));
    } catch (error) {
      set({ phase: 'ended', error, cancelling: false });
    } finally {
      if (running === controller) running = null;
    }
    void get().loadUnfinished();
  }

  return {
    ...idle,
    unfinished: null,
    unfinishedError: null,
    abandoning: null,

    async start(input, planned) {
      if (get().phase === 'running') return;
      set({ ...idle, phase: 'running', steps: pendingSteps(planned) });
      await follow(() => api.invoke('recovery:start', input));
    },

    async resume(recoveryId, options = {}) {
      const { passphraseRefusal, run } = await get().beginResume(recoveryId, options);
      if (passphraseRefusal) set({ ...idle, phase: 'ended', recoveryId, error: passphraseRefusal });
      await run;
    },

    async beginResume(recoveryId, options = {}) {
      const none = { passphraseRefusal: null, run: Promise.resolve() };
      if (get().phase === 'running') return none;
      let started: { operationId: string; recoveryId: string };
      try {
        started = await api.invoke('recovery:resume', {
          recoveryId,
          ...(options.newKeyPassphrase ? { newKeyPassphrase: options.newKeyPassphrase } : {}),
          ...(options.loginKeyPassphrase ? { loginKeyPassphrase: options.loginKeyPassphrase } : {}),
          ...(options.loginPassword ? { loginPassword: options.loginPassword } : {}),
        });
      } catch (error) {
        if (isPassphraseRefusal(error)) return { ...none, passphraseRefusal: error };
        set({ ...idle, phase: 'ended', recoveryId, error });
        return none;
      }
      const earlier = get().recoveryId === recoveryId ? get().steps : [];
      set({ ...idle, phase: 'running', recoveryId, steps: earlier.filter((step) => step.state === 'done') });
      return { passphraseRefusal: null, run: follow(async () => started) };
    },

    async rollback(recoveryId, options = {}) {
      if (get().phase === 'running') return;
      const earlier = get().recoveryId === recoveryId ? get().steps : [];
      set({ ...idle, phase: 'running', recoveryId, steps: earlier });
      const controller = new AbortController();
      running = controller;
      try {
        const status = await followOperation(
          api,
          () =>
            api.invoke('recovery:rollback', {
              recoveryId,
              ...(options.newKeyPassphrase ? { newKeyPassphrase: options.newKeyPassphrase } : {}),
              ...(options.loginKeyPassphrase ? { loginKeyPassphrase: options.loginKeyPassphrase } : {}),
              ...(options.loginPassword ? { loginPassword: options.loginPassword } : {}),
            }),
          {
            signal: controller.signal,
            onStarted: (operationId) => set({ operationId }),
            onEntry: (entry) => set((state) => ({ steps: applyEntry(state.steps, entry) })),
          },
        );
        const rolledBack = operationResult(status, 'recovery.rollback');
        set((state) => ({
          phase: 'ended',
          rolledBack,
          steps: mergeSummaries(state.steps, rolledBack.steps),
          cancelling: false,
        }));
      } catch (error) {
        set({ phase: 'ended', error, cancelling: false });
      } finally {
        if (running === controller) running = null;
      }
      void get().loadUnfinished();
    },

    cancel() {
      if (get().phase !== 'running' || !running) return;
      set({ cancelling: true });
      running.abort();
    },

    async cleanup(choices, planned) {
      const { recoveryId, cleanupPhase } = get();
      if (!recoveryId || cleanupPhase === 'running') return;
      set({
        cleanupPhase: 'running',
        cleanupSteps: pendingSteps(planned),
        cleanupResult: null,
        cleanupError: null,
      });
      try {
        const status = await followOperation(
          api,
          () => api.invoke('recovery:cleanup', { ...choices, recoveryId }),
          {
            onEntry: (entry) => set((state) => ({ cleanupSteps: applyEntry(state.cleanupSteps, entry) })),
          },
        );
        const result: CleanupResult = operationResult(status, 'recovery.cleanup');
        set((state) => ({
          cleanupPhase: 'ended',
          cleanupResult: result,
          cleanupSteps: mergeSummaries(state.cleanupSteps, result.steps),
        }));
      } catch (error) {
        set({ cleanupPhase: 'ended', cleanupError: error });
      }
    },

    editCleanup() {
      if (get().cleanupPhase !== 'ended') return;
      set({ cleanupPhase: 'idle', cleanupSteps: [], cleanupResult: null, cleanupError: null });
    },

    async loadReport(language) {
      const { recoveryId } = get();
      if (!recoveryId) return;
      set({ reportError: null });
      try {
        const report = await api.invoke('recovery:report', { recoveryId, language });
        if (get().recoveryId === recoveryId) set({ report: { ...report, language } });
      } catch (error) {
        set({ reportError: error });
      }
    },

    async saveReport(language) {
      const { recoveryId, reportSave } = get();
      if (!recoveryId || reportSave.phase === 'saving') return;
      set({ reportSave: { phase: 'saving', path: null, error: null } });
      try {
        const saved = await api.invoke('recovery:saveReport', { recoveryId, language });
        if (get().recoveryId !== recoveryId) return;
        set({
          reportSave:
            saved.status === 'saved'
              ? { phase: 'saved', path: saved.path, error: null }
              : { phase: 'cancelled', path: null, error: null },
        });
      } catch (error) {
        if (get().recoveryId === recoveryId) set({ reportSave: { phase: 'idle', path: null, error } });
      }
    },

    async loadUnfinished() {
      try {
        set({ unfinished: await api.invoke('recovery:unfinished', {}), unfinishedError: null });
      } catch (error) {
        set({ unfinishedError: error });
      }
    },

    async abandon(recoveryId) {
      set({ abandoning: recoveryId, unfinishedError: null });
      try {
        await api.invoke('recovery:abandon', { recoveryId });
        if (get().recoveryId === recoveryId && get().phase !== 'running') set({ ...idle });
      } catch (error) {
        set({ unfinishedError: error });
      } finally {
        set({ abandoning: null });
      }
      await get().loadUnfinished();
    },

    reset() {
      if (get().phase === 'running') return;
      set({ ...idle });
    },
  };
});
