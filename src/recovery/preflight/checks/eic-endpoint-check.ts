import {
  DescribeSecurityGroupsCommand,
  paginateDescribeInstanceConnectEndpoints,
  type Ec2InstanceConnectEndpoint,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import type { Finding } from '../../../ipc/contracts/recovery';
import { cidrContains, ruleAdmitsTcpPort } from '../address-match';
import { awsCall, failureFinding, type CheckContext } from '../check-runner';
import { finding } from '../finding-texts';
import type { InstanceFacts } from '../preflight-facts';

const id = 'network.eicEndpoint';
/** Endpoint states in which OpenTunnel works (an update keeps the endpoint serving). */
const usableStates = ['create-complete', 'update-in-progress', 'update-complete'];

/**
 * Whether a group lets the endpoint reach tcp/22: a rule naming one of the endpoint's groups, or a
 * CIDR holding the instance's own private address (the endpoint's interface sits in the same VPC;
 * its exact address needs DescribeNetworkInterfaces, which the preflight does not call).
 */
function admitsEndpoint(
  groups: SecurityGroup[],
  endpoint: Ec2InstanceConnectEndpoint,
  privateIp: string,
): boolean {
  const endpointGroups = endpoint.SecurityGroupIds ?? [];
  return groups.some((group) =>
    (group.IpPermissions ?? []).some(
      (rule) =>
        ruleAdmitsTcpPort(rule.IpProtocol, rule.FromPort, rule.ToPort, 22) &&
        ((rule.UserIdGroupPairs ?? []).some((pair) => endpointGroups.includes(pair.GroupId ?? '')) ||
          (rule.IpRanges ?? []).some((range) => cidrContains(range.CidrIp ?? '', privateIp))),
    ),
  );
}

async function usableEndpoints(ctx: CheckContext, vpcId: string): Promise<Ec2InstanceConnectEndpoint[]> {
  const found: Ec2InstanceConnectEndpoint[] = [];
  await awsCall('DescribeInstanceConnectEndpoints', async () => {
    for await (const page of paginateDescribeInstanceConnectEndpoints(
      { client: ctx.clients.ec2 },
      { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] },
    ))
      found.push(
        ...(page.InstanceConnectEndpoints ?? []).filter((e) => usableStates.includes(e.State ?? '')),
      );
  });
  return found;
}

/**
 * A running instance without a public address cannot be reached from this computer: is there an
 * EC2 Instance Connect Endpoint in its VPC that can, its groups allowing tcp/22 from it? Null when
 * the question does not arise (a public address, a stopped instance, no VPC).
 */
export async function eicEndpointFinding(
  ctx: CheckContext,
  instance: InstanceFacts,
): Promise<Finding | null> {
  if (instance.publicIp || !instance.privateIp || !instance.vpcId || instance.state !== 'running')
    return null;
  const vpcId = instance.vpcId;
  try {
    const endpoints = await usableEndpoints(ctx, vpcId);
    if (endpoints.length === 0) return finding(id, 'warning', 'eicEndpointNone', { vpcId });
    const { SecurityGroups } = await awsCall('DescribeSecurityGroups', () =>
      ctx.clients.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: instance.securityGroupIds })),
    );
    const open = endpoints.filter((e) => admitsEndpoint(SecurityGroups ?? [], e, instance.privateIp ?? ''));
    const first = endpoints[0];
    if (open.length === 0)
      return finding(id, 'warning', 'eicEndpointGroupsClosed', {
        endpointId: first?.InstanceConnectEndpointId ?? '',
        vpcId,
        endpointGroups: (first?.SecurityGroupIds ?? []).join(', '),
      });
    if (open.length > 1)
      return finding(id, 'ok', 'eicEndpointSeveral', {
        vpcId,
        count: String(open.length),
        endpointIds: open.map((e) => e.InstanceConnectEndpointId ?? '').join(', '),
      });
    return finding(id, 'ok', 'eicEndpointUsable', {
      endpointId: open[0]?.InstanceConnectEndpointId ?? '',
      vpcId,
    });
  } catch (error) {
    return failureFinding(id, error);
  }
}
