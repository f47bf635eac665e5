/**
 * Every error code the recovery's cleanup throws on purpose (listed in src/app/error-codes.ts).
 * English comes from each error's message; Japanese from
 * renderer/features/recover/new-key-error-locales.ts.
 */
export const cleanupErrorCodes = {
  /** The recovered instance is not (or no longer) in the region. */
  instanceNotFound: 'cleanup.instanceNotFound',
  /** The instance's key pair is gone (or was never set), so its public key cannot be removed. */
  oldKeyUnknown: 'cleanup.oldKeyUnknown',
  /** The "old" key is the new key: removing it would lock the user out again. */
  oldKeyIsNewKey: 'cleanup.oldKeyIsNewKey',
  /** Launch templates name the old key pair: deleting it would break their launches. */
  keyPairInLaunchTemplates: 'cleanup.keyPairInLaunchTemplates',
  /** The old key pair's name now belongs to another key pair than the one the delete preview showed. */
  keyPairReplaced: 'cleanup.keyPairReplaced',
  /** The key pair the delete preview showed no longer exists (deleted since, elsewhere). */
  keyPairGone: 'cleanup.keyPairGone',
  /** ~/.ssh/config is a symlink: KeyRescue does not write through it or replace it. */
  sshConfigSymlink: 'cleanup.sshConfigSymlink',
  /** ~/.ssh/config already has a `Host` line naming the alias. */
  sshConfigHostExists: 'cleanup.sshConfigHostExists',
  /** A value that cannot be written into an ssh_config line as itself (a quote, a line break). */
  sshConfigValueInvalid: 'cleanup.sshConfigValueInvalid',
  /** The entry's IdentityFile is a PPK, which OpenSSH cannot read. */
  sshConfigKeyIsPpk: 'cleanup.sshConfigKeyIsPpk',
  /** ~/.ssh/config (or ~/.ssh) is not a regular file (folder). */
  sshConfigNotAFile: 'cleanup.sshConfigNotAFile',
  /** ~/.ssh/config changed while the entry was being added; nothing was written. */
  sshConfigChanged: 'cleanup.sshConfigChanged',
  /** The snapshot to delete is not the safety snapshot this recovery's journal names. */
  snapshotNotThisRecovery: 'cleanup.snapshotNotThisRecovery',
  /** The snapshot does not carry KeyRescue's tag for this recovery: it is never deleted. */
  snapshotNotTagged: 'cleanup.snapshotNotTagged',
} as const;

export type CleanupErrorCode = (typeof cleanupErrorCodes)[keyof typeof cleanupErrorCodes];
