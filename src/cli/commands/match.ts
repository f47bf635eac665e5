import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { keyPairsByFile } from '../../inventory/key-matching';
import type { LocalScan } from '../../inventory/local-key-scan';
import { hasUnreadableFiles } from '../../inventory/local-scan-summary';
import { UsageError, type CliCommand } from '../cli-types';
import { oneLine } from '../terminal-text';
import { parseCommandArgs } from '../parse-args';
import { awsCliOptions, awsCliUsage, formatTable, resolveCliAccount, splitPaths } from './aws-options';

export const matchCommand: CliCommand = {
  name: 'match',
  summary: 'Tell which local private key belongs to which EC2 key pair (every AWS fingerprint form).',
  usage: `keyrescue match [DIR|FILE]... [--all-regions] ${awsCliUsage}`,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(parseArgs, {
      args,
      allowPositionals: true,
      options: { ...awsCliOptions, 'all-regions': { type: 'boolean' } },
    });
    if (values.region && values['all-regions']) throw new UsageError('use either --region or --all-regions');
    const { inventory, sources } = await ctx.core.aws();
    const paths = await splitPaths(
      positionals.length ? positionals.map((path) => resolve(ctx.cwd, path)) : [sources.sshDir],
    );
    for (const { path, reason } of paths.skipped)
      ctx.stderr(`keyrescue match: warning: ${path} ${reason}; not scanned\n`);
    const account = await resolveCliAccount(ctx, values);
    let scan: LocalScan = { keys: [], problems: [], sources: [], skippedFiles: 0 };
    const view = await inventory.refresh(
      {
        regions: values['all-regions'] ? undefined : [values.region ?? account.region],
        localSources: { folders: paths.folders, files: paths.files },
        // Only what the user named is matched; the default (~/.ssh) adds the account's own key folders.
        includeAccountKeys: positionals.length === 0,
        onScan: (whole) => (scan = whole),
      },
      account,
    );
    for (const problem of scan.problems)
      ctx.stderr(`keyrescue match: warning: ${oneLine(problem.message)} [${problem.code}]\n`);
    if (scan.skippedFiles > 0)
      ctx.stderr(`keyrescue match: warning: ${scan.skippedFiles} files over the scan limit were not read\n`);
    const incomplete = hasUnreadableFiles(scan);
    if (incomplete)
      ctx.stderr(
        'keyrescue match: some files could not be read; a key pair without a match may have its key among them\n',
      );
    for (const region of view.regions)
      if (region.status === 'error')
        ctx.stderr(`keyrescue match: ${region.region}: ${region.error?.message ?? 'failed'}\n`);
    // With no key pair readable, "no key pair" beside every file would be a false answer.
    if (view.regions.every((region) => region.status === 'error')) return 1;
    const owners = keyPairsByFile(view.regions, scan.keys);
    const result = scan.keys.map(({ info }) => ({
      file: info.path,
      type: info.type,
      keyPairs: owners.get(info.path) ?? [],
    }));
    if (values.json) {
      ctx.stdout(`${JSON.stringify(result, null, 2)}\n`);
    } else if (result.length === 0) {
      ctx.stdout('No private keys found.\n');
    } else {
      const status = new Map(scan.keys.map(({ info }) => [info.path, info.status]));
      ctx.stdout(
        formatTable(
          ['FILE', 'TYPE', 'KEY PAIRS'],
          result.map((entry) => [
            entry.file,
            entry.type ?? '?',
            entry.keyPairs.map((keyPair) => `${keyPair.region}/${keyPair.name} (${keyPair.id})`).join(', ') ||
              (status.get(entry.file) === 'needsPassphrase' ? 'needs passphrase to match' : 'no key pair'),
          ]),
        ),
      );
    }
    // An incomplete scan is a failed run: a script must not read "no key pair" as the truth.
    return incomplete || view.regions.every((region) => region.status === 'error') ? 1 : 0;
  },
};
