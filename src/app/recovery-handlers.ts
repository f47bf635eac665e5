import type { AccountRegistry } from '../aws/account-registry';
import type { MfaBroker } from '../aws/mfa-broker';
import type { recoveryContract } from '../ipc/contracts/recovery';
import type { Handlers } from '../ipc/router';
import { runPreflight } from '../recovery/preflight/preflight';
import { readConsoleHostKeys } from '../recovery/ssh/console-host-key-reader';
import { egressAddressFor } from './recovery-network-ports';

export interface RecoveryHandlerDeps {
  accounts: AccountRegistry;
  mfa: MfaBroker;
}

/**
 * `recovery:preflight` on the active account: findings and plan (the raw facts stay in main);
 * `recovery:consoleHostKeys`: the fingerprints the console output printed (never its text).
 */
export function createRecoveryHandlers(
  deps: RecoveryHandlerDeps,
): Pick<Handlers, keyof typeof recoveryContract> {
  return {
    'recovery:preflight': async (input, ctx) => {
      const account = await deps.mfa.forCaller(ctx, () => deps.accounts.resolve(input.accountId));
      // The window does not know this computer's public address; the account's checkip does (the
      // sandbox's own for practice). Unknown when it cannot be reached: preflight says so.
      const egressAddress =
        input.egressAddress === undefined
          ? await egressAddressFor(account)
              .publicAddress(ctx.signal)
              .catch(() => null)
          : input.egressAddress;
      const result = await deps.mfa.forCaller(ctx, () =>
        runPreflight(account, {
          instanceId: input.instanceId,
          region: input.region,
          egressAddress,
          user: input.user ?? null,
          ...(input.hasOtherLogin === undefined ? {} : { hasOtherLogin: input.hasOtherLogin }),
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
