import type { accountsContract } from '../ipc/contracts/accounts';
import type { Handlers } from '../ipc/router';
import type { AccountRegistry } from '../aws/account-registry';
import type { AccountSummary } from '../aws/account-types';
import { getCallerIdentity } from '../aws/identity';
import type { MfaBroker } from '../aws/mfa-broker';
import { listEnabledRegions } from '../aws/regions';

export interface AccountsHandlerDeps {
  accounts: AccountRegistry;
  mfa: MfaBroker;
}

/** Only the summary fields cross to the renderer (a resolved account also holds its credential provider). */
function summaryOnly(account: AccountSummary): AccountSummary {
  const { id, label, kind, profileKind, profile, region, endpoint, needsMfa, ssoStartUrl, roleArn } = account;
  return Object.fromEntries(
    Object.entries({
      id,
      label,
      kind,
      profileKind,
      profile,
      region,
      endpoint,
      needsMfa,
      ssoStartUrl,
      roleArn,
    }).filter(([, value]) => value !== undefined),
  ) as unknown as AccountSummary;
}

export function createAccountsHandlers(
  deps: AccountsHandlerDeps,
): Pick<Handlers, keyof typeof accountsContract> {
  const { accounts, mfa } = deps;
  return {
    'accounts:list': async () => {
      const all = await accounts.list();
      return { accounts: all.map(summaryOnly), activeId: await accounts.activeId() };
    },
    'accounts:select': async ({ id }) => summaryOnly(await accounts.select(id)),
    'accounts:identity': async ({ accountId }, ctx) =>
      mfa.forCaller(ctx, async () => getCallerIdentity(await accounts.resolve(accountId))),
    'accounts:regions': async ({ accountId }, ctx) =>
      mfa.forCaller(ctx, async () => {
        const account = await accounts.resolve(accountId);
        return { regions: await listEnabledRegions(account), defaultRegion: account.region };
      }),
    'accounts:setEndpoint': async ({ id, endpoint }) => {
      await accounts.setEndpoint(id, endpoint);
      return {};
    },
    // Only the caller that was asked may answer; any other id is refused with aws.mfaRequestUnknown.
    'accounts:mfaCode': async ({ requestId, code }, ctx) => {
      mfa.answer(requestId, code, ctx.caller);
      return { accepted: true };
    },
  };
}
