import type { CliCommand } from '../cli-types';
import { infoCommand } from './info';
import { convertCommand } from './convert';
import { fingerprintCommand } from './fingerprint';
import { generateCommand } from './generate';
import { pubkeyCommand } from './pubkey';
import { keypairsCommand } from './keypairs';
import { inventoryCommand } from './inventory';
import { matchCommand } from './match';
import { sandboxCommand } from './sandbox';
import { authorizeCommand } from './authorize';
import { preflightCommand } from './preflight';
import { journalCommand } from './journal';
import { recoverCommand } from './recover';
import { hostKeysCommand } from './host-keys';
import { sshProxyCommand, tunnelCommand } from './tunnel';

/** Every `keyrescue` command; later features add theirs here. */
export const commands: CliCommand[] = [
  infoCommand,
  convertCommand,
  pubkeyCommand,
  fingerprintCommand,
  generateCommand,
  keypairsCommand,
  inventoryCommand,
  matchCommand,
  sandboxCommand,
  authorizeCommand,
  preflightCommand,
  recoverCommand,
  hostKeysCommand,
  tunnelCommand,
  sshProxyCommand,
  journalCommand,
];
