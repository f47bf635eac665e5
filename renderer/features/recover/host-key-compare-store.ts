import { create } from 'zustand';
import type { ConsoleHostKeysDto } from '../../../src/ipc/contracts/recovery';
import { api } from '../../lib/api';
import { useAccountsStore } from '../accounts/accounts-store';

/** What to compare: the fingerprint SSH was shown, and the instance whose console printed its keys. */
export interface CompareSubject {
  instanceId: string;
  region: string;
  fingerprint: string;
  /** The account the recovery pinned; the active one when not known. */
  accountId?: string;
}

/**
 * What the console output says about the fingerprint: `match` (one of the keys it printed, with its
 * type), `mismatch` (it printed others), or why there was nothing to compare with.
 */
export type HostKeyComparison =
  { kind: 'match'; type: string } | { kind: 'mismatch' } | { kind: 'empty' | 'notPrinted' | 'denied' };

/** The comparison of `fingerprint` with what one console read found (pure; SHA256 forms compare exactly). */
export function comparisonOf(result: ConsoleHostKeysDto, fingerprint: string): HostKeyComparison {
  if (result.status !== 'found') return { kind: result.status };
  const printed = result.keys.find((key) => key.fingerprint === fingerprint.trim());
  return printed ? { kind: 'match', type: printed.type } : { kind: 'mismatch' };
}

/**
 * The fingerprint an SSH server showed when the run refused its host key (not yet trusted, or not
 * the pinned one), from the error's details; null for any other error.
 */
export function refusedFingerprint(error: unknown): string | null {
  const { code, details } = (error ?? {}) as { code?: string; details?: Record<string, unknown> };
  const shown =
    code === 'recovery.sshHostKeyUnknown'
      ? details?.fingerprint
      : code === 'recovery.sshHostKeyMismatch'
        ? details?.actual
        : undefined;
  return typeof shown === 'string' && shown.startsWith('SHA256:') ? shown : null;
}

export interface HostKeyCompareState {
  /** The comparison asked for last (the screen shows it only for the same instance and fingerprint). */
  subject: CompareSubject | null;
  status: 'idle' | 'reading' | 'done' | 'failed';
  result: ConsoleHostKeysDto | null;
  error: unknown;
  /** Reads the instance's console output (read-only, ec2:GetConsoleOutput) and keeps what it printed. */
  compare(subject: CompareSubject): Promise<void>;
  reset(): void;
}

const nothing = {
  subject: null,
  status: 'idle',
  result: null,
  error: null,
} satisfies Partial<HostKeyCompareState>;

export const sameSubject = (a: CompareSubject | null, b: CompareSubject | null): boolean =>
  a !== null &&
  b !== null &&
  a.instanceId === b.instanceId &&
  a.region === b.region &&
  a.fingerprint === b.fingerprint &&
  a.accountId === b.accountId;

export const useHostKeyCompareStore = create<HostKeyCompareState>((set, get) => ({
  ...nothing,

  async compare(subject) {
    if (get().status === 'reading' && sameSubject(get().subject, subject)) return;
    set({ subject, status: 'reading', result: null, error: null });
    const accountId = subject.accountId ?? useAccountsStore.getState().activeId;
    try {
      const result = await api.invoke('recovery:consoleHostKeys', {
        ...(accountId ? { accountId } : {}),
        instanceId: subject.instanceId,
        region: subject.region,
      });
      // A newer comparison (another run, another instance) was asked for meanwhile: this one is stale.
      if (sameSubject(get().subject, subject)) set({ status: 'done', result });
    } catch (error) {
      if (sameSubject(get().subject, subject)) set({ status: 'failed', error });
    }
  },

  reset() {
    set({ ...nothing });
  },
}));
