import type { AccountRegistry } from '../aws/account-registry';
import type { MfaBroker } from '../aws/mfa-broker';
import type { recoveryContract } from '../ipc/contracts/recovery';
import type { OperationRegistry, StepReport } from '../ipc/operations/operation-registry';
import type { Handlers } from '../ipc/router';
import type { PreflightProgress } from '../recovery/preflight/check-runner';
import { preflightChecks, runPreflight, validatedPreflight } from '../recovery/preflight/preflight';
import { readConsoleHostKeys } from '../recovery/ssh/console-host-key-reader';
import { egressAddressFor } from './recovery-network-ports';

export interface RecoveryHandlerDeps {
  accounts: AccountRegistry;
  mfa: MfaBroker;
  operations: OperationRegistry;
}

const stepKinds = { started: 'step', finished: 'stepDone', failed: 'stepFailed' } as const;

/**
 * A check's progress as an operation step: `done` of `total` checks ended so far, a finished or
 * failed check's finding count and the findings themselves (the checklist shows them at once).
 */
function stepReport(progress: PreflightProgress, ended: number): StepReport {
  return {
    kind: stepKinds[progress.status],
    step: progress.check,
    done: ended,
    total: preflightChecks.length,
    ...(progress.findings ? { count: progress.findings.length, findings: progress.findings } : {}),
    ...(progress.error ? { error: progress.error } : {}),
  };
}

/**
 * `recovery:preflight` as an operation (kind `recovery.preflight`) on the account it pins at start:
 * findings and plan as its result (the raw facts stay in main), each check a step;
 * `recovery:consoleHostKeys`: the fingerprints the console output printed (never its text).
 */
export function createRecoveryHandlers(
  deps: RecoveryHandlerDeps,
): Pick<Handlers, keyof typeof recoveryContract> {
  const { accounts, mfa, operations } = deps;
  return {
    'recovery:preflight': async (input, ctx) => {
      // A wrong id, address or user is the start call's error, before any operation exists.
      validatedPreflight({ ...input, egressAddress: input.egressAddress ?? null });
      const account = await mfa.forCaller(ctx, () => accounts.resolve(input.accountId));
      return operations.start({
        kind: 'recovery.preflight',
        metadata: { accountId: account.id, instanceId: input.instanceId, region: input.region },
        emit: (entry) => ctx.emit('operation:progress', entry),
        run: async (op) => {
          // The window does not know this computer's public address; the account's checkip does
          // (the sandbox's own for practice). Unknown when it cannot be reached: preflight says so.
          const egressAddress =
            input.egressAddress === undefined
              ? await egressAddressFor(account)
                  .publicAddress(op.signal)
                  .catch(() => null)
              : input.egressAddress;
          let ended = 0;
          const result = await mfa.forCaller({ ...ctx, signal: op.signal }, () =>
            runPreflight(account, {
              instanceId: input.instanceId,
              region: input.region,
              egressAddress,
              user: input.user ?? null,
              ...(input.hasOtherLogin === undefined ? {} : { hasOtherLogin: input.hasOtherLogin }),
              // One check at a time: the checklist shows each in turn, in the same order every
              // time, and a cancel stops before the next one.
              concurrency: 1,
              signal: op.signal,
              onProgress: (progress) => {
                if (progress.status !== 'started') ended += 1;
                op.report(stepReport(progress, ended));
              },
            }),
          );
          return {
            instanceId: result.instanceId,
            region: result.region,
            targetUser: result.targetUser,
            findings: result.findings,
            plan: result.plan,
          };
        },
      });
    },
    'recovery:consoleHostKeys': async (input, ctx) => {
      const account = await deps.mfa.forCaller(ctx, () => deps.accounts.resolve(input.accountId));
      // Credentials resolve on the first call: an MFA prompt then goes to this caller too.
      return deps.mfa.forCaller(ctx, () =>
        readConsoleHostKeys(account, {
          instanceId: input.instanceId,
          region: input.region,
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        }),
      );
    },
  };
}
