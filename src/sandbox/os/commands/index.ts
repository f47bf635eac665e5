/**
 * All guest commands the sandbox adds to (or overrides in) just-bash for one shell execution.
 */
import type { Command } from 'just-bash';
import { copyModeCommands } from './copy-mode-commands.js';
import { fileCommands } from './file-commands.js';
import { identityCommands } from './identity-commands.js';
import { lsCommand } from './ls-command.js';
import { lsblkCommands } from './lsblk-command.js';
import { mountCommands } from './mount-commands.js';
import { readCommands } from './read-commands.js';
import type { ShellSession } from './session.js';
import { shellCommands } from './shell-commands.js';
import { sshKeygenCommand } from './ssh-keygen-command.js';
import { suCommands, sudoCommand } from './sudo-command.js';
import { systemCommands } from './system-commands.js';

export type { ShellSession } from './session.js';

/** Builds the custom commands bound to one session (user, filesystem view, OS). */
export function createOsCommands(s: ShellSession): Command[] {
  return [
    sudoCommand(s),
    ...identityCommands(s),
    ...fileCommands(s),
    ...lsblkCommands(s),
    ...mountCommands(s),
    ...systemCommands(s),
    lsCommand(s),
    ...readCommands(s),
    ...shellCommands(s),
    ...copyModeCommands(s),
    sshKeygenCommand(s),
    ...suCommands(s),
  ];
}
