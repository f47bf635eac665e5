import type { ResolvedAccount } from '../../aws/account-types';
import type {
  RunnablePath,
  CleanupChoices,
  CleanupResult,
  HostKeyChoice,
  RecoveryRollbackResult,
  RecoveryRunResult,
  RecoveryStartInput,
} from '../../ipc/contracts/recovery-run';
import type { RecoveryJournal, RecoveryRoute, StartedEntry } from '../journal';
import type { RecoveryStep } from '../engine/recovery-step';
import { prepareNewKey, type PreparedNewKey } from '../new-key/prepare-new-key';
import type { InstanceAddresses, SshEndpoint } from '../paths/ssh-target';
import { timerSleeper } from '../paths/ssm-command-poller';
import type { PreflightResult } from '../preflight/preflight';
import { backupPathOf } from '../stop-paths/user-data-backup';
import { checkUserDataFits, userDataPathSteps } from '../stop-paths/user-data-path';
import { JournalRoute, runnablePath } from './journal-route';
import { runnerFor, type LoginChoice } from './path-runners';
import { RecoveryCleanup } from './recovery-cleanup';
import { preambleSteps, runSteps } from './recovery-steps';
import type { RecoveryServiceDeps, RunContext } from './service-deps';
import { keyFileEncrypted } from './resume-keys';
import { rememberVerified } from './remember-target';
import { rescueVolumeRunSteps } from './rescue-volume-run';
import { checkLoginPassword, requireLoginPassword } from './resume-login';
import { checkDowntimeConsent, pathNotPossible, port22Closed } from './service-errors';
import { rescueMissingError } from '../rescue-volume/rescue-volume-errors';

export type { RecoveryServiceDeps, RunContext } from './service-deps';

export interface ResumeInput {
  recoveryId: string;
  hostKey?: HostKeyChoice;
  newKeyPassphrase?: string;
  loginKeyPassphrase?: string;
  /** The other login's password, when the journal says it logged in with one. */
  loginPassword?: string;
}

const journalPaths = {
  ssh: 'ssh',
  eic: 'eic',
  ssm: 'ssm',
  userData: 'user-data',
  rescueVolume: 'rescue-volume',
} as const;

/**
 * Runs the recoveries (another login, Instance Connect, SSM; user data at the next boot, which stops
 * the instance — src/recovery/stop-paths): preflight again (the plan
 * must allow the path), the new key, the journal, then the steps through the executor. A resume
 * rebuilds the same steps from the journal's `started` entry and its route (JournalRoute), so the
 * executor lines them up with what already happened; cleanup is RecoveryCleanup's.
 */
export class RecoveryService {
  private readonly route: JournalRoute;
  private readonly cleanupRun: RecoveryCleanup;

  constructor(private readonly deps: RecoveryServiceDeps) {
    this.route = new JournalRoute(deps);
    this.cleanupRun = new RecoveryCleanup(deps, this.route);
  }

  async start(
    account: ResolvedAccount,
    input: RecoveryStartInput,
    run: RunContext,
  ): Promise<RecoveryRunResult> {
    checkDowntimeConsent(input);
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
    // The rescue instance is named before anything is prepared: without one the path cannot run.
    if (input.path === 'rescueVolume' && !input.rescueInstanceId) throw rescueMissingError(input.instanceId);
    const remembered = await this.rememberedTarget(account, input);
    const closed = preflight.facts.port22.kind === 'closed' && !input.sshHost && !remembered;
    if (closed && !input.temporaryIngress) throw port22Closed(input.instanceId, address ?? 'unknown');
    run.report({ kind: 'note', step: 'new-key', detail: 'Preparing the new key.' });
    const newKey = await prepareNewKey(
      { choice: input.newKey, instanceId: input.instanceId, caller: run.caller, signal: run.signal },
      { keyFiles: this.deps.keyFiles, clock: this.deps.clock },
    );
    // Over EC2's 16 KB the user data path could never run: refused before a journal or a stop.
    if (input.path === 'userData')
      checkUserDataFits({
        instanceId: input.instanceId,
        targetUser: input.targetUser,
        newPublicKey: newKey.publicKeyLine,
      });
    const route: RecoveryRoute = {
      accountId: account.id,
      ...(input.sshHost ? { sshHost: input.sshHost } : {}),
      ...(input.sshPort ? { sshPort: input.sshPort } : {}),
      // A resume goes the same way, even if the remembered target is forgotten meanwhile.
      ...(remembered
        ? { sshHost: remembered.host, sshPort: remembered.port, sshTargetRemembered: true }
        : {}),
      ...(input.login ? { loginUser: input.login.user } : {}),
      ...(input.login?.keyPath ? { loginKeyPath: input.login.keyPath } : {}),
      ...(input.login?.keyPath && (await keyFileEncrypted(input.login.keyPath))
        ? { loginKeyEncrypted: true }
        : {}),
      // Whether, not what: a resume asks for the password again.
      ...(input.login?.password && !input.login.keyPath ? { loginPassword: true } : {}),
      temporaryIngress: closed,
      ...(input.egressAddress ? { egressAddress: input.egressAddress } : {}),
      ...(input.importKeyPairName ? { importedKeyPairName: input.importKeyPairName } : {}),
      ...(input.path === 'rescueVolume' && input.rescueInstanceId
        ? { rescueInstanceId: input.rescueInstanceId, rescuePath: input.rescueVia ?? 'ssm' }
        : {}),
    };
    const journal = await this.deps.journals.start({
      instanceId: input.instanceId,
      region: input.region,
      accountLabel: account.label.slice(0, 100),
      path: journalPaths[input.path],
      targetUser: input.targetUser,
      newKeyFingerprint: newKey.fingerprint,
      ...(newKey.savedPath ? { newKeyPath: newKey.savedPath } : {}),
      // Whether, not what: a resume knows to ask for the passphrase, which is never journaled.
      ...(newKey.savedPath && newKey.encrypted ? { newKeyEncrypted: true } : {}),
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

  /**
   * The key files a resume reads open with the passphrases given, and a password login accepts the
   * password (the resume handler asks before it starts the operation, so the window's passphrase
   * dialog gets a wrong one at once).
   */
  async checkResumeKeys(
    account: ResolvedAccount,
    input: ResumeInput,
    run: Pick<RunContext, 'caller' | 'signal'>,
  ): Promise<void> {
    const { started, entries } = await this.deps.journals.read(input.recoveryId);
    const entry = started as StartedEntry;
    await this.route.savedNewKey(entry, input.newKeyPassphrase, run);
    await this.route.checkLoginKey(entry, input.loginKeyPassphrase, run.signal);
    await checkLoginPassword(this.deps, this.route, {
      account,
      started: entry,
      entries,
      password: input.loginPassword,
      hostKey: input.hostKey ?? { kind: 'accept-new' },
      signal: run.signal,
    });
  }

  /** Goes on from the journal: the same steps, the new key read back from where it was saved. */
  async resume(account: ResolvedAccount, input: ResumeInput, run: RunContext): Promise<RecoveryRunResult> {
    const journal = await this.deps.journals.open(input.recoveryId);
    const started = journal.entries[0] as StartedEntry;
    const newKey = await this.route.savedNewKey(started, input.newKeyPassphrase, run);
    await this.route.checkLoginKey(started, input.loginKeyPassphrase, run.signal);
    requireLoginPassword(started, input.loginPassword);
    const preflight = await this.route.preflightAgain(account, started);
    const login = this.route.loginOf(started, input.loginKeyPassphrase, input.loginPassword);
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
   * Undoes the recovery from its journal (the steps rebuilt as resume does): every done step's
   * undo, last first, an interrupted step checked first; then `rolledBack`. Interrupted itself, it
   * goes on from its journal when asked again.
   */
  async rollback(
    account: ResolvedAccount,
    input: ResumeInput,
    run: RunContext,
  ): Promise<RecoveryRollbackResult> {
    const journal = await this.deps.journals.open(input.recoveryId);
    const started = journal.entries[0] as StartedEntry;
    const newKey = await this.route.savedNewKey(started, input.newKeyPassphrase, run);
    await this.route.checkLoginKey(started, input.loginKeyPassphrase, run.signal);
    requireLoginPassword(started, input.loginPassword);
    const preflight = await this.route.preflightAgain(account, started);
    const login = this.route.loginOf(started, input.loginKeyPassphrase, input.loginPassword);
    const hostKey = input.hostKey ?? { kind: 'accept-new' };
    const { path, steps } = await this.stepsOf(journal, account, preflight, newKey, hostKey, login, run);
    await this.deps.executor.rollback(journal, steps, { signal: run.signal, onProgress: run.report });
    await this.deps.executor.closeRolledBack(journal);
    return {
      recoveryId: started.recoveryId,
      instanceId: started.instanceId,
      region: started.region,
      path,
      steps: this.deps.executor.summarize(journal.entries, steps),
    };
  }

  /** The cleanup the user chose after verification (see RecoveryCleanup). */
  cleanup(account: ResolvedAccount, choices: CleanupChoices, run: RunContext): Promise<CleanupResult> {
    return this.cleanupRun.run(account, choices, run);
  }

  /** The target remembered for the instance, when the user gave neither host nor port now. */
  private async rememberedTarget(account: ResolvedAccount, input: RecoveryStartInput) {
    if (input.sshHost || input.sshPort || input.rememberedSshTarget === 'ignore') return null;
    return this.deps.sshTargets.get({
      accountId: account.id,
      region: input.region,
      instanceId: input.instanceId,
    });
  }

  /** The recovery's steps, rebuilt the same way from its journal on start, resume and rollback. */
  private async stepsOf(
    journal: RecoveryJournal,
    account: ResolvedAccount,
    preflight: PreflightResult,
    newKey: PreparedNewKey,
    hostKey: HostKeyChoice,
    login: LoginChoice | undefined,
    run: RunContext,
  ): Promise<{ path: RunnablePath; endpoint: SshEndpoint; steps: RecoveryStep[] }> {
    const started = journal.entries[0] as StartedEntry;
    const path = runnablePath(started);
    const endpoint = await this.route.endpointOf(account, started, preflight);
    const preamble = {
      account,
      region: started.region,
      instanceId: started.instanceId,
      newPublicKey: newKey.publicKeyLine,
      temporaryIngress: started.route?.temporaryIngress === true,
      egress: this.deps.egressFor(account),
      ...(started.route?.egressAddress ? { egressAddress: started.route.egressAddress } : {}),
      ...(started.route?.importedKeyPairName ? { importKeyPairName: started.route.importedKeyPairName } : {}),
      ...(preflight.facts.instance?.keyName ? { instanceKeyName: preflight.facts.instance.keyName } : {}),
    };
    // After a start the public address may be new: the login goes where the instance is now.
    const endpointAfterStart = (addresses: InstanceAddresses) =>
      this.route.endpointFor(account, started, addresses);
    const steps =
      path === 'rescueVolume'
        ? [
            ...preambleSteps(preamble),
            ...(await rescueVolumeRunSteps(this.deps, {
              account,
              started,
              newPublicKey: newKey.publicKeyLine,
              newPrivateKeyOpenSsh: newKey.privateKeyOpenSsh,
              hostKey,
              login,
              endpointOf: endpointAfterStart,
              signal: run.signal,
            })),
          ]
        : path === 'userData'
          ? [
              ...preambleSteps(preamble),
              ...userDataPathSteps({
                ...preamble,
                targetUser: started.targetUser,
                newPrivateKeyOpenSsh: newKey.privateKeyOpenSsh,
                backupPath: backupPathOf(this.deps.journals.folder, started.recoveryId),
                connector: this.deps.connector,
                hostKey,
                endpointOf: endpointAfterStart,
                clock: this.deps.clock,
                sleep: this.deps.sleep ?? timerSleeper,
              }),
            ]
          : runSteps({
              ...preamble,
              path,
              targetUser: started.targetUser,
              newPrivateKeyOpenSsh: newKey.privateKeyOpenSsh,
              runner: await runnerFor(
                path,
                this.route.runnerInput(account, started, preflight, endpoint, run, hostKey, login),
              ),
              endpoint,
              hostKey,
              connector: this.deps.connector,
            });
    return { path, endpoint, steps };
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
    const { path, endpoint, steps } = await this.stepsOf(
      journal,
      account,
      preflight,
      newKey,
      hostKey,
      login,
      run,
    );
    const outcome = await this.deps.executor.run(journal, steps, {
      signal: run.signal,
      onProgress: run.report,
    });
    if (outcome.verified) await rememberVerified(this.deps, account, started, endpoint, run);
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
      sshTargetSource: endpoint.source,
      ...(outcome.facts.hostKeyFingerprint ? { hostKeyFingerprint: outcome.facts.hostKeyFingerprint } : {}),
      newKeyFingerprint: started.newKeyFingerprint,
      ...(started.newKeyPath ? { newKeyPath: started.newKeyPath } : {}),
      newPublicKey: newKey.publicKeyLine,
      steps: this.deps.executor.summarize(journal.entries, steps),
      ingressRuleOpen: outcome.facts.created === 'true' && outcome.facts.ours === 'true',
      ...(path === 'rescueVolume' && outcome.facts.snapshotId
        ? { snapshotId: outcome.facts.snapshotId }
        : {}),
    };
  }
}
