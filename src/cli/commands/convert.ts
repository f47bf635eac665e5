import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ConvertTarget } from '../../ipc/contracts/keys';
import { readPassphraseFile } from '../../keys/passphrase-file';
import { UsageError, type CliCommand } from '../cli-types';
import { parseCommandArgs } from '../parse-args';
import { keyErrorCodes } from '../../keys/key-errors';

const targets: Record<string, ConvertTarget> = {
  ppk: 'ppk3',
  ppk3: 'ppk3',
  ppk2: 'ppk2',
  openssh: 'openssh',
  pem: 'pem',
  pkcs8: 'pkcs8',
};

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(`--${name} must be a positive whole number, not "${value}".`);
  return Number(value);
}

/** How each output line tells what happened to the passphrase. */
const protectionNote = {
  new: ', encrypted',
  kept: ', encrypted with its own passphrase',
  removed: ', passphrase removed',
  none: '',
} as const;

export const convertCommand: CliCommand = {
  name: 'convert',
  summary: 'Convert private keys between PEM, PKCS#8, OpenSSH and PuTTY (.ppk v2/v3).',
  usage: [
    'keyrescue convert INPUT... --to ppk|ppk2|ppk3|openssh|pem|pkcs8 [-o OUT | --out-dir DIR]',
    '         [--passphrase-file F] [--new-passphrase-file F | --no-passphrase] [--comment C]',
    '         [--kdf argon2id|argon2i|argon2d] [--memory KIB] [--passes N] [--parallelism N] [--force]',
    '',
    '  ppk means PPK v3. Without -o the output goes beside each input with the target extension.',
    '  Passphrases are read from files (first line). An encrypted input keeps its own passphrase',
    '  unless --new-passphrase-file replaces it or --no-passphrase removes it.',
    '  Nothing is written if any input fails.',
  ].join('\n'),
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(parseArgs, {
      args,
      allowPositionals: true,
      options: {
        to: { type: 'string' },
        out: { type: 'string', short: 'o' },
        'out-dir': { type: 'string' },
        'passphrase-file': { type: 'string' },
        'new-passphrase-file': { type: 'string' },
        'no-passphrase': { type: 'boolean' },
        comment: { type: 'string' },
        kdf: { type: 'string' },
        memory: { type: 'string' },
        passes: { type: 'string' },
        parallelism: { type: 'string' },
        force: { type: 'boolean' },
      },
    });
    if (positionals.length === 0) throw new UsageError('give at least one INPUT key file.');
    const target = targets[values.to ?? ''];
    if (!target) throw new UsageError(values.to ? `unknown --to "${values.to}".` : '--to is required.');
    if (values.out && positionals.length > 1)
      throw new UsageError('-o names one output file; with several inputs use --out-dir.');
    if (values.out && values['out-dir']) throw new UsageError('use either -o or --out-dir, not both.');
    if (values['new-passphrase-file'] && values['no-passphrase'])
      throw new UsageError('use either --new-passphrase-file or --no-passphrase, not both.');
    const kdf = values.kdf;
    if (kdf !== undefined && kdf !== 'argon2id' && kdf !== 'argon2i' && kdf !== 'argon2d')
      throw new UsageError(`unknown --kdf "${kdf}".`);
    const flavour: 'argon2id' | 'argon2i' | 'argon2d' | undefined = kdf;
    const argon2 = {
      ...(flavour ? { flavour } : {}),
      ...(values.memory ? { memoryKiB: positiveInt('memory', values.memory) } : {}),
      ...(values.passes ? { passes: positiveInt('passes', values.passes) } : {}),
      ...(values.parallelism ? { parallelism: positiveInt('parallelism', values.parallelism) } : {}),
    };
    if (Object.keys(argon2).length && target !== 'ppk3')
      throw new UsageError('--kdf, --memory, --passes and --parallelism apply only to --to ppk / ppk3.');
    const passphrase = values['passphrase-file']
      ? await readPassphraseFile(resolve(ctx.cwd, values['passphrase-file']))
      : undefined;
    const newPassphrase = values['new-passphrase-file']
      ? await readPassphraseFile(resolve(ctx.cwd, values['new-passphrase-file']))
      : undefined;
    const { results } = await ctx.api.invoke('keys:convert', {
      items: positionals.map((p) => ({
        source: { kind: 'file' as const, path: resolve(ctx.cwd, p) },
        ...(passphrase ? { passphrase } : {}),
        ...(values.out ? { outputPath: resolve(ctx.cwd, values.out) } : {}),
      })),
      target,
      ...(newPassphrase ? { newPassphrase } : {}),
      ...(values['no-passphrase'] ? { removePassphrase: true } : {}),
      ...(values.comment !== undefined ? { comment: values.comment } : {}),
      ...(Object.keys(argon2).length ? { argon2 } : {}),
      ...(values['out-dir'] ? { outDir: resolve(ctx.cwd, values['out-dir']) } : {}),
      overwrite: Boolean(values.force),
      allOrNothing: true,
    });
    let failed = false;
    for (const r of results) {
      if (r.ok) {
        ctx.stdout(
          `${r.source} -> ${r.outputPath} (${r.writtenFormat}${protectionNote[r.passphrase]}; ${r.type} ${r.bits}; ${r.fingerprints.sha256})\n`,
        );
        if (r.passphrase === 'removed')
          ctx.stderr(
            `keyrescue convert: warning: ${r.outputPath} has no passphrase; anyone who gets a copy can use the key.\n`,
          );
      } else if (r.error.code !== keyErrorCodes.batchAborted) {
        failed = true;
        const hint =
          r.error.code === keyErrorCodes.passphraseRequired ? ' Give it with --passphrase-file FILE.' : '';
        ctx.stderr(`keyrescue convert: ${r.error.message}${hint}\n`);
      }
    }
    if (failed) ctx.stderr('keyrescue convert: nothing was written.\n');
    return failed ? 1 : 0;
  },
};
