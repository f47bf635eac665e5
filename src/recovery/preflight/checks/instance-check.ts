import { DescribeAddressesCommand, DescribeInstancesCommand, type Instance } from '@aws-sdk/client-ec2';
import type { Finding } from '../../../ipc/contracts/recovery';
import {
  awsCall,
  CheckCallError,
  failureFinding,
  type CheckContext,
  type PreflightCheck,
} from '../check-runner';
import { finding } from '../finding-texts';
import type { InstanceFacts } from '../preflight-facts';
import { stopImpact } from './stop-impact';

const autoScalingTag = 'aws:autoscaling:groupName';

/** The instance as preflight needs it, from DescribeInstances. */
export function instanceFactsOf(instance: Instance): InstanceFacts {
  const root = instance.RootDeviceName ?? null;
  const rootMapping = (instance.BlockDeviceMappings ?? []).find((mapping) => mapping.DeviceName === root);
  const state = instance.State?.Name ?? 'unknown';
  return {
    state,
    // The wire value is lower-case `windows`; PlatformDetails says "Windows…" too.
    platform:
      String(instance.Platform ?? '').toLowerCase() === 'windows' ||
      /^windows/i.test(instance.PlatformDetails ?? '')
        ? 'windows'
        : 'linux',
    platformDetails: instance.PlatformDetails ?? 'Linux/UNIX',
    rootDeviceType: instance.RootDeviceType === 'instance-store' ? 'instance-store' : 'ebs',
    rootDeviceName: root,
    rootVolumeId: rootMapping?.Ebs?.VolumeId ?? null,
    availabilityZone: instance.Placement?.AvailabilityZone ?? null,
    subnetId: instance.SubnetId ?? null,
    vpcId: instance.VpcId ?? null,
    lifecycle: instance.InstanceLifecycle ?? 'normal',
    autoScalingGroup: instance.Tags?.find((tag) => tag.Key === autoScalingTag)?.Value ?? null,
    hibernated: state === 'stopped' && instance.StateReason?.Code === 'Client.UserInitiatedHibernate',
    publicIp: instance.PublicIpAddress || null,
    publicDns: instance.PublicDnsName || null,
    privateIp: instance.PrivateIpAddress || null,
    ipv6Addresses: (instance.NetworkInterfaces ?? []).flatMap((eni) =>
      (eni.Ipv6Addresses ?? []).map((address) => address.Ipv6Address ?? '').filter(Boolean),
    ),
    imdsEnabled: instance.MetadataOptions?.HttpEndpoint !== 'disabled',
    imdsTokens: instance.MetadataOptions?.HttpTokens ?? null,
    keyName: instance.KeyName ?? null,
    imageId: instance.ImageId ?? null,
    hasInstanceProfile: Boolean(instance.IamInstanceProfile?.Arn),
    securityGroupIds: (instance.SecurityGroups ?? []).map((group) => group.GroupId ?? '').filter(Boolean),
    managedBy: instance.Operator?.Managed ? (instance.Operator.Principal ?? 'an AWS service') : null,
    instanceType: instance.InstanceType ?? null,
    spotRequestId: instance.SpotInstanceRequestId ?? null,
    marketplaceCodes: (instance.ProductCodes ?? [])
      .filter((code) => code.ProductCodeType === 'marketplace' && code.ProductCodeId)
      .map((code) => code.ProductCodeId ?? ''),
    // Root first: DescribeVolumes answers in the order asked.
    ebsVolumeIds: [
      ...(rootMapping?.Ebs?.VolumeId ? [rootMapping.Ebs.VolumeId] : []),
      ...(instance.BlockDeviceMappings ?? [])
        .filter((mapping) => mapping !== rootMapping)
        .map((mapping) => mapping.Ebs?.VolumeId ?? '')
        .filter(Boolean),
    ],
  };
}

function stateFinding(facts: InstanceFacts): Finding {
  const id = 'instance.state';
  if (facts.state === 'running') return finding(id, 'ok', 'instanceRunning');
  if (facts.state === 'stopped') return finding(id, 'warning', 'instanceStopped');
  if (facts.state === 'terminated' || facts.state === 'shutting-down')
    return finding(id, 'blocker', 'instanceGone', { state: facts.state });
  return finding(id, 'warning', 'instanceTransitional', { state: facts.state });
}

/** Everything DescribeInstances alone tells, one finding per subject. */
export function instanceFindings(facts: InstanceFacts, instanceId: string): Finding[] {
  const findings: Finding[] = [stateFinding(facts)];
  findings.push(
    facts.platform === 'windows'
      ? finding('instance.platform', 'blocker', 'platformWindows')
      : finding('instance.platform', 'ok', 'platformLinux', { platformDetails: facts.platformDetails }),
  );
  if (facts.managedBy)
    findings.push(
      finding('instance.operator', 'blocker', 'managedByService', { principal: facts.managedBy }),
    );
  findings.push(
    facts.rootDeviceType === 'ebs'
      ? finding('instance.rootDevice', 'ok', 'rootEbs', { device: facts.rootDeviceName ?? '' })
      : finding('instance.rootDevice', 'warning', 'rootInstanceStore'),
  );
  findings.push(
    facts.lifecycle === 'normal'
      ? finding('instance.lifecycle', 'ok', 'lifecycleOnDemand')
      : facts.lifecycle === 'spot'
        ? finding('instance.lifecycle', 'warning', 'lifecycleSpot')
        : finding('instance.lifecycle', 'warning', 'lifecycleOther', { lifecycle: facts.lifecycle }),
  );
  if (facts.hibernated) findings.push(finding('instance.hibernation', 'warning', 'instanceHibernated'));
  if (facts.marketplaceCodes.length > 0)
    findings.push(
      finding('instance.marketplace', 'warning', 'marketplaceRoot', {
        productCodes: facts.marketplaceCodes.join(', '),
      }),
    );
  findings.push(
    facts.autoScalingGroup
      ? finding('instance.autoScaling', 'warning', 'autoScalingMember', {
          group: facts.autoScalingGroup,
          instanceId,
        })
      : finding('instance.autoScaling', 'ok', 'autoScalingNone'),
  );
  findings.push(
    facts.publicIp
      ? finding('instance.addresses', 'ok', 'addressesPublic', {
          publicIp: facts.publicIp,
          privateIp: facts.privateIp ?? '',
        })
      : facts.privateIp
        ? finding('instance.addresses', 'warning', 'addressesPrivateOnly', { privateIp: facts.privateIp })
        : finding('instance.addresses', 'warning', 'addressesNone'),
  );
  findings.push(
    facts.imdsEnabled
      ? finding('instance.imds', 'ok', 'imdsEnabled', { tokens: facts.imdsTokens ?? 'optional' })
      : finding('instance.imds', 'warning', 'imdsDisabled'),
  );
  findings.push(
    facts.keyName
      ? finding('instance.keyName', 'ok', 'keyNameSet', { keyName: facts.keyName })
      : finding('instance.keyName', 'ok', 'keyNameNone'),
  );
  return findings;
}

/** Whether the public address is an Elastic IP (kept across a stop); its own call, its own failure. */
async function elasticIp(
  ctx: CheckContext,
  facts: InstanceFacts,
): Promise<{ value: boolean | null; finding: Finding }> {
  const id = 'instance.publicIp';
  try {
    const { Addresses } = await awsCall('DescribeAddresses', () =>
      ctx.clients.ec2.send(
        new DescribeAddressesCommand({
          Filters: [{ Name: 'instance-id', Values: [ctx.request.instanceId] }],
        }),
      ),
    );
    const elastic = (Addresses ?? []).some((address) => address.PublicIp === facts.publicIp);
    const publicIp = facts.publicIp ?? '';
    return {
      value: elastic,
      finding: elastic
        ? finding(id, 'ok', 'publicIpElastic', { publicIp })
        : finding(id, 'warning', 'publicIpChangesOnStop', { publicIp }),
    };
  } catch (error) {
    return { value: null, finding: failureFinding(id, error) };
  }
}

/** DescribeInstances (+ DescribeAddresses and what a stop would do): state, platform, root device, lifecycle, ASG, addresses, IMDS, key name. */
export const instanceCheck: PreflightCheck = {
  id: 'instance',
  async run(ctx) {
    const { instanceId, region } = ctx.request;
    let instance: Instance | undefined;
    try {
      const result = await awsCall('DescribeInstances', () =>
        ctx.clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] })),
      );
      instance = result.Reservations?.flatMap((reservation) => reservation.Instances ?? [])[0];
    } catch (error) {
      const notFound =
        error instanceof CheckCallError && /^InvalidInstanceID\.(NotFound|Malformed)$/.test(error.awsCode);
      if (!notFound) throw error;
    }
    if (!instance) {
      return {
        findings: [finding('instance.state', 'blocker', 'instanceNotFound', { instanceId, region })],
        facts: { instanceNotFound: true },
      };
    }
    const facts = instanceFactsOf(instance);
    const findings = instanceFindings(facts, instanceId);
    const [elastic, impact] = await Promise.all([
      facts.publicIp ? elasticIp(ctx, facts) : null,
      stopImpact(ctx, facts),
    ]);
    if (elastic) findings.push(elastic.finding);
    findings.push(...impact.findings);
    return {
      findings,
      facts: { instance: facts, elasticIp: elastic ? elastic.value : false, ...impact.facts },
    };
  },
};
