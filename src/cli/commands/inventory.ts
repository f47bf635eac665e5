import { parseArgs } from 'node:util';
import type { CliCommand } from '../cli-types';
import { runCliOperation } from '../cli-operation';
import { parseCommandArgs } from '../parse-args';
import { resolveCliAccount } from './aws-options';

/**
 * `keyrescue inventory`: the refresh the window runs (its account, its key folders and files), as
 * the same operation through the router, with the window's per-region progress on stderr.
 */
export const inventoryCommand: CliCommand = {
  name: 'inventory',
  summary: 'Refresh the inventory the app shows (its account and key sources), with live progress.',
  usage: 'keyrescue inventory [--region R]... [--json]',
  async run(args, ctx) {
    const { values } = parseCommandArgs(parseArgs, {
      args,
      options: { region: { type: 'string', multiple: true }, json: { type: 'boolean' } },
    });
    // The MFA prompt reads the terminal, as for every AWS command; the account is the app's own.
    await resolveCliAccount(ctx, {});
    const { printKeyPairs, reportFailedRegions } = await import('./keypairs-list');
    const regions = values.region ?? [];
    const view = await runCliOperation(ctx, {
      command: 'inventory',
      kind: 'inventory.refresh',
      json: Boolean(values.json),
      start: () => ctx.api.invoke('inventory:refresh', regions.length > 0 ? { regions } : {}),
    });
    if (reportFailedRegions(view, 'inventory', ctx)) return 1;
    printKeyPairs(view, Boolean(values.json), ctx);
    return 0;
  },
};
