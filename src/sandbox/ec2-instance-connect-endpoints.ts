import {
  CreateInstanceConnectEndpoint$,
  DeleteInstanceConnectEndpoint$,
  DescribeInstanceConnectEndpoints$,
  type CreateInstanceConnectEndpointRequest,
  type CreateInstanceConnectEndpointResult,
  type DeleteInstanceConnectEndpointRequest,
  type DeleteInstanceConnectEndpointResult,
  type DescribeInstanceConnectEndpointsRequest,
  type DescribeInstanceConnectEndpointsResult,
  type Ec2InstanceConnectEndpoint,
} from '@aws-sdk/client-ec2';
import { randomBytes, randomInt } from 'node:crypto';
import { apiError } from './api-error';
import { defineAction, required, type ActionContext, type ActionDefinition } from './engine';
import { applyFilters } from './filters';
import { newResourceId } from './ids';
import type { InstanceConnectEndpointRecord, RegionState } from './model';
import { paginate } from './pagination';
import { tagsFor } from './tags';

/** States in which OpenTunnel reaches instances through the endpoint. */
export const usableEndpointStates: readonly string[] = ['create-complete'];

export function endpointsOf(rs: RegionState): InstanceConnectEndpointRecord[] {
  return (rs.instanceConnectEndpoints ??= []);
}

function findEndpoint(ctx: ActionContext, id: string): InstanceConnectEndpointRecord {
  if (!/^eice-[0-9a-f]{8,17}$/.test(id))
    throw apiError(
      'InvalidInstanceConnectEndpointId.Malformed',
      `Invalid id: "${id}" (expecting "eice-...")`,
    );
  const endpoint = endpointsOf(ctx.rs).find((candidate) => candidate.endpointId === id);
  if (!endpoint)
    throw apiError(
      'InvalidInstanceConnectEndpointId.NotFound',
      `The instanceConnectEndpoint ID '${id}' does not exist`,
    );
  return endpoint;
}

function view(ctx: ActionContext, endpoint: InstanceConnectEndpointRecord): Ec2InstanceConnectEndpoint {
  return {
    OwnerId: ctx.state.accountId,
    InstanceConnectEndpointId: endpoint.endpointId,
    InstanceConnectEndpointArn: `arn:aws:ec2:${ctx.region}:${ctx.state.accountId}:instance-connect-endpoint/${endpoint.endpointId}`,
    State: endpoint.state,
    StateMessage: '',
    DnsName: endpoint.dnsName,
    FipsDnsName: endpoint.fipsDnsName,
    NetworkInterfaceIds: [endpoint.networkInterfaceId],
    VpcId: ctx.rs.vpcId,
    AvailabilityZone: endpoint.availabilityZone,
    CreatedAt: new Date(endpoint.createdAt),
    SubnetId: endpoint.subnetId,
    PreserveClientIp: endpoint.preserveClientIp,
    SecurityGroupIds: endpoint.securityGroupIds,
    Tags: endpoint.tags,
    IpAddressType: 'ipv4',
  };
}

function addressIn(cidr: string): string {
  const [a, b, c] = cidr.split('.').map(Number);
  return `${a}.${b}.${(c ?? 0) + randomInt(0, 16)}.${randomInt(4, 251)}`;
}

const createEndpoint = defineAction<
  CreateInstanceConnectEndpointRequest,
  CreateInstanceConnectEndpointResult
>(CreateInstanceConnectEndpoint$, (ctx, input) => {
  const subnetId = required(input.SubnetId, 'SubnetId');
  const endpoints = endpointsOf(ctx.rs);
  const earlier = input.ClientToken
    ? endpoints.find((endpoint) => endpoint.clientToken === input.ClientToken)
    : undefined;
  if (earlier) return { InstanceConnectEndpoint: view(ctx, earlier), ClientToken: input.ClientToken };
  const subnet = ctx.rs.subnets.find((candidate) => candidate.subnetId === subnetId);
  if (!subnet) throw apiError('InvalidSubnetID.NotFound', `The subnet ID '${subnetId}' does not exist`);
  if (input.IpAddressType && input.IpAddressType !== 'ipv4')
    throw apiError('InvalidParameterValue', `The sandbox's subnets are IPv4 only: ${input.IpAddressType}`);
  const groupIds = [...(input.SecurityGroupIds ?? [])];
  for (const id of groupIds) {
    if (!ctx.rs.securityGroups.some((group) => group.groupId === id))
      throw apiError('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
  }
  if (groupIds.length === 0) {
    // As on EC2: without groups the endpoint gets the VPC's default security group.
    const fallback = ctx.rs.securityGroups.find((group) => group.groupName === 'default');
    if (fallback) groupIds.push(fallback.groupId);
  }
  const endpointId = newResourceId('eice');
  const hash = randomBytes(4).toString('hex');
  const endpoint: InstanceConnectEndpointRecord = {
    endpointId,
    subnetId,
    availabilityZone: subnet.availabilityZone,
    securityGroupIds: groupIds,
    preserveClientIp: input.PreserveClientIp ?? false,
    privateIpAddress: addressIn(subnet.cidr),
    networkInterfaceId: newResourceId('eni'),
    dnsName: `${endpointId}.${hash}.ec2-instance-connect-endpoint.${ctx.region}.amazonaws.com`,
    fipsDnsName: `${endpointId}.${hash}.fips.ec2-instance-connect-endpoint.${ctx.region}.amazonaws.com`,
    state: 'create-in-progress',
    stateSince: ctx.engine.clock.now(),
    createdAt: ctx.nowIso,
    clientToken: input.ClientToken,
    tags: tagsFor(input.TagSpecifications, 'instance-connect-endpoint'),
  };
  endpoints.push(endpoint);
  return { InstanceConnectEndpoint: view(ctx, endpoint), ClientToken: input.ClientToken };
});

const describeEndpoints = defineAction<
  DescribeInstanceConnectEndpointsRequest,
  DescribeInstanceConnectEndpointsResult
>(
  DescribeInstanceConnectEndpoints$,
  (ctx, input) => {
    const ids = input.InstanceConnectEndpointIds ?? [];
    for (const id of ids) findEndpoint(ctx, id);
    let endpoints = endpointsOf(ctx.rs);
    if (ids.length > 0) endpoints = endpoints.filter((endpoint) => ids.includes(endpoint.endpointId));
    endpoints = applyFilters(
      endpoints,
      input.Filters,
      {
        'instance-connect-endpoint-id': (e) => [e.endpointId],
        state: (e) => [e.state],
        'subnet-id': (e) => [e.subnetId],
        'vpc-id': () => [ctx.rs.vpcId],
      },
      (e) => e.tags,
    );
    const { page, nextToken } = paginate(endpoints, input, { min: 1, max: 50 });
    return { InstanceConnectEndpoints: page.map((endpoint) => view(ctx, endpoint)), NextToken: nextToken };
  },
  { readOnly: true },
);

const deleteEndpoint = defineAction<
  DeleteInstanceConnectEndpointRequest,
  DeleteInstanceConnectEndpointResult
>(DeleteInstanceConnectEndpoint$, (ctx, input) => {
  const endpoint = findEndpoint(ctx, required(input.InstanceConnectEndpointId, 'InstanceConnectEndpointId'));
  if (endpoint.state === 'create-in-progress')
    throw apiError(
      'IncorrectState',
      `The instance connect endpoint ${endpoint.endpointId} is in state create-in-progress and cannot be deleted.`,
    );
  if (endpoint.state === 'create-complete') {
    endpoint.state = 'delete-in-progress';
    endpoint.stateSince = ctx.engine.clock.now();
  }
  return { InstanceConnectEndpoint: view(ctx, endpoint) };
});

/** create-in-progress → create-complete and delete-in-progress → delete-complete when their time has come. */
export function advanceInstanceConnectEndpoints(
  rs: RegionState,
  nowMs: number,
  timings: { endpointCreateMs: number; endpointDeleteMs: number },
): boolean {
  let changed = false;
  for (const endpoint of rs.instanceConnectEndpoints ?? []) {
    const elapsed = nowMs - endpoint.stateSince;
    if (endpoint.state === 'create-in-progress' && elapsed >= timings.endpointCreateMs) {
      endpoint.state = 'create-complete';
    } else if (endpoint.state === 'delete-in-progress' && elapsed >= timings.endpointDeleteMs) {
      endpoint.state = 'delete-complete';
    } else continue;
    endpoint.stateSince = nowMs;
    changed = true;
  }
  return changed;
}

/** EC2 Instance Connect Endpoint actions (the OpenTunnel WebSocket is in eic-open-tunnel.ts). */
export const instanceConnectEndpointActions: Record<string, ActionDefinition> = {
  CreateInstanceConnectEndpoint: createEndpoint,
  DescribeInstanceConnectEndpoints: describeEndpoints,
  DeleteInstanceConnectEndpoint: deleteEndpoint,
};
