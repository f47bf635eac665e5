import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readPassphraseFile } from '../../keys/passphrase-file';
import { UsageError, type CliCommand } from '../cli-types';
import { parseCommandArgs } from '../parse-args';

const formats = {
  openssh: 'openssh',
  pem: 'pem',
  ppk: 'ppk3',
  ppk3: 'ppk3',
  ppk2: 'ppk2',
  pkcs8: 'pkcs8',
} as const;

export const generateCommand: CliCommand = {
  name: 'generate',
  summary: 'Generate an RSA or Ed25519 key pair; writes OUT (0600) and OUT.pub.',
  usage:
    'keyrescue generate --type rsa|ed25519 [--bits 2048|3072|4096] -o OUT [--format openssh|pem|ppk] [--new-passphrase-file F] [--comment C] [--force]',
  async run(args, ctx) {
    const { values } = parseCommandArgs(parseArgs, {
      args,
      options: {
        type: { type: 'string' },
        bits: { type: 'string' },
        out: { type: 'string', short: 'o' },
        format: { type: 'string' },
        'new-passphrase-file': { type: 'string' },
        comment: { type: 'string' },
        force: { type: 'boolean' },
      },
    });
    const type = values.type;
    if (type !== 'rsa' && type !== 'ed25519')
      throw new UsageError(type ? `unknown --type "${type}".` : '--type is required (rsa or ed25519).');
    if (!values.out) throw new UsageError('-o OUT is required.');
    const format = formats[(values.format ?? 'openssh') as keyof typeof formats];
    if (!format) throw new UsageError(`unknown --format "${values.format}".`);
    let bits: 2048 | 3072 | 4096 | undefined;
    if (values.bits !== undefined) {
      if (type !== 'rsa') throw new UsageError('--bits applies only to --type rsa.');
      if (values.bits !== '2048' && values.bits !== '3072' && values.bits !== '4096')
        throw new UsageError(`--bits must be 2048, 3072 or 4096, not "${values.bits}".`);
      bits = Number(values.bits) as 2048 | 3072 | 4096;
    }
    const newPassphrase = values['new-passphrase-file']
      ? await readPassphraseFile(resolve(ctx.cwd, values['new-passphrase-file']))
      : undefined;
    const out = await ctx.api.invoke('keys:generate', {
      type,
      ...(bits ? { bits } : {}),
      format,
      ...(values.comment !== undefined ? { comment: values.comment } : {}),
      ...(newPassphrase ? { newPassphrase } : {}),
      outputPath: resolve(ctx.cwd, values.out),
      overwrite: Boolean(values.force),
    });
    ctx.stdout(
      `wrote ${out.outputPath} (${out.writtenFormat}, ${out.type} ${out.bits}) and ${out.publicKeyPath}\n${out.fingerprints.sha256}\n`,
    );
    return 0;
  },
};
