import type { AccountRegistry } from '../aws/account-registry';
import type { ResolvedAccount } from '../aws/account-types';
import type { MfaBroker } from '../aws/mfa-broker';
import type { keypairsContract } from '../ipc/contracts/keypairs';
import type { EventPayload } from '../ipc/events';
import type { HandlerContext, Handlers } from '../ipc/router';
import { deleteKeyPair, previewDelete } from './key-pair-delete';
import type { KeyPairService } from './key-pair-service';

export interface KeypairsHandlerDeps {
  accounts: AccountRegistry;
  keyPairs: KeyPairService;
  mfa: MfaBroker;
}

/** Tells every window the account's key pairs changed (the inventory reads them again). */
function announce(
  ctx: HandlerContext,
  change: EventPayload<'keypairs:changed'>['change'],
  keyPair: { region: string; name: string },
): void {
  ctx.emit('keypairs:changed', { change, region: keyPair.region, name: keyPair.name });
}

/** Key pair create/import/delete on the active account; each change is announced with `keypairs:changed`. */
export function createKeypairsHandlers(
  deps: KeypairsHandlerDeps,
): Pick<Handlers, keyof typeof keypairsContract> {
  const { accounts, keyPairs, mfa } = deps;
  // Every AWS call below runs with its MFA prompts bound to the caller that made it.
  // The account named by the input (the one the window showed), else the active one, resolved once.
  const onActive = <T>(
    ctx: HandlerContext,
    accountId: string | undefined,
    work: (account: ResolvedAccount) => Promise<T>,
  ) => mfa.forCaller(ctx, async () => work(await accounts.resolve(accountId)));
  return {
    'keypairs:checkName': async ({ region, name, accountId }, ctx) =>
      onActive(ctx, accountId, (account) => keyPairs.checkName(account, region, name)),
    'keypairs:create': async (input, ctx) => {
      // Created in AWS even when saving the private key failed (`unsaved`): the list changed either way.
      const outcome = await onActive(ctx, input.accountId, (account) =>
        keyPairs.create(account, input, ctx.caller),
      );
      announce(ctx, 'created', outcome.keyPair);
      return outcome;
    },
    'keypairs:retrySave': async ({ pendingId, path, overwrite }, ctx) => {
      const outcome = await keyPairs.retrySave(pendingId, path, overwrite ?? false, ctx.caller);
      if (outcome.status === 'saved') announce(ctx, 'saved', outcome.keyPair);
      return outcome;
    },
    'keypairs:discardPending': async ({ pendingId }, ctx) => {
      const pending = keyPairs.pendingKeyPair(pendingId);
      const result = await mfa.forCaller(ctx, () => keyPairs.discardPending(pendingId));
      if (result.deleted && pending) announce(ctx, 'deleted', pending);
      return result;
    },
    'keypairs:previewPublicKey': async ({ source, passphrase }) =>
      keyPairs.previewPublicKey(source, passphrase),
    'keypairs:import': async (input, ctx) => {
      const keyPair = await onActive(ctx, input.accountId, (account) =>
        keyPairs.importPublicKey(account, input),
      );
      announce(ctx, 'imported', keyPair);
      return keyPair;
    },
    'keypairs:deletePreview': async ({ region, name, accountId }, ctx) =>
      onActive(ctx, accountId, (account) => previewDelete(account, region, name)),
    'keypairs:delete': async ({ region, name, confirmName, accountId }, ctx) => {
      const result = await onActive(ctx, accountId, (account) =>
        deleteKeyPair(account, region, name, confirmName),
      );
      announce(ctx, 'deleted', { region, name });
      return result;
    },
  };
}
