import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliContext } from '../cli-types';
import { UsageError } from '../cli-types';
import { parseCommandArgs } from '../parse-args';
import { awsCliOptions, resolveCliAccount } from './aws-options';

/** `--tag K=V` → tag objects. */
export function parseTags(values: readonly string[] | undefined): { key: string; value: string }[] {
  return (values ?? []).map((entry) => {
    const at = entry.indexOf('=');
    if (at <= 0) throw new UsageError(`--tag needs KEY=VALUE, got '${entry}'`);
    return { key: entry.slice(0, at), value: entry.slice(at + 1) };
  });
}

/** A passphrase from a file: the first line, so `echo pass > f` works; never from the command line. */
export async function readPassphraseFile(path: string | undefined, cwd: string): Promise<string | undefined> {
  if (!path) return undefined;
  const text = await fs.readFile(resolve(cwd, path), 'utf8').catch(() => {
    throw new UsageError(`cannot read the passphrase file ${path}`);
  });
  return text.split(/\r?\n/)[0] || undefined;
}

/**
 * `keypairs create`: `--local` (default) generates the key here, saves it, imports the public key;
 * `--aws` lets CreateKeyPair make it and saves what AWS returns. If that save fails the new key pair
 * is deleted at once — a terminal cannot offer "retry elsewhere" — so no key pair exists unsaved.
 */
export async function keypairsCreate(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(parseArgs, {
    args,
    allowPositionals: true,
    options: {
      ...awsCliOptions,
      output: { type: 'string', short: 'o' },
      local: { type: 'boolean' },
      aws: { type: 'boolean' },
      type: { type: 'string' },
      bits: { type: 'string' },
      format: { type: 'string' },
      'new-passphrase-file': { type: 'string' },
      tag: { type: 'string', multiple: true },
      force: { type: 'boolean' },
    },
  });
  const [name, ...extra] = positionals;
  if (!name || extra.length) throw new UsageError('give exactly one key pair NAME');
  if (!values.output) throw new UsageError('-o FILE is required: where to save the private key');
  if (values.local && values.aws) throw new UsageError('use either --local or --aws');
  const method = values.aws ? 'aws' : 'local';
  const keyType = values.type ?? 'rsa';
  if (keyType !== 'rsa' && keyType !== 'ed25519')
    throw new UsageError(`--type must be rsa or ed25519, not '${keyType}'`);
  const format = values.format ?? (method === 'aws' ? 'pem' : 'openssh');
  if (format !== 'openssh' && format !== 'pem' && format !== 'ppk')
    throw new UsageError(`--format must be openssh, pem or ppk, not '${format}'`);
  if (method === 'aws' && format === 'openssh')
    throw new UsageError('--aws keys come as pem or ppk; use --format pem|ppk or --local');
  const bits = values.bits === undefined ? undefined : Number(values.bits);
  if (bits !== undefined && bits !== 2048 && bits !== 3072 && bits !== 4096)
    throw new UsageError('--bits must be 2048, 3072 or 4096');
  if (bits !== undefined && (keyType !== 'rsa' || method !== 'local'))
    throw new UsageError('--bits applies to --local RSA keys only');
  const passphrase = await readPassphraseFile(values['new-passphrase-file'], ctx.cwd);
  const tags = parseTags(values.tag);

  const account = await resolveCliAccount(ctx, values);
  const region = values.region ?? account.region;
  const path = resolve(ctx.cwd, values.output);
  const { keyPairs } = await ctx.core.aws();
  const outcome = await keyPairs.create(
    account,
    { region, name, method, keyType, bits, format, path, passphrase, overwrite: values.force ?? false, tags },
    'cli',
  );
  if (outcome.status === 'unsaved' && outcome.pendingId) {
    await keyPairs.discardPending(outcome.pendingId);
    ctx.stderr(
      `keyrescue keypairs: ${outcome.saveError?.message ?? 'the private key could not be saved'}\n` +
        `The key pair ${name} (${outcome.keyPair.id}) was deleted again, so no key pair exists without its private key.\n`,
    );
    return 1;
  }
  if (values.json) {
    ctx.stdout(`${JSON.stringify({ ...outcome.keyPair, path: outcome.path, method }, null, 2)}\n`);
  } else {
    ctx.stdout(
      `Created key pair ${name} (${outcome.keyPair.id}) in ${region}\nfingerprint: ${outcome.keyPair.fingerprint}\nprivate key: ${outcome.path}\n`,
    );
    if (keyType === 'ed25519')
      ctx.stdout('Note: EC2 does not accept Ed25519 key pairs for Windows instances.\n');
  }
  return 0;
}
