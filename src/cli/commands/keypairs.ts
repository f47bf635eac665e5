import { UsageError, type CliCommand, type CliContext } from '../cli-types';

type Subcommand = (args: string[], ctx: CliContext) => Promise<number>;

// Loaded on use, so `keyrescue convert` and friends do not load the AWS key pair code at start-up.
const subcommands: Record<'list' | 'create' | 'import' | 'delete', () => Promise<Subcommand>> = {
  list: () => import('./keypairs-list').then((module) => module.keypairsList),
  create: () => import('./keypairs-create').then((module) => module.keypairsCreate),
  import: () => import('./keypairs-import').then((module) => module.keypairsImport),
  delete: () => import('./keypairs-delete').then((module) => module.keypairsDelete),
};

export const keypairsCommand: CliCommand = {
  name: 'keypairs',
  summary: 'List, create, import or delete EC2 key pairs (with instances and matching local keys).',
  usage: [
    'keyrescue keypairs list [--all-regions] [--scan DIR]... [--profile P] [--region R] [--endpoint URL] [--json]',
    '       keyrescue keypairs create NAME -o FILE [--local|--aws] [--type rsa|ed25519] [--bits 2048|3072|4096]',
    '                                  [--format openssh|pem|ppk] [--new-passphrase-file F] [--tag K=V]... [--force] [aws options]',
    '       keyrescue keypairs import NAME --public-key FILE [--passphrase-file F] [--tag K=V]... [aws options]',
    '       keyrescue keypairs delete NAME [--yes] [aws options]',
  ].join('\n'),
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (!sub || !(sub in subcommands)) {
      throw new UsageError(
        sub
          ? `unknown subcommand '${sub}' (list, create, import, delete)`
          : 'missing subcommand (list, create, import, delete)',
      );
    }
    const run = await subcommands[sub as keyof typeof subcommands]();
    return run(rest, ctx);
  },
};
