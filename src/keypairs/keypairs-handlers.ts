import type { AccountRegistry } from '../aws/account-registry';
import { attachMfaPrompter } from '../aws/accounts-handlers';
import type { MfaBroker } from '../aws/mfa-broker';
import type { keypairsContract } from '../ipc/contracts/keypairs';
import type { Handlers } from '../ipc/router';
import { deleteKeyPair, previewDelete } from './key-pair-delete';
import type { KeyPairService } from './key-pair-service';

export interface KeypairsHandlerDeps {
  accounts: AccountRegistry;
  keyPairs: KeyPairService;
  mfa: MfaBroker;
}

/** Key pair create/import/delete on the active account. */
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
    'keypairs:create': async (input, ctx) => keyPairs.create(await active(ctx), input),
    'keypairs:retrySave': async ({ pendingId, path, overwrite }) =>
      keyPairs.retrySave(pendingId, path, overwrite),
    'keypairs:discardPending': async ({ pendingId }, ctx) => {
      attachMfaPrompter(mfa, ctx);
      return keyPairs.discardPending(pendingId);
    },
    'keypairs:previewPublicKey': async ({ source, passphrase }) =>
      keyPairs.previewPublicKey(source, passphrase),
    'keypairs:import': async (input, ctx) => keyPairs.importPublicKey(await active(ctx), input),
    'keypairs:deletePreview': async ({ region, name }, ctx) => previewDelete(await active(ctx), region, name),
    'keypairs:delete': async ({ region, name, confirmName }, ctx) =>
      deleteKeyPair(await active(ctx), region, name, confirmName),
  };
}
