import type { Clock } from '../../app/clock';
import type { ResolvedAccount } from '../../aws/account-types';
import { AppError } from '../../ipc/app-error';
import type {
  CleanupChoices,
  CleanupResult,
  HostKeyChoice,
  RecoveryRunResult,
  RecoveryStartInput,
  RunnablePath,
} from '../../ipc/contracts/recovery-run';
import type { StepReport } from '../../ipc/operations/operation-registry';
import type { KeyFileCaller, KeyFiles } from '../../keys/key-files';
import type { RecoveryExecutor } from '../engine/executor';
import { journalFacts } from '../engine/executor-state';
import type { RecoveryJournal, RecoveryJournals, RecoveryRoute, StartedEntry } from '../journal';
import type { EgressAddressPort } from '../network/egress-address';
import { prepareNewKey, type PreparedNewKey } from '../new-key/prepare-new-key';
import type { PreflightOptions, PreflightResult } from '../preflight/preflight';
import { resolveSshEndpoint, type SshEndpoint, type SshEndpointLookup } from '../paths/ssh-target';
import { pathNotPossible, port22Closed, recoveryRunErrorCodes } from './service-errors';
import type { SshConnector } from '../ssh/ssh-port';
import { cleanupSteps } from './cleanup-plan';
import { runnerFor, type LoginChoice } from './path-runners';
import { runSteps } from './recovery-steps';

/** What the service needs from the core (wired in src/app). */
export interface RecoveryServiceDeps {
  journals: RecoveryJournals;
  executor: RecoveryExecutor;
  keyFiles: KeyFiles;
  clock: Clock;
  /** The user's home: the cleanup's `~/.ssh/config` entry goes there. */
  homeDir: string;
  connector: SshConnector;
  preflight(account: ResolvedAccount, options: PreflightOptions): Promise<PreflightResult>;
  /** This computer's public address as the account's network sees it (checkip; the sandbox's own). */
  egressFor(account: ResolvedAccount): EgressAddressPort;
  /** The practice account's loopback SSH endpoints; none for real AWS. */
  sshEndpointsFor(account: ResolvedAccount): SshEndpointLookup | undefined;
}

/** The operation a run belongs to: its cancel signal, its progress, who asked. */
export interface RunContext {
  signal: AbortSignal;
  report(entry: StepReport): void;
  caller: KeyFileCaller;
}

export interface ResumeInput {
  recoveryId: string;
  hostKey?: HostKeyChoice;
  newKeyPassphrase?: string;
  loginKeyPassphrase?: string;
}

const journalPaths = { ssh: 'ssh', eic: 'eic', ssm: 'ssm' } as const;

/**
 * Runs the no-downtime recoveries (another login, Instance Connect, SSM): preflight again (the plan
 * must allow the path), the new key, the journal, then the steps through the executor. A resume
 * rebuilds the same steps from the journal's `started` entry and its route, so the executor lines
 * them up with what already happened.
 */
export class RecoveryService {
  constructor(private readonly deps: RecoveryServiceDeps) {}

  async start(
    account: ResolvedAccount,
    input: RecoveryStartInput,
    run: RunContext,
  ): Promise<RecoveryRunResult> {
    const egress = this.deps.egressFor(account);
    const address = input.egressAddress ?? (await egress.publicAddress(run.signal).catch(() => null));
    const preflight = await this.deps.preflight(account, {
      instanceId: input.instanceId,
      region: input.region,
      egressAddress: address,
      user: input.targetUser,
      hasOtherLogin: input.path === 'ssh',
    });
    const assessment = preflight.plan.find((candidate) => candidate.path === input.path);
    if (!assessment || assessment.verdict === 'notPossible') throw pathNotPossible(input.path, preflight);
    const closed = preflight.facts.port22.kind === 'closed' && !input.sshHost;
    if (closed && !input.temporaryIngress) throw port22Closed(input.instanceId, address ?? 'unknown');
    run.report({ kind: 'note', step: 'new-key', detail: 'Preparing the new key.' });
    const newKey = await prepareNewKey(
      { choice: input.newKey, instanceId: input.instanceId, caller: run.caller, signal: run.signal },
      { keyFiles: this.deps.keyFiles, clock: this.deps.clock },
    );
    const route: RecoveryRoute = {
      accountId: account.id,
      ...(input.sshHost ? { sshHost: input.sshHost } : {}),
      ...(input.sshPort ? { sshPort: input.sshPort } : {}),
      ...(input.login ? { loginUser: input.login.user } : {}),
      ...(input.login?.keyPath ? { loginKeyPath: input.login.keyPath } : {}),
      temporaryIngress: closed,
      ...(input.egressAddress ? { egressAddress: input.egressAddress } : {}),
      ...(input.importKeyPairName ? { importedKeyPairName: input.importKeyPairName } : {}),
    };
    const journal = await this.deps.journals.start({
      instanceId: input.instanceId,
      region: input.region,
      accountLabel: account.label.slice(0, 100),
      path: journalPaths[input.path],
      targetUser: input.targetUser,
      newKeyFingerprint: newKey.fingerprint,
      ...(newKey.savedPath ? { newKeyPath: newKey.savedPath } : {}),
      route,
    });
    // The caller learns the id here (a failed run is resumed by it), before any step runs.
    run.report({ kind: 'note', step: 'recovery', detail: journal.id });
    const login: LoginChoice | undefined = input.login
      ? {
          user: input.login.user,
          ...(input.login.keyPath ? { keyPath: input.login.keyPath } : {}),
          ...(input.login.keyPassphrase ? { keyPassphrase: input.login.keyPassphrase } : {}),
          ...(input.login.password ? { password: input.login.password } : {}),
        }
      : undefined;
    return this.execute(journal, account, preflight, newKey, input.hostKey, login, run);
  }

  /** Goes on from the journal: the same steps, the new key read back from where it was saved. */
  async resume(account: ResolvedAccount, input: ResumeInput, run: RunContext): Promise<RecoveryRunResult> {
    const journal = await this.deps.journals.open(input.recoveryId);
    const started = journal.entries[0] as StartedEntry;
    const newKey = await this.savedNewKey(started, input.newKeyPassphrase, run);
    const preflight = await this.preflightAgain(account, started);
    const login = this.loginOf(started, input.loginKeyPassphrase);
    return this.execute(
      journal,
      account,
      preflight,
      newKey,
      input.hostKey ?? { kind: 'accept-new' },
      login,
      run,
    );
  }

  /**
   * The cleanup the user chose after verification, as steps of the same journal (so a crash in the
   * middle resumes like any step), then `finished`. Nothing here runs before the new key was proven.
   */
  async cleanup(account: ResolvedAccount, choices: CleanupChoices, run: RunContext): Promise<CleanupResult> {
    const journal = await this.deps.journals.open(choices.recoveryId);
    const started = journal.entries[0] as StartedEntry;
    if (!journal.entries.some((entry) => entry.type === 'verified'))
      throw new AppError(
        recoveryRunErrorCodes.notVerified,
        `Recovery ${started.recoveryId} has not verified the new key yet, so nothing is cleaned up. Resume it first.`,
        { id: started.recoveryId },
      );
    const path = runnablePath(started);
    // The PPK copy needs the key; the removal compares the old key with it (never remove the new one).
    const wantsKey = Boolean(choices.ppkCopyPath) || choices.removeOldKey;
    const newKey = wantsKey ? await this.savedNewKey(started, choices.newKeyPassphrase, run) : null;
    const preflight = await this.preflightAgain(account, started);
    const endpoint = await this.endpointOf(account, started, preflight);
    const facts = journalFacts(journal.entries);
    const { steps, oldKeyName } = await cleanupSteps({
      choices,
      account,
      started,
      endpoint,
      newKey,
      // Through the path that worked, with the host key the recovery pinned.
      removalRunner: () =>
        runnerFor(path, {
          ...this.runnerBase(account, started, preflight, endpoint, run),
          hostKey: pinnedOr(facts, { kind: 'accept-new' }),
          ...this.loginPart(this.loginOf(started, choices.loginKeyPassphrase)),
        }),
      ruleOpen: Boolean(facts.ruleId),
      keyFiles: this.deps.keyFiles,
      caller: run.caller,
      homeDir: this.deps.homeDir,
      clock: this.deps.clock,
      egress: this.deps.egressFor(account),
    });
    const outcome = await this.deps.executor.run(journal, steps, {
      signal: run.signal,
      onProgress: run.report,
    });
    await this.deps.executor.finish(journal);
    return {
      recoveryId: started.recoveryId,
      steps: this.deps.executor.summarize(journal.entries, steps),
      ...(outcome.facts.sshConfigPath ? { sshConfigPath: outcome.facts.sshConfigPath } : {}),
      ...(outcome.facts.ppkCopyPath ? { ppkCopyPath: outcome.facts.ppkCopyPath } : {}),
      ...(outcome.facts.deletedKeyPairId && oldKeyName ? { deletedKeyPairName: oldKeyName } : {}),
    };
  }

  /** The new private key from where the recovery saved it, and only if it is the journaled one. */
  private async savedNewKey(started: StartedEntry, passphrase: string | undefined, run: RunContext) {
    if (!started.newKeyPath)
      throw new AppError(
        recoveryRunErrorCodes.resumeNeedsKey,
        `Recovery ${started.recoveryId} did not save its new private key, so the verification login cannot be made again. Abandon it and start a new recovery.`,
        { id: started.recoveryId },
      );
    const newKey = await prepareNewKey(
      {
        choice: {
          kind: 'existing',
          privateKeyPath: started.newKeyPath,
          ...(passphrase ? { passphrase } : {}),
        },
        instanceId: started.instanceId,
        caller: run.caller,
        signal: run.signal,
      },
      { keyFiles: this.deps.keyFiles, clock: this.deps.clock },
    );
    if (newKey.fingerprint !== started.newKeyFingerprint)
      throw new AppError(
        recoveryRunErrorCodes.resumeKeyChanged,
        `${started.newKeyPath} is no longer the key recovery ${started.recoveryId} put on the instance (${newKey.fingerprint}, not ${started.newKeyFingerprint}). Put the original file back, or abandon the recovery.`,
        { id: started.recoveryId, path: started.newKeyPath },
      );
    return newKey;
  }

  /** Preflight again on resume and cleanup: the instance's addresses and zone may have changed. */
  private preflightAgain(account: ResolvedAccount, started: StartedEntry): Promise<PreflightResult> {
    return this.deps.preflight(account, {
      instanceId: started.instanceId,
      region: started.region,
      egressAddress: null,
      user: started.targetUser,
      hasOtherLogin: started.path === 'ssh',
    });
  }

  private loginOf(started: StartedEntry, keyPassphrase: string | undefined): LoginChoice | undefined {
    const route = started.route ?? {};
    return route.loginUser
      ? {
          user: route.loginUser,
          ...(route.loginKeyPath ? { keyPath: route.loginKeyPath } : {}),
          ...(keyPassphrase ? { keyPassphrase } : {}),
        }
      : undefined;
  }

  private loginPart(login: LoginChoice | undefined): { login?: LoginChoice } {
    return login ? { login } : {};
  }

  private runnerBase(
    account: ResolvedAccount,
    started: StartedEntry,
    preflight: PreflightResult,
    endpoint: SshEndpoint,
    run: RunContext,
  ) {
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
      signal: run.signal,
    };
  }

  private async endpointOf(account: ResolvedAccount, started: StartedEntry, preflight: PreflightResult) {
    const instance = preflight.facts.instance;
    const route = started.route ?? {};
    const lookup = this.deps.sshEndpointsFor(account);
    return resolveSshEndpoint({
      instanceId: started.instanceId,
      region: started.region,
      addresses: {
        publicIp: instance?.publicIp ?? null,
        publicDns: instance?.publicDns ?? null,
        privateIp: instance?.privateIp ?? null,
      },
      override: {
        ...(route.sshHost ? { host: route.sshHost } : {}),
        ...(route.sshPort ? { port: route.sshPort } : {}),
      },
      ...(lookup ? { lookup } : {}),
    });
  }

  private async execute(
    journal: RecoveryJournal,
    account: ResolvedAccount,
    preflight: PreflightResult,
    newKey: PreparedNewKey,
    hostKey: HostKeyChoice,
    login: LoginChoice | undefined,
    run: RunContext,
  ): Promise<RecoveryRunResult> {
    const started = journal.entries[0] as StartedEntry;
    const path = runnablePath(started);
    const endpoint = await this.endpointOf(account, started, preflight);
    const runner = await runnerFor(path, {
      ...this.runnerBase(account, started, preflight, endpoint, run),
      hostKey,
      ...this.loginPart(login),
    });
    const steps = runSteps({
      account,
      region: started.region,
      instanceId: started.instanceId,
      path,
      targetUser: started.targetUser,
      newPublicKey: newKey.publicKeyLine,
      newPrivateKeyOpenSsh: newKey.privateKeyOpenSsh,
      runner,
      endpoint,
      hostKey,
      connector: this.deps.connector,
      temporaryIngress: started.route?.temporaryIngress === true,
      egress: this.deps.egressFor(account),
      ...(started.route?.egressAddress ? { egressAddress: started.route.egressAddress } : {}),
      ...(started.route?.importedKeyPairName ? { importKeyPairName: started.route.importedKeyPairName } : {}),
      ...(preflight.facts.instance?.keyName ? { instanceKeyName: preflight.facts.instance.keyName } : {}),
    });
    const outcome = await this.deps.executor.run(journal, steps, {
      signal: run.signal,
      onProgress: run.report,
    });
    return {
      recoveryId: started.recoveryId,
      instanceId: started.instanceId,
      region: started.region,
      path,
      targetUser: started.targetUser,
      verified: outcome.verified,
      // Host and port apart: the login command needs `-p` when the port is not 22.
      host: outcome.facts.host ?? endpoint.host,
      port: Number(outcome.facts.port ?? endpoint.port),
      ...(outcome.facts.hostKeyFingerprint ? { hostKeyFingerprint: outcome.facts.hostKeyFingerprint } : {}),
      newKeyFingerprint: started.newKeyFingerprint,
      ...(started.newKeyPath ? { newKeyPath: started.newKeyPath } : {}),
      newPublicKey: newKey.publicKeyLine,
      steps: this.deps.executor.summarize(journal.entries, steps),
      ingressRuleOpen: outcome.facts.created === 'true' && outcome.facts.ours === 'true',
    };
  }
}

/** The host key an earlier step saw is pinned; else the choice. */
function pinnedOr(facts: Record<string, string>, choice: HostKeyChoice): HostKeyChoice {
  const seen = facts.hostKeyFingerprint;
  return seen && /^SHA256:[A-Za-z0-9+/]{43}$/.test(seen) ? { kind: 'pinned', fingerprint: seen } : choice;
}

function runnablePath(started: StartedEntry): RunnablePath {
  if (started.path === 'ssh' || started.path === 'eic' || started.path === 'ssm') return started.path;
  throw new AppError(
    recoveryRunErrorCodes.pathNotRunnable,
    `Recovery ${started.recoveryId} uses the ${started.path} path, which this version cannot run yet.`,
    { id: started.recoveryId, path: started.path },
  );
}
