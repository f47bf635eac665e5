import {
  DeleteKeyPairCommand,
  DescribeKeyPairsCommand,
  DescribeLaunchTemplateVersionsCommand,
  paginateDescribeInstances,
  paginateDescribeLaunchTemplates,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import type { ResolvedAccount } from '../aws/account-types';
import { isAccessDeniedError } from '../aws/aws-errors';
import { withEc2Client } from '../aws/with-aws-client';
import { AppError } from '../ipc/app-error';
import type { InstanceRef } from '../ipc/contracts/inventory';
import { instanceRef } from '../inventory/region-inventory';
import type { KeyPairRef } from './key-pair-service';
import { keyPairErrorCodes } from './keypair-errors';

export interface DeletePreview {
  keyPair: KeyPairRef;
  instances: InstanceRef[];
  launchTemplates: { id: string; name: string; version: number }[];
  /** False when the account may not read launch templates; the UI says it could not check them. */
  launchTemplatesReadable: boolean;
}

async function findKeyPair(client: EC2Client, region: string, name: string): Promise<KeyPairRef> {
  try {
    const result = await client.send(new DescribeKeyPairsCommand({ KeyNames: [name] }));
    const keyPair = result.KeyPairs?.find((candidate) => candidate.KeyName === name);
    if (keyPair)
      return {
        region,
        name,
        id: keyPair.KeyPairId ?? '',
        type: keyPair.KeyType ?? 'rsa',
        fingerprint: keyPair.KeyFingerprint ?? '',
      };
  } catch (error) {
    if ((error as { name?: string }).name !== 'InvalidKeyPair.NotFound') throw error;
  }
  throw new AppError(keyPairErrorCodes.notFound, `There is no key pair named ${name} in ${region}.`, {
    name,
    region,
  });
}

async function instancesNaming(client: EC2Client, name: string): Promise<InstanceRef[]> {
  const refs: InstanceRef[] = [];
  const pages = paginateDescribeInstances(
    { client, pageSize: 1000 },
    { Filters: [{ Name: 'key-name', Values: [name] }] },
  );
  for await (const page of pages) {
    for (const instance of (page.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? [])) {
      // The filter is applied again here so an endpoint that ignores filters cannot list strangers.
      if (instance.KeyName !== name || instance.State?.Name === 'terminated') continue;
      refs.push(instanceRef(instance));
    }
  }
  return refs.sort((a, b) => a.id.localeCompare(b.id));
}

/** What EC2-compatible endpoints without launch templates answer (AWS itself always has them). */
const unsupportedActionCodes = new Set(['InvalidAction', 'UnsupportedOperation', 'NotImplemented']);
function endpointLacksLaunchTemplates(error: unknown): boolean {
  return unsupportedActionCodes.has((error as { name?: string } | undefined)?.name ?? '');
}

/** Launch templates whose default or latest version names the key (new launches would fail). */
async function launchTemplatesNaming(
  client: EC2Client,
  name: string,
): Promise<DeletePreview['launchTemplates'] | undefined> {
  try {
    const found: DeletePreview['launchTemplates'] = [];
    for await (const page of paginateDescribeLaunchTemplates({ client, pageSize: 200 }, {})) {
      for (const template of page.LaunchTemplates ?? []) {
        const versions = await client.send(
          new DescribeLaunchTemplateVersionsCommand({
            LaunchTemplateId: template.LaunchTemplateId,
            Versions: ['$Default', '$Latest'],
          }),
        );
        for (const version of versions.LaunchTemplateVersions ?? []) {
          if (
            version.LaunchTemplateData?.KeyName === name &&
            !found.some(
              (entry) => entry.id === template.LaunchTemplateId && entry.version === version.VersionNumber,
            )
          ) {
            found.push({
              id: template.LaunchTemplateId ?? '',
              name: template.LaunchTemplateName ?? '',
              version: version.VersionNumber ?? 0,
            });
          }
        }
      }
    }
    return found;
  } catch (error) {
    // Only "not permitted" (or an endpoint that has no launch templates at all) means "could not
    // check"; throttling, an outage or a dropped connection fail the preview with their own error.
    if (isAccessDeniedError(error) || endpointLacksLaunchTemplates(error)) return undefined;
    throw error;
  }
}

/** What still names a key pair, for the delete confirmation. */
export function previewDelete(
  account: ResolvedAccount,
  region: string,
  name: string,
): Promise<DeletePreview> {
  return withEc2Client(account, region, 'DescribeInstances', async (client) => {
    const keyPair = await findKeyPair(client, region, name);
    const [instances, launchTemplates] = await Promise.all([
      instancesNaming(client, name),
      launchTemplatesNaming(client, name),
    ]);
    return {
      keyPair,
      instances,
      launchTemplates: launchTemplates ?? [],
      launchTemplatesReadable: launchTemplates !== undefined,
    };
  });
}

/**
 * Deletes a key pair after the user typed its name. It removes only EC2's copy of the public key:
 * instances keep it in authorized_keys, and launches naming it will fail.
 */
export function deleteKeyPair(
  account: ResolvedAccount,
  region: string,
  name: string,
  confirmName: string,
): Promise<{ deleted: true; keyPairId: string }> {
  if (confirmName !== name) {
    return Promise.reject(
      new AppError(
        keyPairErrorCodes.confirmMismatch,
        `Type the key pair's name exactly (${name}) to delete it.`,
        {
          name,
        },
      ),
    );
  }
  return withEc2Client(account, region, 'DeleteKeyPair', async (client) => {
    const keyPair = await findKeyPair(client, region, name);
    // By id, so a key pair re-created under the same name meanwhile is not the one removed.
    await client.send(new DeleteKeyPairCommand({ KeyPairId: keyPair.id }));
    return { deleted: true as const, keyPairId: keyPair.id };
  });
}

/** Whether the key pair with this id still exists (DescribeKeyPairs by id; NotFound = gone). */
async function keyPairIdExists(client: EC2Client, keyPairId: string): Promise<boolean> {
  try {
    const result = await client.send(new DescribeKeyPairsCommand({ KeyPairIds: [keyPairId] }));
    return (result.KeyPairs ?? []).some((keyPair) => keyPair.KeyPairId === keyPairId);
  } catch (error) {
    if ((error as { name?: string }).name === 'InvalidKeyPair.NotFound') return false;
    throw error;
  }
}

/**
 * Deletes one key pair by its id, the one a caller looked up earlier (the recovery's cleanup: the
 * old key pair's id when the old key was read). A name could meanwhile belong to a key pair
 * re-created under it; an id cannot. `alreadyGone` when that id no longer exists (a repeat).
 */
export function deleteKeyPairById(
  account: ResolvedAccount,
  region: string,
  keyPairId: string,
): Promise<{ alreadyGone: boolean }> {
  return withEc2Client(account, region, 'DeleteKeyPair', async (client) => {
    if (!(await keyPairIdExists(client, keyPairId))) return { alreadyGone: true };
    await client.send(new DeleteKeyPairCommand({ KeyPairId: keyPairId }));
    return { alreadyGone: false };
  });
}

/** Whether the key pair with this id still exists, for a resumed delete's check. */
export function keyPairIdStillExists(
  account: ResolvedAccount,
  region: string,
  keyPairId: string,
): Promise<boolean> {
  return withEc2Client(account, region, 'DescribeKeyPairs', (client) => keyPairIdExists(client, keyPairId));
}
