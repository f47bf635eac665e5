import {
  DescribeInstanceConnectEndpointsCommand,
  DescribeInstancesCommand,
  paginateDescribeInstanceConnectEndpoints,
  type Ec2InstanceConnectEndpoint,
} from '@aws-sdk/client-ec2';
import type { Duplex } from 'node:stream';
import { AppError } from '../ipc/app-error';
import { describeInput } from '../ipc/user-input';
import type { ResolvedAccount } from './account-types';
import { tunnelErrorCodes } from './eic-errors';
import { OpenTunnelRefused, openTunnelStream, presignOpenTunnelUrl } from './eic-open-tunnel';
import { withEc2Client } from './with-aws-client';

/** Endpoint states in which OpenTunnel works (an update keeps the endpoint serving). */
export const usableEndpointStates: readonly string[] = [
  'create-complete',
  'update-in-progress',
  'update-complete',
];

/** Where a tunnel to one instance goes: through which endpoint, to which private address. */
export interface TunnelRoute {
  instanceId: string;
  region: string;
  vpcId: string;
  privateIpAddress: string;
  endpointId: string;
  dnsName: string;
}

function usable(endpoint: Ec2InstanceConnectEndpoint): boolean {
  return usableEndpointStates.includes(endpoint.State ?? '');
}

/**
 * Finds the route to an instance's port 22 through an Instance Connect Endpoint: the named one
 * (checked: same VPC, usable state), or the one usable endpoint in the instance's VPC. Read-only.
 */
export async function findTunnelRoute(
  account: ResolvedAccount,
  region: string,
  instanceId: string,
  endpointId?: string,
): Promise<TunnelRoute> {
  return withEc2Client(account, region, 'DescribeInstanceConnectEndpoints', async (ec2) => {
    const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    const instance = described.Reservations?.[0]?.Instances?.[0];
    const state = instance?.State?.Name ?? 'not found';
    if (!instance?.PrivateIpAddress || !instance.VpcId || state !== 'running')
      throw new AppError(
        tunnelErrorCodes.instanceNotRunning,
        `${instanceId} in ${region} is ${state}: a tunnel reaches only a running instance in a VPC.`,
        { instanceId, region, state },
      );
    const vpcId = instance.VpcId;
    let chosen: Ec2InstanceConnectEndpoint | undefined;
    if (endpointId) {
      const named = await ec2.send(
        new DescribeInstanceConnectEndpointsCommand({ InstanceConnectEndpointIds: [endpointId] }),
      );
      chosen = named.InstanceConnectEndpoints?.[0];
      if (chosen?.VpcId !== vpcId)
        throw new AppError(
          tunnelErrorCodes.endpointOtherVpc,
          `The Instance Connect Endpoint ${describeInput(endpointId)} is in ${chosen?.VpcId ?? 'no VPC'}, but ${instanceId} is in ${vpcId}. Use an endpoint in ${vpcId}.`,
          { endpointId, endpointVpcId: chosen?.VpcId ?? '', instanceId, vpcId },
        );
      if (!usable(chosen))
        throw new AppError(
          tunnelErrorCodes.endpointUnusable,
          `The Instance Connect Endpoint ${endpointId} is ${chosen.State ?? 'in no state'}; it carries tunnels only once create-complete.`,
          { endpointId, state: chosen.State ?? '' },
        );
    } else {
      const found: Ec2InstanceConnectEndpoint[] = [];
      for await (const page of paginateDescribeInstanceConnectEndpoints(
        { client: ec2 },
        { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] },
      ))
        found.push(...(page.InstanceConnectEndpoints ?? []).filter(usable));
      if (found.length === 0)
        throw new AppError(
          tunnelErrorCodes.noEndpoint,
          `No usable EC2 Instance Connect Endpoint in ${vpcId} (${region}) can reach ${instanceId}. Create one in the instance's subnet (CreateInstanceConnectEndpoint) or name one with --eic-endpoint.`,
          { instanceId, vpcId, region },
        );
      if (found.length > 1)
        throw new AppError(
          tunnelErrorCodes.severalEndpoints,
          `${found.length} usable Instance Connect Endpoints in ${vpcId}: ${found.map((e) => e.InstanceConnectEndpointId).join(', ')}. Name one with --eic-endpoint.`,
          {
            vpcId,
            count: found.length,
            endpointIds: found.map((e) => e.InstanceConnectEndpointId).join(', '),
          },
        );
      chosen = found[0];
    }
    return {
      instanceId,
      region,
      vpcId,
      privateIpAddress: instance.PrivateIpAddress,
      endpointId: chosen?.InstanceConnectEndpointId ?? '',
      dnsName: chosen?.DnsName ?? '',
    };
  });
}

/**
 * Opens one tunnel along a route: a URL presigned for 60 s with the account's credentials, the
 * WebSocket (to the endpoint override when the account has one), the TCP bytes as a stream.
 */
export async function openRouteTunnel(account: ResolvedAccount, route: TunnelRoute): Promise<Duplex> {
  const url = await presignOpenTunnelUrl(
    { endpointId: route.endpointId, dnsName: route.dnsName, privateIpAddress: route.privateIpAddress },
    { region: route.region, credentials: account.credentials },
  );
  try {
    return await openTunnelStream(url, account.endpoint ? { endpointOverride: account.endpoint } : {});
  } catch (error) {
    if (error instanceof OpenTunnelRefused)
      throw new AppError(
        tunnelErrorCodes.refused,
        `The Instance Connect Endpoint ${route.endpointId} refused the tunnel to ${route.instanceId} (HTTP ${error.status}): ${error.serviceMessage}`,
        {
          endpointId: route.endpointId,
          instanceId: route.instanceId,
          status: error.status,
          message: error.serviceMessage,
        },
      );
    throw new AppError(
      tunnelErrorCodes.unreachable,
      `The Instance Connect Endpoint ${route.endpointId} (${route.dnsName}) could not be reached: ${(error as Error).message}`,
      { endpointId: route.endpointId, dnsName: route.dnsName, reason: (error as Error).message },
    );
  }
}
