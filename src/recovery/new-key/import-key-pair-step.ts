import { DescribeKeyPairsCommand, type KeyPairInfo } from '@aws-sdk/client-ec2';
import type { ResolvedAccount } from '../../aws/account-types';
import { withEc2Client } from '../../aws/with-aws-client';
import { AppError } from '../../ipc/app-error';
import { operationErrorCodes } from '../../ipc/operations/operation-errors';
import { computeFingerprints, parsePublicKey, type PublicKey } from '../../keys';
import { describeNameProblem, nameProblem } from '../../keypairs/key-pair-names';
import { KeyPairService } from '../../keypairs/key-pair-service';
import { keyPairErrorCodes } from '../../keypairs/keypair-errors';
import type { RecoveryStep, StepContext, StepOutcome } from '../engine/recovery-step';
import { stepDescription, stepPhrase, stepResult, stepText } from '../journal/step-texts';
import { newKeyErrorCodes } from './new-key-errors';

/**
 * The optional `import-key-pair` step: ImportKeyPair the new public key (never the private one) so
 * future launches can name it. It changes nothing on this instance: the KeyName EC2 shows for an
 * instance is launch-time metadata it never updates, so the console keeps showing the old name
 * here — the result says so, because users expect "change key pair" and are confused otherwise.
 * Fact: `keyPairId`.
 */
export interface ImportKeyPairStepInput {
  account: ResolvedAccount;
  region: string;
  /** The key pair name to import as (validated by the keypairs service: 1–255 ASCII, unused). */
  name: string;
  /** The new key's OpenSSH public line (PreparedNewKey.publicKeyLine). */
  publicKeyLine: string;
  /** The instance's launch KeyName, named in the explanation; absent when it had none. */
  instanceKeyName?: string;
  instanceId: string;
  /** The keypairs service that imports (tags, type checks); a fresh one by default. */
  keyPairs?: Pick<KeyPairService, 'importPublicKey'>;
}

export const importKeyPairStepId = 'import-key-pair';

/** The tag naming the recovery that imported a key pair (the ingress rules carry the same key). */
const recoveryTagKey = 'keyrescue:recovery';

function stopIfCancelled(ctx: StepContext): void {
  if (ctx.signal.aborted)
    throw new AppError(
      operationErrorCodes.cancelled,
      'Cancelled before importing the key pair; nothing was changed.',
    );
}

/** Whether EC2's key pair holds this public key: by its public key, else by the imported fingerprint. */
function holds(pair: KeyPairInfo, key: PublicKey): boolean {
  if (pair.PublicKey) {
    try {
      return parsePublicKey(pair.PublicKey).blob.equals(key.blob);
    } catch {
      return false;
    }
  }
  // Endpoints without IncludePublicKey: EC2's fingerprint of an imported key (Ed25519 may be padded).
  const unpadded = (text: string) => text.replace(/=+$/, '');
  return unpadded(pair.KeyFingerprint ?? '') === unpadded(computeFingerprints(key).awsImported);
}

export function importKeyPairStep(input: ImportKeyPairStepInput): RecoveryStep {
  const { account, region, name } = input;
  // Refused before the recovery starts, not after the key is on the instance.
  const problem = nameProblem(name);
  if (problem)
    throw new AppError(keyPairErrorCodes.nameInvalid, describeNameProblem(problem), {
      name: name.slice(0, 255),
      problem,
    });
  const publicKey = parsePublicKey(input.publicKeyLine, 'The new public key');
  const keyPairs = input.keyPairs ?? new KeyPairService();
  const oldName = input.instanceKeyName
    ? stepPhrase('importKeyPair.oldName', { name: input.instanceKeyName })
    : stepPhrase('importKeyPair.noOldName');

  const outcome = (keyPairId: string, imported: boolean): StepOutcome => ({
    ...stepResult(
      stepText(imported ? 'importKeyPair.imported' : 'importKeyPair.found', {
        name,
        keyPairId,
        region,
        oldName,
        instanceId: input.instanceId,
      }),
    ),
    facts: { keyPairId },
  });

  /** The key pair of that name: ours (its id), absent, or a clear error when it holds another key. */
  const existing = (): Promise<string | undefined> =>
    withEc2Client(account, region, 'DescribeKeyPairs', async (ec2) => {
      let pairs: KeyPairInfo[];
      try {
        const result = await ec2.send(
          new DescribeKeyPairsCommand({ KeyNames: [name], IncludePublicKey: true }),
        );
        pairs = result.KeyPairs ?? [];
      } catch (error) {
        if ((error as { name?: string }).name === 'InvalidKeyPair.NotFound') return undefined;
        throw error;
      }
      const pair = pairs.find((candidate) => candidate.KeyName === name);
      if (!pair) return undefined;
      if (holds(pair, publicKey)) return pair.KeyPairId ?? '';
      throw new AppError(
        newKeyErrorCodes.keyPairNameHoldsOtherKey,
        `A key pair named ${name} already exists in ${region} and holds another public key${pair.KeyFingerprint ? ` (fingerprint ${pair.KeyFingerprint})` : ''}. Choose another name for the new key, or delete that key pair first; nothing was imported.`,
        { name, region },
      );
    });

  return {
    id: importKeyPairStepId,
    ...stepDescription(
      stepText('importKeyPair.does', { region, name }),
      stepText('importKeyPair.undo', { name, region }),
    ),
    // apply looks for the key pair first: a repeat after a crash finds it instead of failing.
    repeatable: true,

    async apply(ctx) {
      stopIfCancelled(ctx);
      const found = await existing();
      if (found !== undefined) return outcome(found, false);
      stopIfCancelled(ctx);
      const ref = await keyPairs.importPublicKey(account, {
        region,
        name,
        source: { kind: 'text', text: input.publicKeyLine },
        tags: [{ key: recoveryTagKey, value: ctx.recoveryId }],
      });
      return outcome(ref.id, true);
    },

    async check() {
      const found = await existing();
      return found === undefined ? { state: 'notDone' } : { state: 'done', outcome: outcome(found, false) };
    },
  };
}
