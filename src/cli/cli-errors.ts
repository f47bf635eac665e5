import type { CliCommand } from './cli-types';

/** A key that needs its passphrase: say how to give it, when the command can take one. */
export function passphraseHint(command: CliCommand, code: string): string {
  return code === 'keys.passphraseRequired' && command.usage.includes('--passphrase-file')
    ? ' Give it with --passphrase-file FILE.'
    : '';
}
