import { parseArgs } from 'node:util';
import { deleteKeyPair, previewDelete } from '../../keypairs/key-pair-delete';
import type { CliContext } from '../cli-types';
import { UsageError } from '../cli-types';
import { parseCommandArgs } from '../parse-args';
import { awsCliOptions, resolveCliAccount } from './aws-options';

/**
 * `keypairs delete NAME`: shows what still names the key pair, then asks for the name to be typed.
 * `--yes` skips the question; without it a non-interactive run refuses, so scripts cannot delete by accident.
 */
export async function keypairsDelete(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(parseArgs, {
    args,
    allowPositionals: true,
    options: { ...awsCliOptions, yes: { type: 'boolean' } },
  });
  const [name, ...extra] = positionals;
  if (!name || extra.length) throw new UsageError('give exactly one key pair NAME');
  if (!values.yes && !ctx.stdinIsTTY()) {
    ctx.stderr(
      `keyrescue keypairs: refusing to delete ${name} without --yes: this terminal is not interactive, so the name cannot be confirmed.\n`,
    );
    return 1;
  }
  const account = await resolveCliAccount(ctx, values);
  const region = values.region ?? account.region;
  const preview = await previewDelete(account, region, name);
  const out = values.json ? ctx.stderr : ctx.stdout;
  if (preview.instances.length) {
    out(`${preview.instances.length} instance(s) still name ${name}:\n`);
    for (const instance of preview.instances)
      out(`  ${instance.id}  ${instance.name ?? ''}  ${instance.state}\n`);
  }
  for (const template of preview.launchTemplates)
    out(
      `  launch template ${template.name} (${template.id}) version ${template.version} names it: new launches from it will fail\n`,
    );
  if (!preview.launchTemplatesReadable) out(`  (launch templates could not be checked)\n`);
  out(`Deleting removes only EC2's copy of the public key; no instance's authorized_keys changes.\n`);
  let confirmName = name;
  if (!values.yes)
    confirmName = (await ctx.readLine(`Type the key pair name (${name}) to delete it: `)).trim();
  if (confirmName !== name) {
    ctx.stderr(`keyrescue keypairs: the typed name did not match; nothing was deleted.\n`);
    return 1;
  }
  const result = await deleteKeyPair(account, region, name, confirmName);
  if (values.json)
    ctx.stdout(
      `${JSON.stringify({ region, name, id: result.keyPairId, deleted: true, instances: preview.instances.map((i) => i.id) }, null, 2)}\n`,
    );
  else ctx.stdout(`Deleted key pair ${name} (${result.keyPairId}) in ${region}.\n`);
  return 0;
}
