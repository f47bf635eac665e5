import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliContext } from '../cli-types';
import { UsageError } from '../cli-types';
import { parseCommandArgs } from '../parse-args';
import { awsCliOptions, resolveCliAccount } from './aws-options';
import { parseTags, readPassphraseFile } from './keypairs-create';

/** `keypairs import NAME --public-key FILE`: a .pub, RFC 4716, PEM public key, or a private key's public half. */
export async function keypairsImport(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(parseArgs, {
    args,
    allowPositionals: true,
    options: {
      ...awsCliOptions,
      'public-key': { type: 'string' },
      'passphrase-file': { type: 'string' },
      tag: { type: 'string', multiple: true },
    },
  });
  const [name, ...extra] = positionals;
  if (!name || extra.length) throw new UsageError('give exactly one key pair NAME');
  if (!values['public-key']) throw new UsageError('--public-key FILE is required');
  const passphrase = await readPassphraseFile(values['passphrase-file'], ctx.cwd);
  const account = await resolveCliAccount(ctx, values);
  const region = values.region ?? account.region;
  const keyPair = await (
    await ctx.core.aws()
  ).keyPairs.importPublicKey(account, {
    region,
    name,
    source: { kind: 'file', path: resolve(ctx.cwd, values['public-key']) },
    passphrase,
    tags: parseTags(values.tag),
  });
  if (values.json) ctx.stdout(`${JSON.stringify(keyPair, null, 2)}\n`);
  else
    ctx.stdout(
      `Imported key pair ${keyPair.name} (${keyPair.id}) in ${region}\nfingerprint: ${keyPair.fingerprint}\n`,
    );
  return 0;
}
