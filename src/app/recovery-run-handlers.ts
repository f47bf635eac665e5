import type { AccountRegistry } from '../aws/account-registry';
import type { MfaBroker } from '../aws/mfa-broker';
import type { recoveryRunContract } from '../ipc/contracts/recovery-run';
import type { OperationContext, OperationRegistry } from '../ipc/operations/operation-registry';
import type { HandlerContext, Handlers } from '../ipc/router';
import type { RecoveryJournals, StartedEntry } from '../recovery/journal';
import type { RecoveryService } from '../recovery/service/recovery-service';
import { checkDowntimeConsent } from '../recovery/service/service-errors';
import type { RememberedSshTargets } from '../settings/remembered-ssh-targets';

export interface RecoveryRunHandlerDeps {
  accounts: AccountRegistry;
  mfa: MfaBroker;
  operations: OperationRegistry;
  journals: RecoveryJournals;
  service: RecoveryService;
  sshTargets: RememberedSshTargets;
}

/**
 * `recovery:start`, `recovery:resume`, `recovery:rollback` and `recovery:cleanup` as operations: each answers at once
 * with its id, pushes its steps on `operation:progress`, and pins its account before it starts, so
 * switching accounts in the window during a recovery changes nothing for it.
 */
export function createRecoveryRunHandlers(
  deps: RecoveryRunHandlerDeps,
): Pick<Handlers, keyof typeof recoveryRunContract> {
  const { accounts, mfa, operations, journals, service, sshTargets } = deps;
  /** The remembered target's key: the account as it resolves now (its id), region, instance. */
  const targetKey = async (
    input: { accountId?: string | undefined; instanceId: string; region: string },
    ctx: HandlerContext,
  ) => {
    const account = await mfa.forCaller(ctx, () => accounts.resolve(input.accountId));
    return { accountId: account.id, region: input.region, instanceId: input.instanceId };
  };
  /** The account a journal's recovery ran on (its route names it); the active one for old journals. */
  const accountOf = async (recoveryId: string, ctx: HandlerContext) => {
    const started = (await journals.read(recoveryId)).started as StartedEntry;
    return { started, account: await mfa.forCaller(ctx, () => accounts.resolve(started.route?.accountId)) };
  };
  /**
   * A missing or wrong passphrase or login password is the call's error, before any operation (the
   * password is tried with one login, which may ask AWS where the instance is: MFA as for a run).
   */
  const checkSecrets = (
    account: Awaited<ReturnType<typeof accountOf>>['account'],
    input: Parameters<RecoveryService['checkResumeKeys']>[1],
    ctx: HandlerContext,
  ) =>
    mfa.forCaller(ctx, () =>
      service.checkResumeKeys(account, input, {
        caller: ctx.caller,
        signal: ctx.signal ?? new AbortController().signal,
      }),
    );
  const runContext = (ctx: HandlerContext, op: OperationContext) => ({
    signal: op.signal,
    report: op.report,
    caller: ctx.caller,
  });
  return {
    'recovery:start': async (input, ctx) => {
      // A stop path unconfirmed for this instance is this call's error, before any operation or AWS call.
      checkDowntimeConsent(input);
      const account = await mfa.forCaller(ctx, () => accounts.resolve(input.accountId));
      return operations.start({
        kind: 'recovery.run',
        metadata: { accountId: account.id, instanceId: input.instanceId },
        emit: (entry) => ctx.emit('operation:progress', entry),
        run: async (op) => {
          const result = await mfa.forCaller({ ...ctx, signal: op.signal }, () =>
            service.start(account, input, runContext(ctx, op)),
          );
          // The inventory follows key pairs the app changes; an imported new key is one.
          if (input.importKeyPairName && result.steps.some((step) => step.stepId === 'import-key-pair'))
            ctx.emit('keypairs:changed', {
              change: 'imported',
              region: input.region,
              name: input.importKeyPairName,
            });
          // The window's cleanup previews the old key pair's delete in this account, not the one it shows.
          return { ...result, accountId: account.id };
        },
      });
    },
    'recovery:resume': async (input, ctx) => {
      const { account } = await accountOf(input.recoveryId, ctx);
      // A missing or wrong passphrase is this call's error, before any operation: the window's
      // dialog stays open for another try.
      await checkSecrets(account, input, ctx);
      const { operationId } = operations.start({
        kind: 'recovery.run',
        metadata: { accountId: account.id, recoveryId: input.recoveryId },
        emit: (entry) => ctx.emit('operation:progress', entry),
        run: async (op) => ({
          ...(await mfa.forCaller({ ...ctx, signal: op.signal }, () =>
            service.resume(account, input, runContext(ctx, op)),
          )),
          // The journal's account (accountOf), for the cleanup's delete preview.
          accountId: account.id,
        }),
      });
      return { operationId, recoveryId: input.recoveryId };
    },
    'recovery:rollback': async (input, ctx) => {
      const { account } = await accountOf(input.recoveryId, ctx);
      // As for resume: a missing or wrong passphrase is this call's error, before any operation.
      await checkSecrets(account, input, ctx);
      const { operationId } = operations.start({
        kind: 'recovery.rollback',
        metadata: { accountId: account.id, recoveryId: input.recoveryId },
        emit: (entry) => ctx.emit('operation:progress', entry),
        run: (op) =>
          mfa.forCaller({ ...ctx, signal: op.signal }, () =>
            service.rollback(account, input, runContext(ctx, op)),
          ),
      });
      return { operationId, recoveryId: input.recoveryId };
    },
    'recovery:sshTarget': async (input, ctx) => ({
      remembered: await sshTargets.get(await targetKey(input, ctx)),
    }),
    'recovery:forgetSshTarget': async (input, ctx) => ({
      forgotten: await sshTargets.forget(await targetKey(input, ctx)),
    }),
    'recovery:cleanup': async (input, ctx) => {
      const { account, started } = await accountOf(input.recoveryId, ctx);
      const { region } = started;
      return operations.start({
        kind: 'recovery.cleanup',
        metadata: { accountId: account.id, recoveryId: input.recoveryId },
        emit: (entry) => ctx.emit('operation:progress', entry),
        run: async (op) => {
          const result = await mfa.forCaller({ ...ctx, signal: op.signal }, () =>
            service.cleanup(account, input, runContext(ctx, op)),
          );
          if (result.deletedKeyPairName)
            ctx.emit('keypairs:changed', { change: 'deleted', region, name: result.deletedKeyPairName });
          return result;
        },
      });
    },
  };
}
