import { addKeySteps, removeKeySteps } from './script-actions';
import { checkPublicKeyLine, checkRootPrefix, checkTargetUser } from './script-inputs';
import { scriptPrelude } from './script-prelude';
import { shellAssignment } from './shell-quote';
import { scriptTarget } from './script-target';

export interface AuthorizedKeyScriptInput {
  /** The account whose authorized_keys changes (`ec2-user`, `ubuntu`, …). */
  targetUser: string;
  /** One OpenSSH public key line: `type base64 [comment]`. */
  publicKey: string;
  /** Where another system's root is mounted (a rescue volume); absent on the live system. */
  rootPrefix?: string;
  /** Names the key in errors (its file path); "The public key" otherwise. */
  publicKeySource?: string;
}

export type AuthorizedKeyAction = 'add' | 'remove';

/**
 * The POSIX sh script that adds a public key to a user's authorized_keys as research §1 says (blob
 * dedupe, final newline, backup, owner and mode, SELinux, no symlinks) and prints one
 * `KEYRESCUE-RESULT {…}` line (parseScriptResult reads it). Run it as root with `sh`.
 */
export function addKeyScript(input: AuthorizedKeyScriptInput): string {
  return authorizedKeyScript('add', input);
}

/** The same script, removing the lines that carry the key's data instead (cleanup of an old key). */
export function removeKeyScript(input: AuthorizedKeyScriptInput): string {
  return authorizedKeyScript('remove', input);
}

function authorizedKeyScript(action: AuthorizedKeyAction, input: AuthorizedKeyScriptInput): string {
  const user = checkTargetUser(input.targetUser);
  const key = checkPublicKeyLine(input.publicKey, input.publicKeySource);
  const root = input.rootPrefix === undefined ? '' : checkRootPrefix(input.rootPrefix);
  const what = action === 'add' ? 'Adds a public key to' : 'Removes a public key from';
  // Every input is a single-quoted assignment here; the body below only ever reads the variables.
  return [
    '#!/bin/sh',
    `# KeyRescue: ${what} one user's authorized_keys. POSIX sh; run as root.`,
    '# Prints one line: KEYRESCUE-RESULT {"status":…}. Only public keys are in this script.',
    'set -eu',
    'umask 077',
    shellAssignment('KR_ACTION', action, 'the action'),
    shellAssignment('KR_USER', user, 'the target user'),
    shellAssignment('KR_KEY_TYPE', key.sshType, 'the key type'),
    shellAssignment('KR_KEY_BLOB', key.blob, 'the key data'),
    shellAssignment('KR_KEY_LINE', key.line, 'the public key line'),
    shellAssignment('KR_ROOT', root, 'the root prefix'),
    '',
    scriptPrelude,
    scriptTarget,
    action === 'add' ? addKeySteps : removeKeySteps,
  ].join('\n');
}
