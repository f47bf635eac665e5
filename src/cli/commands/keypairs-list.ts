import { parseArgs } from 'node:util';
import { toKeyPairListJson } from '../../inventory/inventory-export';
import type { InventoryView } from '../../ipc/contracts/inventory';
import type { CliContext } from '../cli-types';
import { UsageError } from '../cli-types';
import { parseCommandArgs } from '../parse-args';
import { awsCliOptions, formatTable, resolveCliAccount, splitPaths } from './aws-options';

/** `keypairs list`: every key pair of the region (or all regions), its instances and local keys. */
export async function keypairsList(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs(parseArgs, {
    args,
    options: {
      ...awsCliOptions,
      'all-regions': { type: 'boolean' },
      scan: { type: 'string', multiple: true },
    },
  });
  if (values.region && values['all-regions']) throw new UsageError('use either --region or --all-regions');
  const account = await resolveCliAccount(ctx, values);
  const scan = await splitPaths(values.scan ?? []);
  for (const { path, reason } of scan.skipped)
    ctx.stderr(`keyrescue keypairs: warning: ${path} ${reason}; not scanned\n`);
  const { inventory, sources } = await ctx.core.aws();
  const view = await inventory.refresh(
    {
      regions: values['all-regions'] ? undefined : [values.region ?? account.region],
      localSources: { folders: [sources.sshDir, ...scan.folders], files: scan.files },
    },
    account,
  );
  if (reportFailedRegions(view, 'keypairs', ctx)) return 1;
  printKeyPairs(view, Boolean(values.json), ctx);
  // Partial results are still results.
  return 0;
}

/**
 * Prints each region that could not be read, with its reason, on stderr. True when none could be
 * read (bad credentials, no network): that is a failure, not an empty account.
 */
export function reportFailedRegions(
  view: InventoryView,
  command: string,
  ctx: Pick<CliContext, 'stderr'>,
): boolean {
  const failed = view.regions.filter((region) => region.status === 'error');
  for (const region of failed)
    ctx.stderr(`keyrescue ${command}: ${region.region}: ${region.error?.message ?? 'failed'}\n`);
  return failed.length > 0 && failed.length === view.regions.length;
}

/** The key pairs of a view as JSON (`--json`) or a table, on stdout. */
export function printKeyPairs(view: InventoryView, json: boolean, ctx: Pick<CliContext, 'stdout'>): void {
  const keyPairs = toKeyPairListJson(view);
  if (json) {
    ctx.stdout(`${JSON.stringify(keyPairs, null, 2)}\n`);
  } else if (keyPairs.length === 0) {
    ctx.stdout(`No key pairs in ${view.regions.map((region) => region.region).join(', ')}.\n`);
  } else {
    ctx.stdout(
      formatTable(
        ['REGION', 'NAME', 'TYPE', 'FINGERPRINT', 'INSTANCES', 'LOCAL KEY'],
        keyPairs.map((keyPair) => [
          keyPair.region,
          keyPair.name,
          keyPair.type,
          keyPair.fingerprint,
          keyPair.instances.map((instance) => instance.id).join(',') || '-',
          keyPair.localMatches.join(',') || (keyPair.atRisk ? 'AT RISK: no private key found' : '-'),
        ]),
      ),
    );
  }
}
