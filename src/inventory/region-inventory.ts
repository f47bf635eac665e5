import {
  DescribeKeyPairsCommand,
  paginateDescribeInstances,
  type EC2Client,
  type Instance,
  type Tag,
} from '@aws-sdk/client-ec2';
import type { InstanceRef, KeyPairEntry } from '../ipc/contracts/inventory';

/** A region as AWS describes it, before local keys are matched. */
export interface RawRegionInventory {
  keyPairs: Omit<KeyPairEntry, 'localMatches' | 'atRisk'>[];
  orphanInstances: (InstanceRef & { keyName: string })[];
}

/** Which request of a region failed, so the message can name the permission that is missing. */
export class RegionReadError extends Error {
  override readonly name = 'RegionReadError';
  constructor(
    readonly operation: 'DescribeKeyPairs' | 'DescribeInstances',
    override readonly cause: unknown,
  ) {
    super(`${operation} failed`);
  }
}

export interface RegionReadOptions {
  /** DescribeInstances page size (5–1000); the maximum keeps a region to as few round trips as possible. */
  pageSize?: number;
}

function tagsOf(tags: Tag[] | undefined) {
  return (tags ?? [])
    .filter((tag) => tag.Key !== undefined)
    .map((tag) => ({ key: tag.Key as string, value: tag.Value ?? '' }));
}

/** The facts the inventory and the delete preview show about an instance. */
export function instanceRef(instance: Instance): InstanceRef {
  return {
    id: instance.InstanceId ?? '',
    name: instance.Tags?.find((tag) => tag.Key === 'Name')?.Value ?? null,
    state: instance.State?.Name ?? 'unknown',
    platform: instance.PlatformDetails ?? instance.Platform ?? null,
    availabilityZone: instance.Placement?.AvailabilityZone ?? null,
    publicIp: instance.PublicIpAddress ?? null,
  };
}

/**
 * Reads one region: its key pairs (with public keys) and every instance that is not terminated,
 * grouped by the key pair its launch named. Both requests run at once; DescribeInstances is paged
 * with the SDK paginator, DescribeKeyPairs has no pages.
 */
export async function readRegion(
  client: EC2Client,
  region: string,
  options: RegionReadOptions = {},
): Promise<RawRegionInventory> {
  const keyPairsRequest = client
    .send(new DescribeKeyPairsCommand({ IncludePublicKey: true }))
    .catch((error: unknown) => {
      throw new RegionReadError('DescribeKeyPairs', error);
    });
  const instancesRequest = (async () => {
    const instances: Instance[] = [];
    for await (const page of paginateDescribeInstances({ client, pageSize: options.pageSize ?? 1000 }, {})) {
      for (const reservation of page.Reservations ?? []) instances.push(...(reservation.Instances ?? []));
    }
    return instances;
  })().catch((error: unknown) => {
    throw new RegionReadError('DescribeInstances', error);
  });
  const [keyPairsResult, instances] = await Promise.all([keyPairsRequest, instancesRequest]);

  const byKeyName = new Map<string, InstanceRef[]>();
  for (const instance of instances) {
    // Terminated instances cannot be recovered and vanish within the hour: they do not count as use.
    if (!instance.KeyName || instance.State?.Name === 'terminated') continue;
    const list = byKeyName.get(instance.KeyName) ?? [];
    list.push(instanceRef(instance));
    byKeyName.set(instance.KeyName, list);
  }

  const keyPairs = (keyPairsResult.KeyPairs ?? []).map((keyPair) => {
    const name = keyPair.KeyName ?? '';
    const users = byKeyName.get(name) ?? [];
    byKeyName.delete(name);
    return {
      region,
      name,
      id: keyPair.KeyPairId ?? '',
      type: keyPair.KeyType ?? 'rsa',
      fingerprint: keyPair.KeyFingerprint ?? '',
      createTime: keyPair.CreateTime ? keyPair.CreateTime.toISOString() : null,
      tags: tagsOf(keyPair.Tags),
      publicKey: keyPair.PublicKey?.trim() || null,
      instances: users.sort((a, b) => a.id.localeCompare(b.id)),
    };
  });
  keyPairs.sort((a, b) => a.name.localeCompare(b.name));

  const orphanInstances = [...byKeyName.entries()].flatMap(([keyName, refs]) =>
    refs.map((ref) => ({ ...ref, keyName })),
  );
  return { keyPairs, orphanInstances };
}
