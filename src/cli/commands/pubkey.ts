import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readPassphraseFile } from '../../keys/passphrase-file';
import { UsageError, type CliCommand } from '../cli-types';
import { parseCommandArgs } from '../parse-args';
import { oneLine } from '../terminal-text';

export const pubkeyCommand: CliCommand = {
  name: 'pubkey',
  summary: 'Print the public key of a private key file (OpenSSH line or RFC 4716).',
  usage: 'keyrescue pubkey INPUT [--passphrase-file F] [--format openssh|rfc4716]',
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(parseArgs, {
      args,
      allowPositionals: true,
      options: { 'passphrase-file': { type: 'string' }, format: { type: 'string' } },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one INPUT key file.');
    const format = values.format ?? 'openssh';
    if (format !== 'openssh' && format !== 'rfc4716') throw new UsageError(`unknown --format "${format}".`);
    const passphrase = values['passphrase-file']
      ? await readPassphraseFile(resolve(ctx.cwd, values['passphrase-file']))
      : undefined;
    const out = await ctx.api.invoke('keys:publicKey', {
      source: { kind: 'file', path: resolve(ctx.cwd, positionals[0]!) },
      format,
      ...(passphrase ? { passphrase } : {}),
    });
    // One line, whatever the comment holds: a line break in it would add a line to authorized_keys.
    ctx.stdout(format === 'openssh' ? `${oneLine(out.publicKey)}\n` : out.publicKey);
    return 0;
  },
};
