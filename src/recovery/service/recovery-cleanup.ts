import type { ResolvedAccount } from '../../aws/account-types';
import { AppError } from '../../ipc/app-error';
import type { CleanupChoices, CleanupResult } from '../../ipc/contracts/recovery-run';
import { journalFacts } from '../engine/executor-state';
import type { StartedEntry } from '../journal';
import { cleanupSteps } from './cleanup-plan';
import { pinnedOr, runnablePath, type JournalRoute } from './journal-route';
import { runnerFor } from './path-runners';
import type { RecoveryServiceDeps, RunContext } from './service-deps';
import { requireLoginPassword } from './resume-login';
import { recoveryRunErrorCodes } from './service-errors';

/**
 * The cleanup the user chose after verification, as steps of the same journal (so a crash in the
 * middle resumes like any step), then `finished`. Nothing here runs before the new key was proven.
 */
export class RecoveryCleanup {
  constructor(
    private readonly deps: RecoveryServiceDeps,
    private readonly route: JournalRoute,
  ) {}

  async run(account: ResolvedAccount, choices: CleanupChoices, run: RunContext): Promise<CleanupResult> {
    const journal = await this.deps.journals.open(choices.recoveryId);
    const started = journal.entries[0] as StartedEntry;
    if (!journal.entries.some((entry) => entry.type === 'verified'))
      throw new AppError(
        recoveryRunErrorCodes.notVerified,
        `Recovery ${started.recoveryId} has not verified the new key yet, so nothing is cleaned up. Resume it first.`,
        { id: started.recoveryId },
      );
    const path = runnablePath(started);
    // Path `ssh` removes the old line through the other login: its password, if it used one.
    if (choices.removeOldKey && path === 'ssh') requireLoginPassword(started, choices.loginPassword);
    // The PPK copy needs the key; the removal compares the old key with it (never remove the new one).
    const wantsKey = Boolean(choices.ppkCopyPath) || choices.removeOldKey;
    const newKey = wantsKey ? await this.route.savedNewKey(started, choices.newKeyPassphrase, run) : null;
    const preflight = await this.route.preflightAgain(account, started);
    const endpoint = await this.route.endpointOf(account, started, preflight);
    const facts = journalFacts(journal.entries);
    const { steps, oldKeyName } = await cleanupSteps({
      choices,
      account,
      started,
      endpoint,
      newKey,
      // Through the path that worked, with the host key the recovery pinned.
      removalRunner: () =>
        runnerFor(
          path,
          this.route.runnerInput(
            account,
            started,
            preflight,
            endpoint,
            run,
            pinnedOr(facts, { kind: 'accept-new' }),
            this.route.loginOf(started, choices.loginKeyPassphrase, choices.loginPassword),
            newKey?.privateKeyOpenSsh,
          ),
        ),
      ruleOpen: Boolean(facts.ruleId),
      snapshotId: facts.snapshotId,
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
      ...(outcome.facts.deletedSnapshotId ? { deletedSnapshotId: outcome.facts.deletedSnapshotId } : {}),
    };
  }
}
