import type { InventoryView } from '../../../src/ipc/contracts/inventory';
import type { PathAssessment, PreflightResultDto } from '../../../src/ipc/contracts/recovery';
import type {
  HostKeyChoice,
  NewKeyChoice,
  RecoveryStartInput,
  RunnablePath,
} from '../../../src/ipc/contracts/recovery-run';
import type { RecoverTarget } from '../inventory/recover-handoff';
import { joinPath } from '../new-key/new-key-rules';
import { rescueVolumeSteps } from './rescue-choice';

// Pure rules of the recovery wizard: which instances can be picked, which path is advised and
// runnable, the new key's defaults, what blocks each screen, and what the confirm screen promises.

/** One instance the picker lists: what the inventory knows about it. */
export interface InstanceChoice extends RecoverTarget {
  state: string;
  /** Its key pair's private key was not found here (or the key pair is gone). */
  atRisk: boolean;
}

/** Every instance the inventory saw, across regions, once each (at-risk first, then by name). */
export function instanceChoices(view: InventoryView | null): InstanceChoice[] {
  if (!view) return [];
  const byId = new Map<string, InstanceChoice>();
  for (const region of view.regions) {
    for (const keyPair of region.keyPairs)
      for (const instance of keyPair.instances)
        byId.set(`${region.region}/${instance.id}`, {
          region: region.region,
          instanceId: instance.id,
          instanceName: instance.name,
          keyName: keyPair.name,
          state: instance.state,
          atRisk: keyPair.atRisk,
        });
    for (const orphan of region.orphanInstances)
      byId.set(`${region.region}/${orphan.id}`, {
        region: region.region,
        instanceId: orphan.id,
        instanceName: orphan.name,
        keyName: orphan.keyName,
        state: orphan.state,
        atRisk: true,
      });
  }
  return [...byId.values()].sort(
    (a, b) =>
      Number(b.atRisk) - Number(a.atRisk) ||
      (a.instanceName ?? a.instanceId).localeCompare(b.instanceName ?? b.instanceId),
  );
}

/** Instances whose name, id, region or key pair contains every word of the query. */
export function searchInstances(choices: InstanceChoice[], query: string): InstanceChoice[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return choices;
  return choices.filter((choice) => {
    const haystack = [choice.instanceName ?? '', choice.instanceId, choice.region, choice.keyName]
      .join(' ')
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

export const sameTarget = (a: RecoverTarget | null, b: RecoverTarget | null) =>
  a !== null && b !== null && a.region === b.region && a.instanceId === b.instanceId;

/** Planner ids of the paths this version runs, as the run contract names them. */
const runnableOf: Partial<Record<PathAssessment['path'], RunnablePath>> = {
  ssh: 'ssh',
  eic: 'eic',
  ssm: 'ssm',
  userData: 'userData',
  rescueVolume: 'rescueVolume',
};

export function runnablePath(path: PathAssessment['path']): RunnablePath | null {
  return runnableOf[path] ?? null;
}

/** Whether a path can be chosen now: possible (or advised) and runnable by this version. */
export function choosable(assessment: PathAssessment): boolean {
  return assessment.verdict !== 'notPossible' && runnablePath(assessment.path) !== null;
}

/** The path to preselect: the advised one when this version runs it, else the first possible one. */
export function defaultPath(plan: PathAssessment[]): RunnablePath | null {
  const advised = plan.find((path) => path.verdict === 'advised' && choosable(path));
  const first = advised ?? plan.find(choosable);
  return first ? runnablePath(first.path) : null;
}

/** The plan's assessment of a runnable path (a stop path's run id is the planner's own id). */
export function assessmentOf(preflight: PreflightResultDto | null, path: RunnablePath | null) {
  if (!path) return null;
  return (
    preflight?.plan.find(
      (assessment) => assessment.path === path || runnablePath(assessment.path) === path,
    ) ?? null
  );
}

/** The path reaches the instance over SSH, and this computer may need a temporary rule for tcp/22. */
export function mayNeedIngress(assessment: PathAssessment | null): boolean {
  if (!assessment || assessment.path === 'ssm') return false;
  // "Unknown" (this computer's address not known to preflight) is listed as an uncertainty.
  return [...assessment.reasons, ...assessment.uncertainties].some(
    (reason) => reason.code === 'port22NeedsIngress' || reason.code === 'port22Unknown',
  );
}

export type KeyType = 'ed25519' | 'rsa';
export type KeyFormat = 'openssh' | 'pem' | 'ppk3';

/** What the user chose for the new key and the run; defaults are the advised choices. */
export interface RecoverDraft {
  path: RunnablePath | null;
  /** Overrides preflight's login user (null: preflight's, as long as the user typed nothing). */
  targetUser: string | null;
  keySource: 'generate' | 'existing';
  keyType: KeyType;
  format: KeyFormat;
  /** The path the user typed or picked; null follows the default. */
  typedPath: string | null;
  /** Picked in the Save dialog: the OS asked before replacing, so the file may be overwritten. */
  pathFromDialog: boolean;
  passphrase: string;
  confirmPassphrase: string;
  existingPath: string;
  existingPassphrase: string;
  importKeyPair: boolean;
  importName: string;
  loginUser: string;
  loginKeyPath: string;
  loginKeyPassphrase: string;
  loginPassword: string;
  temporaryIngress: boolean;
  /** The SSH target when not the instance's own address (pre-filled from the remembered one). */
  sshHost: string;
  sshPort: string;
  hostKeyMode: 'accept-new' | 'pinned';
  hostKeyFingerprint: string;
  /** What the user typed to confirm a stop path's downtime (the instance's name or id). */
  downtimeConsent: string;
  /** Path `rescueVolume`: the picked rescue instance, and how scripts reach it (the login fields for `ssh`). */
  rescueInstanceId: string;
  rescueVia: 'ssm' | 'ssh';
}

export const emptyDraft: RecoverDraft = {
  path: null,
  targetUser: null,
  keySource: 'generate',
  keyType: 'ed25519',
  format: 'openssh',
  typedPath: null,
  pathFromDialog: false,
  passphrase: '',
  confirmPassphrase: '',
  existingPath: '',
  existingPassphrase: '',
  importKeyPair: false,
  importName: '',
  loginUser: '',
  loginKeyPath: '',
  loginKeyPassphrase: '',
  loginPassword: '',
  temporaryIngress: true,
  sshHost: '',
  sshPort: '',
  hostKeyMode: 'accept-new',
  hostKeyFingerprint: '',
  downtimeConsent: '',
  rescueInstanceId: '',
  rescueVia: 'ssm',
};

/** A file name from the instance's name (or id): `legacy-app-recovered`, with the format's extension. */
export function defaultKeyFileName(target: RecoverTarget, format: KeyFormat): string {
  const base =
    (target.instanceName ?? target.instanceId).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') ||
    'instance';
  const extension = { openssh: '', pem: '.pem', ppk3: '.ppk' }[format];
  return `${base}-recovered${extension}`;
}

/** Where the new private key goes: what the user typed or picked, else a new file in ~/.ssh. */
export function newKeyPath(draft: RecoverDraft, target: RecoverTarget | null, sshDir: string | null): string {
  if (draft.typedPath !== null) return draft.typedPath;
  if (!target || !sshDir) return '';
  return joinPath(sshDir, defaultKeyFileName(target, draft.format));
}

export const userPattern = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;
const fingerprintPattern = /^SHA256:[A-Za-z0-9+/]{43}$/;

/** The login user the recovery targets: the override, else preflight's. */
export function targetUserOf(draft: RecoverDraft, preflight: PreflightResultDto | null): string {
  return (draft.targetUser ?? preflight?.targetUser ?? '').trim();
}

/** A host name or IP literal, as main remembers it (src/settings/remembered-ssh-targets.ts). */
const sshHostPattern = /^[A-Za-z0-9_.:%-]{1,255}$/;

/** The SSH target fields: both empty (the instance's address), or a host with an optional port. */
export function sshTargetValid(draft: RecoverDraft): boolean {
  const host = draft.sshHost.trim();
  const port = draft.sshPort.trim();
  if (!host) return port === '';
  if (!sshHostPattern.test(host)) return false;
  return port === '' || (/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535);
}

/** The login fields are used: path `ssh` (the other login), or the rescue instance reached over SSH. */
export function usesLogin(draft: RecoverDraft): boolean {
  return draft.path === 'ssh' || (draft.path === 'rescueVolume' && draft.rescueVia === 'ssh');
}

/** What keeps the path screen's Continue disabled (locale keys of `recover:blockers`). */
export function pathBlockers(draft: RecoverDraft, preflight: PreflightResultDto | null): string[] {
  const blockers: string[] = [];
  if (!draft.path) blockers.push('blockers.path');
  if (!userPattern.test(targetUserOf(draft, preflight))) blockers.push('blockers.targetUser');
  if (draft.path === 'rescueVolume' && !draft.rescueInstanceId) blockers.push('blockers.rescueInstance');
  if (usesLogin(draft)) {
    if (!userPattern.test(draft.loginUser.trim())) blockers.push('blockers.loginUser');
    if (!draft.loginKeyPath && !draft.loginPassword) blockers.push('blockers.loginSecret');
  }
  if (!sshTargetValid(draft)) blockers.push('blockers.sshTarget');
  return blockers;
}

/** What keeps the new key screen's Continue disabled. */
export function keyBlockers(draft: RecoverDraft, target: RecoverTarget | null, sshDir: string | null) {
  const blockers: string[] = [];
  if (draft.keySource === 'generate') {
    if (newKeyPath(draft, target, sshDir).trim() === '') blockers.push('blockers.keyPath');
    if (draft.passphrase !== draft.confirmPassphrase) blockers.push('blockers.mismatch');
  } else if (draft.existingPath.trim() === '') blockers.push('blockers.existingKey');
  if (draft.importKeyPair && draft.importName.trim() === '') blockers.push('blockers.importName');
  return blockers;
}

/** The typed text confirms the downtime: exactly the instance's name or its id (spaces around ignored). */
export function downtimeConfirmed(typed: string, target: RecoverTarget | null): boolean {
  const text = typed.trim();
  if (!target || text === '') return false;
  return text === target.instanceId || (target.instanceName !== null && text === target.instanceName.trim());
}

/** What keeps Start disabled on the confirm screen; a stop path also needs the typed confirmation. */
export function confirmBlockers(
  draft: RecoverDraft,
  assessment: PathAssessment | null = null,
  target: RecoverTarget | null = null,
): string[] {
  const blockers: string[] = [];
  if (draft.hostKeyMode === 'pinned' && !fingerprintPattern.test(draft.hostKeyFingerprint.trim()))
    blockers.push('blockers.fingerprint');
  if (assessment?.downtime && !downtimeConfirmed(draft.downtimeConsent, target))
    blockers.push('blockers.downtime');
  return blockers;
}

/**
 * The user data path's steps as the engine runs them (src/recovery/stop-paths/user-data-path.ts):
 * keep the user data, stop, set, start, read the result, log in; stop, restore, start, log in again.
 */
export const userDataSteps = [
  'save-user-data',
  'stop-instance',
  'set-user-data',
  'start-instance',
  'boot-result',
  'verify',
  'stop-after-verify',
  'restore-user-data',
  'start-after-restore',
  'verify-after-restore',
] as const;

/** The steps the run will take, in order, as the engine names them (the confirm screen lists them). */
export function plannedSteps(draft: RecoverDraft, assessment: PathAssessment | null): string[] {
  return [
    ...(draft.temporaryIngress && mayNeedIngress(assessment) ? ['ingress-add'] : []),
    ...(draft.importKeyPair ? ['import-key-pair'] : []),
    ...(draft.path === 'userData'
      ? userDataSteps
      : draft.path === 'rescueVolume'
        ? rescueVolumeSteps
        : ['append-key', 'verify']),
  ];
}

function newKeyChoice(draft: RecoverDraft, path: string): NewKeyChoice {
  if (draft.keySource === 'existing')
    return {
      kind: 'existing',
      privateKeyPath: draft.existingPath.trim(),
      ...(draft.existingPassphrase ? { passphrase: draft.existingPassphrase } : {}),
    };
  return {
    kind: 'generate',
    type: draft.keyType,
    outputPath: path,
    format: draft.format,
    ...(draft.passphrase ? { newPassphrase: draft.passphrase } : {}),
    ...(draft.pathFromDialog ? { overwrite: true } : {}),
  };
}

function hostKeyChoice(draft: RecoverDraft): HostKeyChoice {
  return draft.hostKeyMode === 'pinned'
    ? { kind: 'pinned', fingerprint: draft.hostKeyFingerprint.trim() }
    : { kind: 'accept-new' };
}

/** The `recovery:start` input for what the wizard shows on its confirm screen. */
export function startInput(
  target: RecoverTarget,
  draft: RecoverDraft,
  preflight: PreflightResultDto | null,
  facts: { accountId: string | null; sshDir: string | null },
): RecoveryStartInput | null {
  if (!draft.path) return null;
  const assessment = assessmentOf(preflight, draft.path);
  return {
    ...(facts.accountId ? { accountId: facts.accountId } : {}),
    instanceId: target.instanceId,
    region: target.region,
    path: draft.path,
    targetUser: targetUserOf(draft, preflight),
    newKey: newKeyChoice(draft, newKeyPath(draft, target, facts.sshDir)),
    ...(draft.importKeyPair && draft.importName.trim() ? { importKeyPairName: draft.importName.trim() } : {}),
    ...(draft.path === 'rescueVolume'
      ? { rescueInstanceId: draft.rescueInstanceId, rescueVia: draft.rescueVia }
      : {}),
    ...(usesLogin(draft)
      ? {
          login: {
            user: draft.loginUser.trim(),
            ...(draft.loginKeyPath ? { keyPath: draft.loginKeyPath } : {}),
            ...(draft.loginKeyPath && draft.loginKeyPassphrase
              ? { keyPassphrase: draft.loginKeyPassphrase }
              : {}),
            ...(draft.loginPassword ? { password: draft.loginPassword } : {}),
          },
        }
      : {}),
    ...(draft.temporaryIngress && mayNeedIngress(assessment) ? { temporaryIngress: true } : {}),
    ...(draft.sshHost.trim() ? { sshHost: draft.sshHost.trim() } : {}),
    ...(draft.sshHost.trim() && draft.sshPort.trim() ? { sshPort: Number(draft.sshPort.trim()) } : {}),
    // The host field shows the remembered target (the user may have cleared or changed it): as shown.
    rememberedSshTarget: 'ignore',
    hostKey: hostKeyChoice(draft),
    // Main refuses a stop path without it: only what the user typed on the confirm screen gives it.
    ...(assessment?.downtime && downtimeConfirmed(draft.downtimeConsent, target)
      ? { downtimeConfirmed: target.instanceId }
      : {}),
  };
}
