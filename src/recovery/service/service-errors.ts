import { AppError } from '../../ipc/app-error';
import type { RunnablePath } from '../../ipc/contracts/recovery-run';
import { fillTemplate, planReasonTexts } from '../preflight/finding-texts';
import type { PreflightResult } from '../preflight/preflight';

/**
 * Every error code the recovery service throws on purpose (listed in src/app/error-codes.ts).
 * English comes from each error's message; Japanese from renderer/features/recover/run-error-locales.ts.
 */
export const recoveryRunErrorCodes = {
  /** The plan marks the chosen path not possible for this instance. */
  pathNotPossible: 'recoveryRun.pathNotPossible',
  /** tcp/22 is closed to this computer and no temporary rule or SSH host was allowed. */
  port22Closed: 'recoveryRun.port22Closed',
  /** Path `ssh` without the other login's user and key or password. */
  loginMissing: 'recoveryRun.loginMissing',
  /** A resume whose journal names no saved new private key (nothing to verify with). */
  resumeNeedsKey: 'recoveryRun.resumeNeedsKey',
  /** The saved new key file is not the key the journal recorded. */
  resumeKeyChanged: 'recoveryRun.resumeKeyChanged',
  /** A resume without the passphrase of an encrypted key file it needs (the new key's, the login's). */
  resumePassphraseNeeded: 'recoveryRun.resumePassphraseNeeded',
  /** A resume with a passphrase that does not open that key file. */
  resumeWrongPassphrase: 'recoveryRun.resumeWrongPassphrase',
  /** A resume without the password of the other login, which logged in with one. */
  resumePasswordNeeded: 'recoveryRun.resumePasswordNeeded',
  /** A resume with a password that login refuses. */
  resumeWrongPassword: 'recoveryRun.resumeWrongPassword',
  /** A journal of a path this version cannot run (user data, rescue volume). */
  pathNotRunnable: 'recoveryRun.pathNotRunnable',
  /** A stop path started without `downtimeConfirmed` equal to the instance id. */
  downtimeNotConfirmed: 'recoveryRun.downtimeNotConfirmed',
  /** Cleanup before the new key was verified. */
  notVerified: 'recoveryRun.notVerified',
} as const;

export type RecoveryRunErrorCode = (typeof recoveryRunErrorCodes)[keyof typeof recoveryRunErrorCodes];

export function pathNotPossible(path: RunnablePath, preflight: PreflightResult): AppError {
  const assessment = preflight.plan.find((candidate) => candidate.path === path);
  const reasons = assessment?.reasons ?? [];
  const why = reasons.map((reason) => reason.code).join(', ') || 'no assessment';
  // The plan's own sentences, so the CLI's refusal says why without the preflight lines above it;
  // as many as fit, since an operation's error message is bounded (2,000 characters).
  let sentences = '';
  for (const reason of reasons) {
    const sentence = fillTemplate(planReasonTexts[reason.code], reason.params);
    if (sentences.length + sentence.length > 1200) break;
    sentences += ` ${sentence}`;
  }
  return new AppError(
    recoveryRunErrorCodes.pathNotPossible,
    `Preflight says this path cannot recover ${preflight.instanceId} (${why}).${sentences} Choose a path the plan marks possible; nothing was changed.`,
    { instanceId: preflight.instanceId, path, reasons: why },
  );
}

export function port22Closed(instanceId: string, address: string): AppError {
  return new AppError(
    recoveryRunErrorCodes.port22Closed,
    `No security group of ${instanceId} lets this computer (${address}) reach tcp/22, which the verification login needs. Allow a temporary rule for this address only (revoked at cleanup), or give an SSH host that reaches the instance. Nothing was changed.`,
    { instanceId, address },
  );
}

/** The paths that stop the instance (their start needs the downtime confirmed). */
export const stopPaths: readonly RunnablePath[] = ['userData', 'rescueVolume'];

/**
 * A stop path runs only with the user's consent for this very instance: `downtimeConfirmed` must
 * equal `instanceId` (checked before any AWS call, in the handler and again in the service).
 */
export function checkDowntimeConsent(input: {
  path: RunnablePath;
  instanceId: string;
  downtimeConfirmed?: string | undefined;
}): void {
  if (!stopPaths.includes(input.path) || input.downtimeConfirmed === input.instanceId) return;
  const given = input.downtimeConfirmed ?? 'nothing';
  throw new AppError(
    recoveryRunErrorCodes.downtimeNotConfirmed,
    `This path stops ${input.instanceId}, and its downtime was not confirmed for it (confirmed: ${given}). Confirm the downtime by typing the instance's name or id (in the CLI: --yes). Nothing was changed.`,
    { instanceId: input.instanceId, given },
  );
}
