import type { Clock } from '../../app/clock';
import type { ResolvedAccount } from '../../aws/account-types';
import type { CleanupChoices } from '../../ipc/contracts/recovery-run';
import type { KeyFileCaller, KeyFiles } from '../../keys/key-files';
import { keyPairIdStillExists } from '../../keypairs/key-pair-delete';
import {
  deleteOldKeyPairStep,
  keyPairGoneError,
  keyPairReplacedError,
  ppkCopyStep,
  removeOldKeyStep,
  sshConfigEntryStep,
} from '../cleanup/cleanup-steps';
import { findOldKey, requireOldKey, type OldKeyLookup } from '../cleanup/old-key';
import { deleteSnapshotStep } from '../cleanup/snapshot-step';
import type { RecoveryStep, RemoteScriptRunner } from '../engine/recovery-step';
import type { StartedEntry } from '../journal';
import { stepDescription, stepResult, stepText } from '../journal/step-texts';
import type { EgressAddressPort } from '../network/egress-address';
import type { PreparedNewKey } from '../new-key/prepare-new-key';
import { ingressAddStep } from '../paths/ingress-step';
import type { SshEndpoint } from '../paths/ssh-target';

export interface CleanupPlanInput {
  choices: CleanupChoices;
  account: ResolvedAccount;
  started: StartedEntry;
  /** Where the verification login went: the `~/.ssh/config` entry points there. */
  endpoint: SshEndpoint;
  /** The new key, read back when a choice needs it (PPK copy, the removal's new-key guard). */
  newKey: PreparedNewKey | null;
  /** The path's runner, built only when the old key's lines are to be removed. */
  removalRunner: () => Promise<RemoteScriptRunner>;
  /** The recovery added a temporary ingress rule (its facts name it). */
  ruleOpen: boolean;
  /** The rescue-volume path's safety snapshot, as its step journaled it. */
  snapshotId: string | undefined;
  keyFiles: KeyFiles;
  caller: KeyFileCaller;
  homeDir: string;
  clock: Clock;
  egress: EgressAddressPort;
}

/**
 * The cleanup steps the user chose, in a safe order: remove the old key's lines (while the path
 * still works), delete the old key pair, write the `~/.ssh/config` entry and the PPK copy, delete
 * the safety snapshot, and revoke the temporary ingress rule last (the removal may still need port 22).
 */
export async function cleanupSteps(
  input: CleanupPlanInput,
): Promise<{ steps: RecoveryStep[]; oldKeyName?: string }> {
  const { choices, account, started, endpoint, newKey } = input;
  const steps: RecoveryStep[] = [];
  let oldKeyName: string | undefined;
  if (choices.removeOldKey || choices.deleteOldKeyPair) {
    const lookup = await findOldKey(account, started.region, started.instanceId);
    const previewedId = choices.deleteOldKeyPair ? choices.previewedKeyPairId : undefined;
    if (previewedId) await requirePreviewedKeyPair(account, started.region, lookup, previewedId);
    const oldKey = requireOldKey(lookup);
    oldKeyName = oldKey.keyName;
    if (choices.removeOldKey && newKey)
      steps.push(
        removeOldKeyStep({
          runner: await input.removalRunner(),
          targetUser: started.targetUser,
          oldKey,
          newPublicKeyLine: newKey.publicKeyLine,
        }),
      );
    if (choices.deleteOldKeyPair)
      steps.push(
        deleteOldKeyPairStep({ account, region: started.region, oldKey, previewed: Boolean(previewedId) }),
      );
  }
  if (choices.sshConfigAlias && started.newKeyPath)
    steps.push(
      sshConfigEntryStep({
        entry: {
          alias: choices.sshConfigAlias,
          hostName: endpoint.host,
          user: started.targetUser,
          ...(endpoint.port !== 22 ? { port: endpoint.port } : {}),
          identityFile: started.newKeyPath,
          comment: `Added by KeyRescue after recovery ${started.recoveryId} of ${started.instanceId}.`,
        },
        homeDir: input.homeDir,
        clock: input.clock,
      }),
    );
  if (choices.ppkCopyPath && newKey)
    steps.push(
      ppkCopyStep({
        keyFiles: input.keyFiles,
        caller: input.caller,
        path: choices.ppkCopyPath,
        privateKeyOpenSsh: newKey.privateKeyOpenSsh,
        publicKeyLine: newKey.publicKeyLine,
        ...(choices.newKeyPassphrase ? { passphrase: choices.newKeyPassphrase } : {}),
      }),
    );
  if (choices.deleteSnapshotId)
    steps.push(
      deleteSnapshotStep({
        account,
        region: started.region,
        recoveryId: started.recoveryId,
        snapshotId: choices.deleteSnapshotId,
        journaledSnapshotId: input.snapshotId,
      }),
    );
  if (choices.revokeIngress && input.ruleOpen)
    steps.push(
      ingressRevokeStep(
        ingressAddStep({
          account,
          region: started.region,
          instanceId: started.instanceId,
          egress: input.egress,
        }),
      ),
    );
  return { steps, ...(oldKeyName ? { oldKeyName } : {}) };
}

/**
 * The delete goes only to the key pair the user saw in the delete preview: when the instance's key
 * name now belongs to another key pair (re-created since) or to none, nothing is cleaned up and the
 * error says which, before any step runs (removing the old key's line would use the wrong key too).
 */
async function requirePreviewedKeyPair(
  account: ResolvedAccount,
  region: string,
  lookup: OldKeyLookup,
  previewedId: string,
): Promise<void> {
  const keyName = lookup.keyName ?? lookup.oldKey?.keyName ?? '';
  const previewed = { keyName, keyPairId: previewedId };
  if (lookup.oldKey) {
    if (lookup.oldKey.keyPairId !== previewedId)
      throw keyPairReplacedError(previewed, lookup.oldKey.keyPairId, region);
    return;
  }
  // No old key: gone with its key pair, or EC2 did not return its public key (requireOldKey says so).
  if (!(await keyPairIdStillExists(account, region, previewedId))) throw keyPairGoneError(previewed, region);
}

/** Cleanup's revoke of the temporary rule: the ingress step's own undo, journaled as a step. */
function ingressRevokeStep(ingress: RecoveryStep): RecoveryStep {
  return {
    id: 'ingress-revoke',
    ...stepDescription(stepText('ingressRevoke.does'), stepText('ingressRevoke.undo')),
    repeatable: true,
    async apply(ctx) {
      if (!ingress.revert) return stepResult(stepText('ingressRevoke.noneRecorded'));
      const revoked = await ingress.revert(ctx);
      return typeof revoked === 'string' ? { result: revoked } : revoked;
    },
  };
}
