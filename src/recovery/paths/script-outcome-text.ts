import type { ScriptResult } from '../scripts/script-result';

type Reason = NonNullable<ScriptResult['reason']>;
type Warning = ScriptResult['warnings'][number];

/** Why the script changed nothing, in the user's terms; `detail` (a path or name) follows it. */
export const scriptReasonText: Record<Reason, string> = {
  notRoot: 'the script did not run as root',
  rootMissing: 'the root prefix does not exist',
  userNotFound: 'the target user does not exist on the host',
  badPasswdEntry: "the target user's passwd entry is malformed",
  controlCharacters: 'a path contains control characters',
  configTooDeep: 'sshd_config includes nest too deeply',
  noAuthorizedKeysFile: 'sshd is configured with no AuthorizedKeysFile',
  unsupportedToken: 'AuthorizedKeysFile uses a token the script does not expand',
  badPath: 'the authorized_keys path contains . or .. parts',
  homeMissing: "the target user's home folder does not exist",
  outsideRoot: 'a path resolves outside the root prefix',
  symlink: 'a symlink is in the way (never followed as root)',
  notADirectory: 'a part of the path is not a folder',
  folderMissing: 'a folder on the path is missing',
  notRegularFile: 'authorized_keys is not a regular file',
  hardLinked: 'authorized_keys has other hard links',
  immutable: 'the file or folder is immutable (chattr +i)',
  backupExists: 'a backup with the same name already exists',
  unexpected: 'a command failed unexpectedly',
  verify: 'the file did not read back as written',
};

export const scriptWarningText: Record<Warning, string> = {
  homeWritable: 'the home folder is writable by others; sshd with StrictModes ignores the key',
  homeOwner: 'the home folder is not owned by the user; sshd with StrictModes ignores the key',
  restoreconFailed: 'restorecon failed; SELinux may stop sshd reading the file',
  selinuxRelabelNeeded: 'SELinux labels need a relabel; sshd may not read the file',
};

/** One sentence saying what the script did, as the CLI prints it. */
export function scriptOutcomeText(result: ScriptResult, targetUser: string): string {
  const file = result.file ?? `${targetUser}'s authorized_keys`;
  const backup = result.backup ? ` (backup: ${result.backup})` : '';
  const lines = result.lines === 1 ? '1 line' : `${result.lines} lines`;
  switch (result.status) {
    case 'added':
      return `Added the key to ${file}${backup}.`;
    case 'alreadyPresent':
      return `The key is already present in ${file} (${lines}); nothing was changed.`;
    case 'removed':
      return `Removed ${lines} carrying the key from ${file}${backup}.`;
    case 'notPresent':
      return `The key is not in ${file}; nothing was changed.`;
    case 'refused':
    case 'failed': {
      const reason = scriptReasonText[result.reason ?? 'unexpected'];
      const detail = result.detail ? ` (${result.detail})` : '';
      const verb = result.status === 'refused' ? 'Refused' : 'Failed';
      return `${verb}: ${reason}${detail}. ${result.status === 'refused' ? 'Nothing was changed.' : 'Check the file and its backup.'}`;
    }
  }
}
