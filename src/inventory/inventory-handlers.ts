import type { AccountRegistry } from '../aws/account-registry';
import type { MfaBroker } from '../aws/mfa-broker';
import type { inventoryContract } from '../ipc/contracts/inventory';
import type { OperationRegistry } from '../ipc/operations/operation-registry';
import type { Handlers } from '../ipc/router';
import { inventoryToCsv, inventoryToJson, keyPairCount, onlyKeyPairs } from './inventory-export';
import type { InventoryExportFiles } from './inventory-export-file';
import type { InventoryService } from './inventory-service';
import type { LocalKeySources } from './local-sources';
import { AppError } from '../ipc/app-error';
import { inventoryErrorCodes } from './inventory-errors';

export interface InventoryHandlerDeps {
  /** Resolves the account a refresh pins. */
  accounts: AccountRegistry;
  inventory: InventoryService;
  sources: LocalKeySources;
  mfa: MfaBroker;
  /** Where exports are written: the path the user picks in the Save dialog. */
  exportFiles: InventoryExportFiles;
  /** The refresh runs here, so a window follows it by id and can cancel it. */
  operations: OperationRegistry;
}

export function createInventoryHandlers(
  deps: InventoryHandlerDeps,
): Pick<Handlers, keyof typeof inventoryContract> {
  const { accounts, inventory, sources, mfa, exportFiles, operations } = deps;
  return {
    'inventory:cached': () => inventory.cached(),
    'inventory:refresh': async ({ regions, accountId }, ctx) => {
      // Pinned before the operation starts: switching accounts meanwhile changes nothing for it.
      const account = await accounts.resolve(accountId);
      return operations.start({
        kind: 'inventory.refresh',
        metadata: { accountId: account.id },
        emit: (entry) => ctx.emit('operation:progress', entry),
        // Each region is a step: it starts (`step`), then ends with its key pair count or its error.
        // MFA prompts go to the caller that started it; cancelling the operation cancels them.
        run: (op) =>
          mfa.forCaller({ ...ctx, signal: op.signal }, () =>
            inventory.refresh(
              {
                regions,
                signal: op.signal,
                onProgress: ({ region, status, done, total, keyPairCount, error }) =>
                  op.report({
                    kind: status === 'loading' ? 'step' : status === 'done' ? 'stepDone' : 'stepFailed',
                    step: region,
                    done,
                    total,
                    ...(keyPairCount !== undefined ? { count: keyPairCount } : {}),
                    ...(error ? { error } : {}),
                  }),
              },
              account,
            ),
          ),
      });
    },
    'inventory:rematch': () => inventory.rematch(),
    'inventory:sources': () => sources.describe(),
    'inventory:addFolder': async ({ path }) => {
      await sources.addFolder(path);
      return sources.describe();
    },
    'inventory:removeFolder': async ({ path }) => {
      await sources.removeFolder(path);
      return sources.describe();
    },
    'inventory:addFiles': async ({ paths }) => {
      sources.addFiles(paths);
      return sources.describe();
    },
    'inventory:removeFile': async ({ path }) => {
      sources.removeFile(path);
      return sources.describe();
    },
    'inventory:unlockKey': async ({ path, passphrase }) => {
      // Only a key the scan listed as needing its passphrase: the window cannot probe other files.
      const listed = (await inventory.cached())?.localKeys.some(
        (key) => key.path === path && key.status === 'needsPassphrase',
      );
      if (!listed)
        throw new AppError(
          inventoryErrorCodes.keyNotLocked,
          `${path} is not a key waiting for its passphrase. Refresh the inventory and try again.`,
          { path },
        );
      await sources.passphrases.add(path, passphrase);
      return inventory.rematch();
    },
    'inventory:export': async ({ format, only }) => {
      const full = await inventory.cached();
      if (!full)
        throw new AppError(
          inventoryErrorCodes.nothingToExport,
          'There is no inventory to export yet. Load the inventory first.',
        );
      const view = onlyKeyPairs(full, only);
      const text = format === 'csv' ? inventoryToCsv(view) : inventoryToJson(view);
      const path = await exportFiles.save(format, text);
      return path ? { path, format, count: keyPairCount(view), total: keyPairCount(full) } : null;
    },
  };
}
