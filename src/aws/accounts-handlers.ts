import type { accountsContract } from '../ipc/contracts/accounts';
import type { HandlerContext, Handlers } from '../ipc/router';
import type { AccountRegistry } from './account-registry';
import type { AccountSummary } from './account-types';
import { getCallerIdentity } from './identity';
import type { MfaBroker } from './mfa-broker';
import { listEnabledRegions } from './regions';

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

/**
 * Makes the UI the one who answers MFA prompts while a renderer call is running AWS requests.
 * Other callers (the CLI) install their own prompter.
 */
export function attachMfaPrompter(mfa: MfaBroker, ctx: HandlerContext): void {
  if (ctx.caller !== 'renderer') return;
  mfa.setPrompter(mfa.eventPrompter((request) => ctx.emit('accounts:mfaRequired', request)));
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
    'accounts:identity': async (_input, ctx) => {
      attachMfaPrompter(mfa, ctx);
      return getCallerIdentity(await accounts.resolve());
    },
    'accounts:regions': async (_input, ctx) => {
      attachMfaPrompter(mfa, ctx);
      const account = await accounts.resolve();
      return { regions: await listEnabledRegions(account), defaultRegion: account.region };
    },
    'accounts:setEndpoint': async ({ id, endpoint }) => {
      await accounts.setEndpoint(id, endpoint);
      return {};
    },
    'accounts:mfaCode': async ({ requestId, code }) => ({ accepted: mfa.answer(requestId, code) }),
  };
}
