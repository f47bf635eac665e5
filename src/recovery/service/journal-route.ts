import type { ResolvedAccount } from '../../aws/account-types';
import { AppError } from '../../ipc/app-error';
import type { HostKeyChoice, RunnablePath } from '../../ipc/contracts/recovery-run';
import type { StartedEntry } from '../journal';
import { prepareNewKey, type PreparedNewKey } from '../new-key/prepare-new-key';
import { readLoginKey } from '../paths/another-login';
import { resolveSshEndpoint, type InstanceAddresses, type SshEndpoint } from '../paths/ssh-target';
import { resumeKeyError } from './resume-keys';
import type { PreflightResult } from '../preflight/preflight';
import type { LoginChoice, PathRunnerInput } from './path-runners';
import type { RecoveryServiceDeps, RunContext } from './service-deps';
import { recoveryRunErrorCodes } from './service-errors';

/**
 * What a journaled recovery resolves to again on resume and cleanup, from its `started` entry and
 * route: the saved new key, a fresh preflight, the other login, the SSH endpoint and the path
 * runner's input. Start builds the same route from the user's input, so both line up.
 */
export class JournalRoute {
  constructor(private readonly deps: RecoveryServiceDeps) {}

  /** The new private key from where the recovery saved it, and only if it is the journaled one. */
  async savedNewKey(
    started: StartedEntry,
    passphrase: string | undefined,
    run: Pick<RunContext, 'caller' | 'signal'>,
  ): Promise<PreparedNewKey> {
    if (!started.newKeyPath)
      throw new AppError(
        recoveryRunErrorCodes.resumeNeedsKey,
        `Recovery ${started.recoveryId} did not save its new private key, so the verification login cannot be made again. Abandon it and start a new recovery.`,
        { id: started.recoveryId },
      );
    const path = started.newKeyPath;
    const newKey = await prepareNewKey(
      {
        choice: { kind: 'existing', privateKeyPath: path, ...(passphrase ? { passphrase } : {}) },
        instanceId: started.instanceId,
        caller: run.caller,
        signal: run.signal,
      },
      { keyFiles: this.deps.keyFiles, clock: this.deps.clock },
    ).catch((error: unknown) => {
      throw resumeKeyError(error, {
        id: started.recoveryId,
        key: 'newKey',
        path,
        passphraseGiven: Boolean(passphrase),
      });
    });
    if (newKey.fingerprint !== started.newKeyFingerprint)
      throw new AppError(
        recoveryRunErrorCodes.resumeKeyChanged,
        `${started.newKeyPath} is no longer the key recovery ${started.recoveryId} put on the instance (${newKey.fingerprint}, not ${started.newKeyFingerprint}). Put the original file back, or abandon the recovery.`,
        { id: started.recoveryId, path: started.newKeyPath },
      );
    return newKey;
  }

  /** Preflight again on resume and cleanup: the instance's addresses and zone may have changed. */
  preflightAgain(account: ResolvedAccount, started: StartedEntry): Promise<PreflightResult> {
    return this.deps.preflight(account, {
      instanceId: started.instanceId,
      region: started.region,
      egressAddress: null,
      user: started.targetUser,
      hasOtherLogin: started.path === 'ssh',
    });
  }

  /**
   * The other login's key file opens with the passphrase given now (before anything runs, so a
   * missing or wrong one is its own error, not a failed step). Nothing to check without a key file.
   */
  async checkLoginKey(started: StartedEntry, passphrase: string | undefined, signal?: AbortSignal) {
    const path = started.route?.loginKeyPath;
    if (!path) return;
    await readLoginKey(path, passphrase, signal).catch((error: unknown) => {
      throw resumeKeyError(error, {
        id: started.recoveryId,
        key: 'loginKey',
        path,
        passphraseGiven: Boolean(passphrase),
      });
    });
  }

  /**
   * The other login of path `ssh` (or the rescue's) as the route names it, with the passphrase or
   * password given now: the journal keeps neither, only that one was used.
   */
  loginOf(
    started: StartedEntry,
    keyPassphrase: string | undefined,
    password?: string,
  ): LoginChoice | undefined {
    const route = started.route ?? {};
    return route.loginUser
      ? {
          user: route.loginUser,
          ...(route.loginKeyPath ? { keyPath: route.loginKeyPath } : {}),
          ...(keyPassphrase ? { keyPassphrase } : {}),
          ...(route.loginPassword && !route.loginKeyPath && password ? { password } : {}),
        }
      : undefined;
  }

  /**
   * Where the SSH connections go: the route's host and port (given, or remembered at start), else
   * the instance's own address.
   */
  async endpointOf(
    account: ResolvedAccount,
    started: StartedEntry,
    preflight: PreflightResult,
  ): Promise<SshEndpoint> {
    const instance = preflight.facts.instance;
    return this.endpointFor(account, started, {
      publicIp: instance?.publicIp ?? null,
      publicDns: instance?.publicDns ?? null,
      privateIp: instance?.privateIp ?? null,
    });
  }

  /** {@link endpointOf} from the addresses the instance has now (after a start they may be new). */
  async endpointFor(
    account: ResolvedAccount,
    started: StartedEntry,
    addresses: InstanceAddresses,
  ): Promise<SshEndpoint> {
    const route = started.route ?? {};
    const lookup = this.deps.sshEndpointsFor(account);
    const endpoint = await resolveSshEndpoint({
      instanceId: started.instanceId,
      region: started.region,
      addresses,
      override: {
        ...(route.sshHost ? { host: route.sshHost } : {}),
        ...(route.sshPort ? { port: route.sshPort } : {}),
      },
      ...(lookup ? { lookup } : {}),
    });
    return endpoint.source === 'override' && route.sshTargetRemembered
      ? { ...endpoint, source: 'remembered' }
      : endpoint;
  }

  /** The path runner's input for this recovery, its host key rule and (path `ssh`) login. */
  runnerInput(
    account: ResolvedAccount,
    started: StartedEntry,
    preflight: PreflightResult,
    endpoint: SshEndpoint,
    run: RunContext,
    hostKey: HostKeyChoice,
    login: LoginChoice | undefined,
    /** Path `userData` has no runner of its own: later scripts log in with the new key. */
    newPrivateKey?: string,
  ): PathRunnerInput {
    return {
      account,
      recoveryId: started.recoveryId,
      region: started.region,
      instanceId: started.instanceId,
      targetUser: started.targetUser,
      facts: preflight.facts,
      endpoint,
      connector: this.deps.connector,
      clock: this.deps.clock,
      ...(this.deps.sleep ? { sleep: this.deps.sleep } : {}),
      signal: run.signal,
      hostKey,
      ...(login ? { login } : {}),
      ...(newPrivateKey ? { newPrivateKey } : {}),
    };
  }
}

/** The host key an earlier step saw is pinned; else the choice. */
export function pinnedOr(facts: Record<string, string>, choice: HostKeyChoice): HostKeyChoice {
  const seen = facts.hostKeyFingerprint;
  return seen && /^SHA256:[A-Za-z0-9+/]{43}$/.test(seen) ? { kind: 'pinned', fingerprint: seen } : choice;
}

/** The journal's path, if this version runs it. */
export function runnablePath(started: StartedEntry): RunnablePath {
  if (started.path === 'ssh' || started.path === 'eic' || started.path === 'ssm') return started.path;
  if (started.path === 'user-data') return 'userData';
  if (started.path === 'rescue-volume') return 'rescueVolume';
  throw new AppError(
    recoveryRunErrorCodes.pathNotRunnable,
    `Recovery ${started.recoveryId} uses the ${started.path} path, which this version cannot run yet.`,
    { id: started.recoveryId, path: started.path },
  );
}
