import type { ResolvedAccount } from '../../aws/account-types';
import { AppError, isAppError } from '../../ipc/app-error';
import type { HostKeyChoice } from '../../ipc/contracts/recovery-run';
import { journalFacts } from '../engine/executor-state';
import type { JournalEntry, StartedEntry } from '../journal';
import { hostKeyPolicyFor } from '../paths/script-over-ssh';
import type { SshAddress } from '../paths/ssh-target';
import { recoveryErrorCodes } from '../recovery-errors';
import type { HostKeyPolicy } from '../ssh/ssh-port';
import type { JournalRoute } from './journal-route';
import { rescueEndpoint } from './rescue-volume-run';
import type { RecoveryServiceDeps } from './service-deps';
import { recoveryRunErrorCodes } from './service-errors';

/**
 * The other login's password on resume and rollback. The journal records only that the login used
 * one (`route.loginPassword`); the password comes with the call. Before the operation starts it is
 * asked for when missing, and tried with one login to where the run would log in (same host key
 * rule), so a wrong one is this call's error and nothing runs. Errors name the user and host only.
 */

/** The journal says the other login (path `ssh`, or the rescue's `--rescue-via ssh`) used a password. */
export function usesLoginPassword(started: StartedEntry): boolean {
  return started.route?.loginPassword === true && Boolean(started.route.loginUser);
}

/** Refused before anything runs when the journal's login needs a password and none was given. */
export function requireLoginPassword(started: StartedEntry, password: string | undefined): void {
  if (!usesLoginPassword(started) || password) return;
  const user = started.route?.loginUser ?? '';
  throw new AppError(
    recoveryRunErrorCodes.resumePasswordNeeded,
    `Recovery ${started.recoveryId} logs in as ${user} with a password: enter that password to go on. It is used for this call only and never stored.`,
    { id: started.recoveryId, key: 'loginPassword', user },
  );
}

export interface LoginPasswordCheck {
  account: ResolvedAccount;
  started: StartedEntry;
  entries: readonly JournalEntry[];
  password: string | undefined;
  hostKey: HostKeyChoice;
  signal: AbortSignal;
}

/**
 * Where the journal's login logs in and with which host key rule: the target (path `ssh`, its
 * journaled host key pinned as the runner does), or the rescue instance (accepted once, as its
 * runner does). Null for a route without a password login.
 */
async function loginTarget(
  deps: RecoveryServiceDeps,
  route: JournalRoute,
  check: LoginPasswordCheck,
): Promise<{ endpoint: SshAddress; hostKey: HostKeyPolicy } | null> {
  const { account, started } = check;
  const facts = journalFacts(check.entries);
  if (started.path === 'ssh') {
    const preflight = await route.preflightAgain(account, started);
    const endpoint = await route.endpointOf(account, started, preflight);
    return { endpoint, hostKey: hostKeyPolicyFor(check.hostKey, facts) };
  }
  const rescueId = started.route?.rescueInstanceId;
  if (started.path === 'rescue-volume' && started.route?.rescuePath === 'ssh' && rescueId) {
    const endpoint = await rescueEndpoint(deps, account, started.region, rescueId);
    return { endpoint, hostKey: hostKeyPolicyFor({ kind: 'accept-new' }, facts) };
  }
  return null;
}

/**
 * The password is there and the login accepts it. Only a refused login is this check's error
 * (`resumeWrongPassword`): anything else (unreachable, an unknown host key) the run itself meets
 * and journals as before.
 */
export async function checkLoginPassword(
  deps: RecoveryServiceDeps,
  route: JournalRoute,
  check: LoginPasswordCheck,
): Promise<void> {
  const { started, password } = check;
  requireLoginPassword(started, password);
  if (!usesLoginPassword(started) || !password) return;
  const user = started.route?.loginUser ?? '';
  const target = await loginTarget(deps, route, check).catch(() => null);
  if (!target) return;
  try {
    const session = await deps.connector.connect({
      host: target.endpoint.host,
      port: target.endpoint.port,
      username: user,
      credentials: { password },
      hostKey: target.hostKey,
      signal: check.signal,
    });
    await session.close();
  } catch (error) {
    if (!isAppError(error) || error.code !== recoveryErrorCodes.sshAuthFailed) return;
    const host = `${target.endpoint.host}:${target.endpoint.port}`;
    throw new AppError(
      recoveryRunErrorCodes.resumeWrongPassword,
      `${host} refused the password of ${user} (the login of recovery ${started.recoveryId}). Check it and try again; nothing was changed.`,
      { id: started.recoveryId, key: 'loginPassword', user, host },
    );
  }
}
