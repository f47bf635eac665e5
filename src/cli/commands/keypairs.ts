import { UsageError, type CliCommand } from '../cli-types';
import { keypairsCreate } from './keypairs-create';
import { keypairsDelete } from './keypairs-delete';
import { keypairsImport } from './keypairs-import';
import { keypairsList } from './keypairs-list';

const subcommands = {
  list: keypairsList,
  create: keypairsCreate,
  import: keypairsImport,
  delete: keypairsDelete,
} as const;

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
    return subcommands[sub as keyof typeof subcommands](rest, ctx);
  },
};
