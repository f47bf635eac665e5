import type { AccountRegistry } from '../aws/account-registry';
import { attachMfaPrompter, type MfaBroker } from '../aws/mfa-broker';
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
  const active = async (ctx: Parameters<typeof attachMfaPrompter>[1]) => {
    attachMfaPrompter(mfa, ctx);
    return accounts.resolve();
  };
  return {
    'keypairs:checkName': async ({ region, name }, ctx) =>
      keyPairs.checkName(await active(ctx), region, name),
    'keypairs:create': async (input, ctx) => {
      // Created in AWS even when saving the private key failed (`unsaved`): the list changed either way.
      const outcome = await keyPairs.create(await active(ctx), input, ctx.caller);
      announce(ctx, 'created', outcome.keyPair);
      return outcome;
    },
    'keypairs:retrySave': async ({ pendingId, path, overwrite }, ctx) => {
      const outcome = await keyPairs.retrySave(pendingId, path, overwrite ?? false, ctx.caller);
      if (outcome.status === 'saved') announce(ctx, 'saved', outcome.keyPair);
      return outcome;
    },
    'keypairs:discardPending': async ({ pendingId }, ctx) => {
      attachMfaPrompter(mfa, ctx);
      const pending = keyPairs.pendingKeyPair(pendingId);
      const result = await keyPairs.discardPending(pendingId);
      if (result.deleted && pending) announce(ctx, 'deleted', pending);
      return result;
    },
    'keypairs:previewPublicKey': async ({ source, passphrase }) =>
      keyPairs.previewPublicKey(source, passphrase),
    'keypairs:import': async (input, ctx) => {
      const keyPair = await keyPairs.importPublicKey(await active(ctx), input);
      announce(ctx, 'imported', keyPair);
      return keyPair;
    },
    'keypairs:deletePreview': async ({ region, name }, ctx) => previewDelete(await active(ctx), region, name),
    'keypairs:delete': async ({ region, name, confirmName }, ctx) => {
      const result = await deleteKeyPair(await active(ctx), region, name, confirmName);
      announce(ctx, 'deleted', { region, name });
      return result;
    },
  };
}
