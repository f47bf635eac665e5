import type { RecoverTarget } from '../inventory/recover-handoff';

// The preflight this window follows, kept in sessionStorage: a reload (or a re-created window of the
// same session) forgets the stores, not the operation running in main, so the wizard re-joins it and
// catches up through `operations:replay`. Only ids and names are kept, nothing secret.

const storageKey = 'keyrescue.recover.preflight';

export interface RememberedPreflight {
  operationId: string;
  target: RecoverTarget;
}

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage refused (a sandboxed frame): the wizard simply starts over after a reload
  }
}

export function rememberPreflight(preflight: RememberedPreflight): void {
  try {
    storage()?.setItem(storageKey, JSON.stringify(preflight));
  } catch {
    // Full or refused: nothing to re-join after a reload, which is what happened before.
  }
}

export function forgetPreflight(): void {
  storage()?.removeItem(storageKey);
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= 300;

/** The remembered preflight, when what is stored has its shape (anything else is dropped). */
export function rememberedPreflight(): RememberedPreflight | null {
  const raw = storage()?.getItem(storageKey);
  if (!raw) return null;
  try {
    const { operationId, target } = JSON.parse(raw) as Partial<RememberedPreflight>;
    if (
      isText(operationId) &&
      target &&
      isText(target.region) &&
      isText(target.instanceId) &&
      isText(target.keyName) &&
      (target.instanceName === null || isText(target.instanceName))
    )
      return {
        operationId,
        target: {
          region: target.region,
          instanceId: target.instanceId,
          instanceName: target.instanceName,
          keyName: target.keyName,
        },
      };
  } catch {
    // Not JSON: dropped below.
  }
  forgetPreflight();
  return null;
}
