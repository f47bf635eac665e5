import { DescribeInstancesCommand, DescribeKeyPairsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { ResolvedAccount } from '../../aws/account-types';
import { withEc2Client } from '../../aws/with-aws-client';
import { AppError } from '../../ipc/app-error';
import { computeFingerprints, parsePublicKey } from '../../keys';
import { cleanupErrorCodes } from './cleanup-errors';

/** The instance's old key pair as EC2 holds it today: what the cleanup removes and deletes. */
export interface OldKey {
  keyName: string;
  /** Deletion goes by id, so a key pair re-created under the name meanwhile is never the one removed. */
  keyPairId: string;
  /** `type base64 comment`: what removeKeyScript matches (by its base64 field) in authorized_keys. */
  publicKeyLine: string;
  /** `SHA256:…`, to show and to compare with the new key. */
  fingerprint: string;
  /** When EC2 created (or imported) the key pair, ISO 8601, when it says. */
  createTime?: string;
}

/**
 * What the cleanup can know of the old key. `oldKey` is null when there is nothing to remove:
 * the instance was launched without a key pair, the key pair was deleted since (EC2 keeps only the
 * name on the instance, and the public key is gone with the key pair), or the endpoint returned no
 * public key; `whyNone` says which, in one English sentence the UI and the report show.
 *
 * The instance's KeyName is launch-time metadata, so a key pair re-created under the same name holds
 * a key the instance never received; removing its blob then finds no line and changes nothing.
 */
export interface OldKeyLookup {
  instanceId: string;
  /** The KeyName the instance was launched with, or null. */
  keyName: string | null;
  oldKey: OldKey | null;
  whyNone?: string;
}

async function instanceKeyName(ec2: EC2Client, region: string, instanceId: string): Promise<string | null> {
  const notFound = () =>
    new AppError(cleanupErrorCodes.instanceNotFound, `Instance ${instanceId} was not found in ${region}.`, {
      instanceId,
      region,
    });
  const described = await ec2
    .send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }))
    .catch((error: unknown) => {
      if ((error as { name?: string }).name === 'InvalidInstanceID.NotFound') throw notFound();
      throw error;
    });
  const instance = described.Reservations?.flatMap((r) => r.Instances ?? []).find(
    (i) => i.InstanceId === instanceId,
  );
  if (!instance) throw notFound();
  return instance.KeyName || null;
}

/** The key pair named `keyName` with its public key, or why there is none. */
export async function describeOldKey(
  ec2: EC2Client,
  keyName: string,
): Promise<{ oldKey: OldKey } | { oldKey: null; whyNone: string }> {
  const gone = {
    oldKey: null,
    whyNone: `The key pair ${keyName} no longer exists in EC2, so its public key is unknown and its line cannot be removed from authorized_keys.`,
  };
  let result;
  try {
    result = await ec2.send(new DescribeKeyPairsCommand({ KeyNames: [keyName], IncludePublicKey: true }));
  } catch (error) {
    if ((error as { name?: string }).name === 'InvalidKeyPair.NotFound') return gone;
    throw error;
  }
  // Matched again here so an endpoint that ignores the name filter cannot hand over a stranger.
  const pair = result.KeyPairs?.find((candidate) => candidate.KeyName === keyName);
  if (!pair?.KeyPairId) return gone;
  if (!pair.PublicKey)
    return {
      oldKey: null,
      whyNone: `EC2 did not return the public key of key pair ${keyName}, so its line cannot be found in authorized_keys.`,
    };
  const publicKey = parsePublicKey(pair.PublicKey, `the public key of key pair ${keyName}`);
  const blob = publicKey.blob.toString('base64');
  return {
    oldKey: {
      keyName,
      keyPairId: pair.KeyPairId,
      // EC2 appends the key name as the comment; only the type and data matter to the removal.
      publicKeyLine: `${publicKey.sshType} ${blob}`,
      fingerprint: computeFingerprints(publicKey).sha256,
      ...(pair.CreateTime ? { createTime: pair.CreateTime.toISOString() } : {}),
    },
  };
}

/** The old key of an instance: its launch KeyName, then that key pair's public key (read-only). */
export function findOldKey(
  account: ResolvedAccount,
  region: string,
  instanceId: string,
): Promise<OldKeyLookup> {
  return withEc2Client(account, region, 'DescribeKeyPairs', async (ec2) => {
    const keyName = await instanceKeyName(ec2, region, instanceId);
    if (!keyName)
      return {
        instanceId,
        keyName: null,
        oldKey: null,
        whyNone: `Instance ${instanceId} was launched without a key pair; there is no old key to remove.`,
      };
    return { instanceId, keyName, ...(await describeOldKey(ec2, keyName)) };
  });
}

/** The lookup's key, or `cleanup.oldKeyUnknown` saying why removal is impossible. */
export function requireOldKey(lookup: OldKeyLookup): OldKey {
  if (lookup.oldKey) return lookup.oldKey;
  throw new AppError(cleanupErrorCodes.oldKeyUnknown, lookup.whyNone ?? 'The old key is unknown.', {
    instanceId: lookup.instanceId,
    ...(lookup.keyName ? { keyName: lookup.keyName } : {}),
  });
}
