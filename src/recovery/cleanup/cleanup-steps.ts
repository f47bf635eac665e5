import type { Clock } from '../../app/clock';
import type { ResolvedAccount } from '../../aws/account-types';
import { AppError, isAppError } from '../../ipc/app-error';
import { operationErrorCodes } from '../../ipc/operations/operation-errors';
import { parsePublicKey } from '../../keys';
import type { KeyFileCaller, KeyFiles } from '../../keys/key-files';
import { deleteKeyPairById, keyPairIdStillExists, previewDelete } from '../../keypairs/key-pair-delete';
import { keyPairErrorCodes } from '../../keypairs/keypair-errors';
import type { RecoveryStep, RemoteScriptRunner, StepContext, StepOutcome } from '../engine/recovery-step';
import { scriptStep } from '../engine/script-step';
import { addKeyScript, removeKeyScript } from '../scripts/authorized-key-script';
import { stepDescription, stepResult, stepText } from '../journal/step-texts';
import { cleanupErrorCodes } from './cleanup-errors';
import type { OldKey } from './old-key';
import { writePpkCopy } from './ppk-copy';
import { addSshConfigEntry, type SshConfigEntry } from './ssh-config-entry';

/**
 * The cleanup a user chooses after a verified recovery (issue 10 §6), one step each, composed by the
 * recovery service. None of them may run before the verification login succeeded (research §11.14):
 * the old key's line and key pair are the way back if the new key did not work. The temporary
 * ingress rule's revocation is the ingress step's revert (src/recovery/paths/ingress-step.ts).
 */

export const cleanupStepIds = {
  removeOldKey: 'remove-old-key',
  deleteOldKeyPair: 'delete-old-key-pair',
  sshConfigEntry: 'ssh-config-entry',
  ppkCopy: 'ppk-copy',
} as const;

function stopIfCancelled(ctx: StepContext, before: string): void {
  if (ctx.signal.aborted)
    throw new AppError(operationErrorCodes.cancelled, `Cancelled before ${before}; nothing was changed.`);
}

export interface RemoveOldKeyInput {
  /** The runner the recovery uses (after verification: a login with the new key works too). */
  runner: RemoteScriptRunner;
  targetUser: string;
  oldKey: OldKey;
  /** The new key's public line: refused as the "old" one (that would lock the user out again). */
  newPublicKeyLine: string;
}

/**
 * `remove-old-key`: removes every line carrying the old key pair's key data from the target's
 * authorized_keys (whatever its comment or options), with the script's backup; undone by adding
 * the old key back. Refused when the old key is the new key.
 */
export function removeOldKeyStep(input: RemoveOldKeyInput): RecoveryStep {
  const { oldKey, targetUser } = input;
  const oldBlob = parsePublicKey(oldKey.publicKeyLine, `the public key of key pair ${oldKey.keyName}`).blob;
  if (oldBlob.equals(parsePublicKey(input.newPublicKeyLine, 'The new public key').blob))
    throw new AppError(
      cleanupErrorCodes.oldKeyIsNewKey,
      `The old key pair ${oldKey.keyName} holds the new key itself (${oldKey.fingerprint}); removing it would lock you out again, so it stays.`,
      { keyName: oldKey.keyName, fingerprint: oldKey.fingerprint },
    );
  const scriptInput = {
    targetUser,
    publicKey: oldKey.publicKeyLine,
    publicKeySource: `The public key of key pair ${oldKey.keyName}`,
  };
  return scriptStep({
    id: cleanupStepIds.removeOldKey,
    text: {
      does: stepText('removeOldKey.does', {
        keyName: oldKey.keyName,
        fingerprint: oldKey.fingerprint,
        user: targetUser,
        // A runner without a structured name (a test's) is named by its English phrase.
        via: input.runner.describeText ?? input.runner.describe,
      }),
      undo: stepText('removeOldKey.undo', { fingerprint: oldKey.fingerprint, user: targetUser }),
    },
    runner: input.runner,
    targetUser,
    script: removeKeyScript(scriptInput),
    accept: ['removed', 'notPresent'],
    revert: { script: addKeyScript(scriptInput), accept: ['added', 'alreadyPresent'] },
  });
}

export interface DeleteOldKeyPairInput {
  account: ResolvedAccount;
  region: string;
  oldKey: Pick<OldKey, 'keyName' | 'keyPairId'>;
  /**
   * The user saw this very key pair (this id) in the delete preview: when it is gone by the time the
   * step runs, that is refused (`cleanup.keyPairGone`) rather than reported as nothing to do.
   */
  previewed?: boolean;
}

/** The preview's key pair no longer exists: nothing is deleted (the user saw another state). */
export function keyPairGoneError(oldKey: DeleteOldKeyPairInput['oldKey'], region: string): AppError {
  return new AppError(
    cleanupErrorCodes.keyPairGone,
    `Key pair ${oldKey.keyName} (${oldKey.keyPairId}) no longer exists in ${region}: it was deleted after the delete preview (elsewhere, or by an earlier attempt of this cleanup). Nothing was deleted.`,
    { name: oldKey.keyName, keyPairId: oldKey.keyPairId, region },
  );
}

/** The name now belongs to a key pair re-created after the preview: that one is never deleted. */
export function keyPairReplacedError(
  oldKey: DeleteOldKeyPairInput['oldKey'],
  currentId: string,
  region: string,
): AppError {
  return new AppError(
    cleanupErrorCodes.keyPairReplaced,
    `Key pair ${oldKey.keyName} in ${region} is not the one the delete preview showed: that was ${oldKey.keyPairId}, and the name now belongs to ${currentId}, created since. Nothing was deleted; look at the key pair again before deleting it.`,
    { name: oldKey.keyName, keyPairId: oldKey.keyPairId, currentId, region },
  );
}

function goneOutcome(oldKey: DeleteOldKeyPairInput['oldKey'], region: string): StepOutcome {
  const { keyName, keyPairId } = oldKey;
  return {
    ...stepResult(stepText('deleteKeyPair.gone', { keyName, keyPairId, region })),
    facts: { deletedKeyPairId: oldKey.keyPairId },
  };
}

/**
 * `delete-old-key-pair`: deletes the old key pair by the id it had when the old key was read (a
 * key pair re-created under the name is never touched). Refused while launch templates name it
 * (their launches would fail, research §11.14); the instances launched with it are listed in the
 * result: they keep the key in authorized_keys, and EC2 keeps showing the name on them.
 */
export function deleteOldKeyPairStep(input: DeleteOldKeyPairInput): RecoveryStep {
  const { account, region, oldKey } = input;
  return {
    id: cleanupStepIds.deleteOldKeyPair,
    ...stepDescription(
      stepText('deleteKeyPair.does', { keyName: oldKey.keyName, keyPairId: oldKey.keyPairId, region }),
      stepText('deleteKeyPair.undo', { keyName: oldKey.keyName }),
    ),
    // By id, and a repeat finds the id gone instead of failing.
    repeatable: true,

    async apply(ctx) {
      stopIfCancelled(ctx, 'deleting the key pair');
      // On resume, `check` has already told a delete that happened from one that did not: a key pair
      // gone here went since the preview, which the user must see (not "nothing to do").
      const gone = () => {
        if (input.previewed) throw keyPairGoneError(oldKey, region);
        return goneOutcome(oldKey, region);
      };
      if (!(await keyPairIdStillExists(account, region, oldKey.keyPairId))) return gone();
      let preview;
      try {
        preview = await previewDelete(account, region, oldKey.keyName);
      } catch (error) {
        if (isAppError(error) && error.code === keyPairErrorCodes.notFound) return gone();
        throw error;
      }
      // Re-created under the name between the check above and the preview: never that one.
      if (preview.keyPair.id !== oldKey.keyPairId)
        throw keyPairReplacedError(oldKey, preview.keyPair.id, region);
      if (preview.launchTemplates.length > 0) {
        const templates = preview.launchTemplates
          .map((template) => `${template.name || template.id} v${template.version}`)
          .join(', ');
        throw new AppError(
          cleanupErrorCodes.keyPairInLaunchTemplates,
          `Launch templates name key pair ${oldKey.keyName} (${templates}); deleting it would make their launches fail, so it was not deleted. Point those templates at the new key pair first.`,
          { name: oldKey.keyName, templates: templates.slice(0, 500) },
        );
      }
      stopIfCancelled(ctx, 'deleting the key pair');
      const { alreadyGone } = await deleteKeyPairById(account, region, oldKey.keyPairId);
      if (alreadyGone) return gone();
      const others = preview.instances.map((instance) => instance.id);
      const { keyName, keyPairId } = oldKey;
      const sentences = [stepText('deleteKeyPair.deleted', { keyName, keyPairId, region })];
      if (others.length)
        sentences.push(
          stepText('deleteKeyPair.instancesKeepIt', {
            instances: `${others.slice(0, 10).join(', ')}${others.length > 10 ? ', …' : ''}`,
          }),
        );
      if (!preview.launchTemplatesReadable) sentences.push(stepText('deleteKeyPair.templatesUnchecked'));
      return { ...stepResult(...sentences), facts: { deletedKeyPairId: oldKey.keyPairId } };
    },

    async check() {
      return (await keyPairIdStillExists(account, region, oldKey.keyPairId))
        ? { state: 'notDone' }
        : { state: 'done', outcome: goneOutcome(oldKey, region) };
    },
  };
}

export interface SshConfigEntryStepInput {
  entry: SshConfigEntry;
  /** The user's home folder (os.homedir() in the app). */
  homeDir: string;
  clock: Clock;
}

/** `ssh-config-entry`: the `Host ALIAS` block in ~/.ssh/config (src/recovery/cleanup/ssh-config-entry.ts). */
export function sshConfigEntryStep(input: SshConfigEntryStepInput): RecoveryStep {
  const { alias } = input.entry;
  return {
    id: cleanupStepIds.sshConfigEntry,
    ...stepDescription(
      stepText('sshConfig.does', { alias, user: input.entry.user }),
      stepText('sshConfig.undo', { alias }),
    ),
    // A repeat finds its own entry and changes nothing.
    repeatable: true,
    async apply(ctx) {
      stopIfCancelled(ctx, 'writing ~/.ssh/config');
      const written = await addSshConfigEntry(input.entry, { homeDir: input.homeDir, clock: input.clock });
      const path = written.configPath;
      const sentence =
        written.status !== 'written'
          ? stepText('sshConfig.present', { path, alias })
          : written.backupPath
            ? stepText('sshConfig.addedWithBackup', { alias, path, backup: written.backupPath })
            : stepText('sshConfig.added', { alias, path });
      return {
        ...stepResult(sentence),
        facts: {
          sshConfigPath: written.configPath,
          ...(written.backupPath ? { sshConfigBackup: written.backupPath } : {}),
        },
      };
    },
  };
}

export interface PpkCopyStepInput {
  keyFiles: KeyFiles;
  caller: KeyFileCaller;
  path: string;
  /** PreparedNewKey's in-memory key and line. */
  privateKeyOpenSsh: string;
  publicKeyLine: string;
  /** The new key's passphrase, when it has one, so the copy is as protected as the key. */
  passphrase?: string;
}

/** `ppk-copy`: a PuTTY-ready PPK v3 copy of the new key (src/recovery/cleanup/ppk-copy.ts). */
export function ppkCopyStep(input: PpkCopyStepInput): RecoveryStep {
  return {
    id: cleanupStepIds.ppkCopy,
    ...stepDescription(
      stepText('ppkCopy.does', { path: input.path }),
      stepText('ppkCopy.undo', { path: input.path }),
    ),
    // A repeat finds its own file (the same key) and writes nothing.
    repeatable: true,
    async apply(ctx) {
      stopIfCancelled(ctx, 'saving the PPK copy');
      const written = await writePpkCopy(input.keyFiles, {
        path: input.path,
        privateKeyOpenSsh: input.privateKeyOpenSsh,
        publicKeyLine: input.publicKeyLine,
        ...(input.passphrase ? { passphrase: input.passphrase } : {}),
        caller: input.caller,
        signal: ctx.signal,
      });
      const { path } = written;
      const sentence =
        written.status !== 'written'
          ? stepText('ppkCopy.present', { path })
          : stepText(input.passphrase ? 'ppkCopy.savedProtected' : 'ppkCopy.saved', { path });
      return {
        ...stepResult(sentence),
        facts: { ppkCopyPath: written.path },
      };
    },
  };
}
