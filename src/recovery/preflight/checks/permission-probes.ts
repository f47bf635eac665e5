import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSnapshotCommand,
  DetachVolumeCommand,
  ModifyInstanceAttributeCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import type { Finding } from '../../../ipc/contracts/recovery';
import { addressFamily } from '../address-match';
import type { PreflightCheck } from '../check-runner';
import { finding } from '../finding-texts';
import {
  probedActions,
  untestableActions,
  type InstanceFacts,
  type PermissionState,
  type ProbedAction,
} from '../preflight-facts';

/** The /32 (or /128) the temporary rule would add; a documentation address when ours is unknown. */
function probeCidr(address: string | null): { ipv4?: string; ipv6?: string } {
  if (address && addressFamily(address) === 6) return { ipv6: `${address}/128` };
  return { ipv4: `${address && addressFamily(address) === 4 ? address : '192.0.2.1'}/32` };
}

/**
 * The DryRun request for each action, or null when the instance lacks what it needs (no security
 * group, no root volume). DryRun never changes anything.
 */
function probeCommand(action: ProbedAction, id: string, instance: InstanceFacts, address: string | null) {
  switch (action) {
    case 'StopInstances':
      return new StopInstancesCommand({ InstanceIds: [id], DryRun: true });
    case 'StartInstances':
      return new StartInstancesCommand({ InstanceIds: [id], DryRun: true });
    case 'ModifyInstanceAttribute':
      return new ModifyInstanceAttributeCommand({
        InstanceId: id,
        DisableApiStop: { Value: false },
        DryRun: true,
      });
    case 'CreateSnapshot':
      return instance.rootVolumeId
        ? new CreateSnapshotCommand({ VolumeId: instance.rootVolumeId, DryRun: true })
        : null;
    case 'DetachVolume':
      return instance.rootVolumeId
        ? new DetachVolumeCommand({ VolumeId: instance.rootVolumeId, InstanceId: id, DryRun: true })
        : null;
    case 'AuthorizeSecurityGroupIngress': {
      const groupId = instance.securityGroupIds[0];
      if (!groupId) return null;
      const cidr = probeCidr(address);
      return new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 22,
            ToPort: 22,
            ...(cidr.ipv4
              ? { IpRanges: [{ CidrIp: cidr.ipv4 }] }
              : { Ipv6Ranges: [{ CidrIpv6: cidr.ipv6 }] }),
          },
        ],
        DryRun: true,
      });
    }
  }
}

/** DryRunOperation = allowed, UnauthorizedOperation = denied, anything else = unknown with its name. */
async function probe(
  ec2: EC2Client,
  command: ReturnType<typeof probeCommand>,
): Promise<{ state: PermissionState; awsCode: string }> {
  if (!command) return { state: 'unknown', awsCode: 'NoResourceToProbe' };
  try {
    await ec2.send(command as Parameters<EC2Client['send']>[0]);
    return { state: 'unknown', awsCode: 'NoDryRunAnswer' };
  } catch (error) {
    const name = ((error as { name?: string } | null)?.name ?? 'Error').slice(0, 100);
    if (name === 'DryRunOperation') return { state: 'allowed', awsCode: name };
    if (name === 'UnauthorizedOperation') return { state: 'denied', awsCode: name };
    return { state: 'unknown', awsCode: name };
  }
}

function probeFinding(action: string, state: PermissionState, awsCode: string): Finding {
  const id = `permission.${action}`;
  if (state === 'allowed') return finding(id, 'ok', 'permissionAllowed', { action });
  if (state === 'denied') return finding(id, 'warning', 'permissionDenied', { action });
  return finding(id, 'unknown', 'permissionUnknown', { action, awsCode });
}

/** DryRun for every EC2 call the candidate paths need; SSM and Instance Connect have none. */
export const permissionProbes: PreflightCheck = {
  id: 'permissions',
  async run(ctx) {
    const instance = ctx.facts.instance;
    if (!instance) return { findings: [], facts: {} };
    const results = await Promise.all(
      probedActions.map(async (action) => ({
        action,
        ...(await probe(
          ctx.clients.ec2,
          probeCommand(action, ctx.request.instanceId, instance, ctx.request.egressAddress),
        )),
      })),
    );
    const permissions = Object.fromEntries(results.map((result) => [result.action, result.state])) as Record<
      ProbedAction,
      PermissionState
    >;
    return {
      findings: [
        ...results.map((result) => probeFinding(result.action, result.state, result.awsCode)),
        ...untestableActions.map((action) =>
          finding(`permission.${action}`, 'unknown', 'permissionUntestable', { action }),
        ),
      ],
      facts: { permissions },
    };
  },
};
