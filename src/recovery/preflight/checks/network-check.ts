import { DescribeNetworkAclsCommand, DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import type { Finding } from '../../../ipc/contracts/recovery';
import { addressFamily } from '../address-match';
import { awsCall, failureFinding, type CheckContext, type PreflightCheck } from '../check-runner';
import { finding } from '../finding-texts';
import { eicEndpointFinding } from './eic-endpoint-check';
import { evaluateNetworkAcl, evaluateSecurityGroups } from '../port22-rules';
import type { InstanceFacts, NaclState, Port22State } from '../preflight-facts';

function portFinding(state: Port22State): Finding {
  const id = 'network.sshPort';
  if (state.kind === 'open') {
    return state.address
      ? finding(id, 'ok', 'sshOpenToAddress', {
          groupId: state.groupId,
          cidr: state.cidr,
          address: state.address,
        })
      : finding(id, 'ok', 'sshOpenToAnywhere', { groupId: state.groupId, cidr: state.cidr });
  }
  if (state.kind === 'closed')
    return finding(id, 'warning', 'sshClosedToAddress', { address: state.address });
  if (state.reason === 'prefixList') return finding(id, 'unknown', 'sshPrefixListUnchecked');
  return finding(id, 'unknown', 'sshUnknownNoAddress');
}

function naclFinding(state: NaclState): Finding {
  const id = 'network.nacl';
  if (state.kind === 'allows') return finding(id, 'ok', 'naclAllows', { aclId: state.aclId });
  if (state.kind === 'unknown') return finding(id, 'unknown', 'naclUnknownNoAddress');
  return finding(id, 'warning', state.kind === 'deniesInbound' ? 'naclDeniesInbound' : 'naclDeniesReturn', {
    aclId: state.aclId,
    ruleNumber: String(state.ruleNumber),
  });
}

async function securityGroups(ctx: CheckContext, instance: InstanceFacts, address: string | null) {
  if (instance.securityGroupIds.length === 0) return evaluateSecurityGroups([], address);
  const { SecurityGroups } = await awsCall('DescribeSecurityGroups', () =>
    ctx.clients.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: instance.securityGroupIds })),
  );
  return evaluateSecurityGroups(SecurityGroups ?? [], address);
}

async function networkAcl(
  ctx: CheckContext,
  instance: InstanceFacts,
  address: string | null,
): Promise<NaclState> {
  if (!address || !instance.subnetId) return { kind: 'unknown' };
  const subnetId = instance.subnetId;
  const { NetworkAcls } = await awsCall('DescribeNetworkAcls', () =>
    ctx.clients.ec2.send(
      new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }),
    ),
  );
  return evaluateNetworkAcl(NetworkAcls?.[0], address);
}

/**
 * Security groups and the subnet's network ACL: is tcp/22 open to this computer's address? And for
 * a running instance without a public address, an Instance Connect Endpoint that reaches it.
 */
export const networkCheck: PreflightCheck = {
  id: 'network',
  async run(ctx) {
    const instance = ctx.facts.instance;
    if (!instance) return { findings: [], facts: {} };
    const given = ctx.request.egressAddress;
    const address = given && addressFamily(given) ? given : null;
    const [port, nacl, endpoint] = await Promise.all([
      securityGroups(ctx, instance, address).then(
        (state) => ({ state, finding: portFinding(state) }),
        (error: unknown) => ({
          state: { kind: 'unknown', reason: 'unreadable' } as Port22State,
          finding: failureFinding('network.sshPort', error),
        }),
      ),
      networkAcl(ctx, instance, address).then(
        (state) => ({ state, finding: naclFinding(state) }),
        (error: unknown) => ({
          state: { kind: 'unknown' } as NaclState,
          finding: failureFinding('network.nacl', error),
        }),
      ),
      eicEndpointFinding(ctx, instance),
    ]);
    return {
      findings: [port.finding, nacl.finding, ...(endpoint ? [endpoint] : [])],
      facts: { port22: port.state, nacl: nacl.state },
    };
  },
};
