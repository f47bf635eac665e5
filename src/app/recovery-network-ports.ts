import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import type { ResolvedAccount } from '../aws/account-types';
import { withEc2Client } from '../aws/with-aws-client';
import { awsCheckIpUrl, httpEgressAddress, type HttpEgressAddress } from '../recovery/network/egress-address';
import type { SshAddress, SshEndpointLookup } from '../recovery/paths/ssh-target';

/**
 * The account-specific network facts the recovery engine asks through ports: where an instance's
 * SSH is served, and what this computer's public address is. The practice account answers both
 * itself (its sshd per instance on loopback, its `GET /checkip`); real AWS accounts use the
 * instance's own addresses and AWS's checkip service.
 */

/**
 * The sandbox's tag naming each running instance's loopback SSH endpoint. Spelled here rather than
 * imported so loading the recovery ports does not load the sandbox; a test checks they agree.
 */
export const practiceSshEndpointTag = 'keyrescue:ssh-endpoint';

/**
 * Only loopback: the tag is the practice account's own convention, so it may never send SSH (and
 * the keys it carries) anywhere but this computer.
 */
function loopbackEndpoint(value: string | undefined): SshAddress | null {
  const match = /^127\.0\.0\.1:(\d{1,5})$/.exec(value ?? '');
  const port = Number(match?.[1]);
  return match && port >= 1 && port <= 65535 ? { host: '127.0.0.1', port } : null;
}

/** The practice account's lookup: the instance's `keyrescue:ssh-endpoint` tag from DescribeInstances. */
export function practiceSshEndpointLookup(account: ResolvedAccount): SshEndpointLookup {
  return {
    endpointOf: (instanceId, region) =>
      withEc2Client(account, region, 'DescribeInstances', async (ec2) => {
        const { Reservations } = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
        const tags = Reservations?.[0]?.Instances?.[0]?.Tags ?? [];
        return loopbackEndpoint(tags.find((tag) => tag.Key === practiceSshEndpointTag)?.Value);
      }),
  };
}

/** An endpoint on this computer (`keyrescue sandbox`, LocalStack): not AWS. */
function loopbackApi(endpoint: string | undefined): boolean {
  try {
    return endpoint !== undefined && ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

/**
 * The lookup an account has: the practice account's, and an endpoint account's on this computer
 * (`keyrescue sandbox`, whose instances' SSH ports move with each start); none for real AWS. The
 * tag only ever leads to loopback, so no key goes elsewhere because of it.
 */
export function sshEndpointLookupFor(account: ResolvedAccount): SshEndpointLookup | undefined {
  return account.mode === 'sandbox' || loopbackApi(account.endpoint)
    ? practiceSshEndpointLookup(account)
    : undefined;
}

/** Where this computer's public address comes from for an account. */
export function egressAddressFor(account: ResolvedAccount): HttpEgressAddress {
  if (account.mode === 'sandbox' && account.endpoint)
    return httpEgressAddress(new URL('/checkip', account.endpoint).href);
  return httpEgressAddress(awsCheckIpUrl);
}
