import { DescribeInstanceInformationCommand } from '@aws-sdk/client-ssm';
import { awsCall, type PreflightCheck } from '../check-runner';
import { finding } from '../finding-texts';

/** DescribeInstanceInformation (the `Filters` form, not the legacy filter list): managed, PingStatus. */
export const ssmCheck: PreflightCheck = {
  id: 'ssm',
  async run(ctx) {
    if (!ctx.facts.instance) return { findings: [], facts: {} };
    const noProfile = !ctx.facts.instance.hasInstanceProfile;
    const { InstanceInformationList } = await awsCall('DescribeInstanceInformation', () =>
      ctx.clients.ssm.send(
        new DescribeInstanceInformationCommand({
          Filters: [{ Key: 'InstanceIds', Values: [ctx.request.instanceId] }],
        }),
      ),
    );
    const info = InstanceInformationList?.find((entry) => entry.InstanceId === ctx.request.instanceId);
    if (!info) {
      return {
        findings: [finding('ssm', 'warning', noProfile ? 'ssmNotManagedNoProfile' : 'ssmNotManaged')],
        facts: { ssm: { managed: false, pingStatus: null, agentVersion: null } },
      };
    }
    const pingStatus = info.PingStatus ?? null;
    const agentVersion = info.AgentVersion ?? null;
    return {
      findings: [
        pingStatus === 'Online'
          ? finding('ssm', 'ok', 'ssmOnline', { agentVersion: agentVersion ?? '' })
          : finding('ssm', 'warning', 'ssmNotOnline', { pingStatus: pingStatus ?? '' }),
      ],
      facts: { ssm: { managed: true, pingStatus, agentVersion } },
    };
  },
};
