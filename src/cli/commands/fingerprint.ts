import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mapWithConcurrency } from '../../async/map-with-concurrency';
import { IpcError } from '../../ipc/client';
import type { KeyInfo } from '../../ipc/contracts/keys';
import { readPassphraseFile } from '../../keys/passphrase-file';
import { UsageError, type CliCommand } from '../cli-types';
import { parseCommandArgs } from '../parse-args';
import { passphraseHint } from '../cli-errors';
import { oneLine } from '../terminal-text';

interface FingerprintRow {
  path: string;
  type: string;
  bits: number;
  comment: string;
  sha256: string;
  md5: string;
  awsCreated?: string;
  awsImported: string;
}

function toRow(path: string, info: KeyInfo): FingerprintRow | null {
  if (!info.fingerprints || !info.type) return null;
  const f = info.fingerprints;
  return {
    path,
    type: info.type,
    bits: info.bits ?? 0,
    comment: info.comment ?? '',
    sha256: f.sha256,
    md5: f.md5,
    ...(f.awsCreated ? { awsCreated: f.awsCreated } : {}),
    awsImported: f.awsImported,
  };
}

export const fingerprintCommand: CliCommand = {
  name: 'fingerprint',
  summary: 'Print ssh-keygen (SHA256, MD5) and AWS fingerprints of private or public keys.',
  usage: 'keyrescue fingerprint INPUT... [--passphrase-file F] [--json]',
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(parseArgs, {
      args,
      allowPositionals: true,
      options: { 'passphrase-file': { type: 'string' }, json: { type: 'boolean' } },
    });
    if (positionals.length === 0) throw new UsageError('give at least one INPUT key file.');
    const passphrase = values['passphrase-file']
      ? await readPassphraseFile(resolve(ctx.cwd, values['passphrase-file']))
      : undefined;
    // Files are read a few at a time so the disk is never idle while a key is parsed; results keep
    // the order of the command line.
    const results = await mapWithConcurrency(positionals, 8, async (path) => {
      try {
        const info = await ctx.api.invoke('keys:inspect', {
          source: { kind: 'file', path: resolve(ctx.cwd, path) },
          ...(passphrase ? { passphrase } : {}),
        });
        return (
          toRow(path, info) ?? {
            error: `${path}: the key is encrypted; its public half can be trusted only once its passphrase opens it. Give it with --passphrase-file FILE.`,
          }
        );
      } catch (error) {
        if (!(error instanceof IpcError)) throw error;
        return { error: `${error.message}${passphraseHint(fingerprintCommand, error.code)}` };
      }
    });
    const rows: FingerprintRow[] = [];
    let failed = false;
    for (const result of results) {
      if ('error' in result) {
        failed = true;
        ctx.stderr(`keyrescue fingerprint: ${result.error}\n`);
      } else rows.push(result);
    }
    if (values.json) {
      ctx.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    } else {
      for (const r of rows) {
        const lines = [
          oneLine(r.path),
          `  type:        ${r.type} ${r.bits}`,
          `  comment:     ${oneLine(r.comment)}`,
          `  sha256:      ${r.sha256}`,
          `  md5:         ${r.md5}`,
          ...(r.awsCreated ? [`  awsCreated:  ${r.awsCreated}   (key pair created by EC2)`] : []),
          `  awsImported: ${r.awsImported}   (key pair imported into EC2)`,
        ];
        ctx.stdout(`${lines.join('\n')}\n`);
      }
    }
    return failed ? 1 : 0;
  },
};
