import {
  DescribeInstanceTypesCommand,
  DescribeSpotInstanceRequestsCommand,
  DescribeVolumesCommand,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
import type { Finding } from '../../../ipc/contracts/recovery';
import { awsCall, failureFinding, type CheckContext } from '../check-runner';
import { finding } from '../finding-texts';
import type { EncryptedVolumeFacts, InstanceFacts, PreflightFacts } from '../preflight-facts';

// What stopping the instance would do beyond the downtime (§4, §7 "stop impact summary"): a Spot
// request that cannot stop, instance store data erased, encrypted volumes that need KMS rights.
// Each read is its own: a denied call leaves only its subject unknown.

interface Part {
  findings: Finding[];
  facts: Partial<PreflightFacts>;
}

async function isolated(id: string, read: () => Promise<Part>): Promise<Part> {
  try {
    return await read();
  } catch (error) {
    return { findings: [failureFinding(id, error)], facts: {} };
  }
}

/** DescribeSpotInstanceRequests: only a persistent request's instance can be stopped. */
function spotRequest(ctx: CheckContext, facts: InstanceFacts): Promise<Part> {
  const id = 'instance.spotRequest';
  const requestId = facts.spotRequestId;
  if (facts.lifecycle !== 'spot' || !requestId) return Promise.resolve({ findings: [], facts: {} });
  return isolated(id, async () => {
    const { SpotInstanceRequests } = await awsCall('DescribeSpotInstanceRequests', () =>
      ctx.clients.ec2.send(new DescribeSpotInstanceRequestsCommand({ SpotInstanceRequestIds: [requestId] })),
    );
    const type = SpotInstanceRequests?.[0]?.Type;
    if (type === 'persistent')
      return {
        findings: [finding(id, 'warning', 'spotPersistent', { requestId })],
        facts: { spotRequestType: 'persistent' },
      };
    if (type === 'one-time')
      return {
        findings: [finding(id, 'warning', 'spotOneTime', { requestId })],
        facts: { spotRequestType: 'one-time' },
      };
    // No answer for the request (closed and aged out): unknown, never guessed either way.
    return {
      findings: [
        finding(id, 'unknown', 'checkFailed', {
          operation: 'DescribeSpotInstanceRequests',
          awsCode: 'InvalidSpotInstanceRequestID.NotFound',
        }),
      ],
      facts: {},
    };
  });
}

/** DescribeInstanceTypes: the type's instance store volumes (DescribeInstances lists only EBS ones). */
function instanceStore(ctx: CheckContext, facts: InstanceFacts): Promise<Part> {
  const id = 'instance.instanceStore';
  const instanceType = facts.instanceType;
  if (!instanceType) return Promise.resolve({ findings: [], facts: {} });
  return isolated(id, async () => {
    const { InstanceTypes } = await awsCall('DescribeInstanceTypes', () =>
      ctx.clients.ec2.send(
        new DescribeInstanceTypesCommand({ InstanceTypes: [instanceType as _InstanceType] }),
      ),
    );
    const info = InstanceTypes?.[0];
    const count = (info?.InstanceStorageInfo?.Disks ?? []).reduce((sum, disk) => sum + (disk.Count ?? 0), 0);
    const totalSizeGb = info?.InstanceStorageInfo?.TotalSizeInGB ?? 0;
    if (info?.InstanceStorageSupported && count > 0)
      return {
        findings: [
          finding(id, 'warning', 'instanceStoreData', {
            instanceType,
            count: String(count),
            sizeGb: String(totalSizeGb),
          }),
        ],
        facts: { instanceStore: { count, totalSizeGb } },
      };
    return {
      findings: [finding(id, 'ok', 'instanceStoreNone', { instanceType })],
      facts: { instanceStore: { count: 0, totalSizeGb: 0 } },
    };
  });
}

/** DescribeVolumes: which EBS volumes are encrypted, and with which KMS key. */
function volumeEncryption(ctx: CheckContext, facts: InstanceFacts): Promise<Part> {
  const id = 'instance.volumes';
  const volumeIds = facts.ebsVolumeIds;
  if (volumeIds.length === 0) return Promise.resolve({ findings: [], facts: { encryptedVolumes: [] } });
  return isolated(id, async () => {
    const { Volumes } = await awsCall('DescribeVolumes', () =>
      ctx.clients.ec2.send(new DescribeVolumesCommand({ VolumeIds: volumeIds })),
    );
    const encrypted: EncryptedVolumeFacts[] = (Volumes ?? [])
      .filter((volume) => volume.Encrypted === true && volume.VolumeId)
      .map((volume) => ({
        volumeId: volume.VolumeId ?? '',
        root: volume.VolumeId === facts.rootVolumeId,
        kmsKeyId: volume.KmsKeyId ?? null,
      }));
    if (encrypted.length === 0)
      return {
        findings: [finding(id, 'ok', 'volumesUnencrypted', { volumes: volumeIds.join(', ') })],
        facts: { encryptedVolumes: [] },
      };
    const keys = [...new Set(encrypted.map((volume) => volume.kmsKeyId ?? 'aws/ebs'))];
    return {
      findings: [
        finding(id, 'warning', 'volumesEncrypted', {
          volumes: encrypted.map((volume) => volume.volumeId).join(', '),
          keys: keys.join(', '),
        }),
      ],
      facts: { encryptedVolumes: encrypted },
    };
  });
}

/** The three reads at once; findings in a fixed order (Spot, instance store, volumes). */
export async function stopImpact(ctx: CheckContext, facts: InstanceFacts): Promise<Part> {
  const parts = await Promise.all([
    spotRequest(ctx, facts),
    instanceStore(ctx, facts),
    volumeEncryption(ctx, facts),
  ]);
  return {
    findings: parts.flatMap((part) => part.findings),
    facts: Object.assign({}, ...parts.map((part) => part.facts)) as Partial<PreflightFacts>,
  };
}
