import { DescribeInstanceAttributeCommand, type InstanceAttribute } from '@aws-sdk/client-ec2';
import type { Finding } from '../../../ipc/contracts/recovery';
import { awsCall, failureFinding, type CheckContext, type PreflightCheck } from '../check-runner';
import { finding } from '../finding-texts';
import type { PreflightFacts } from '../preflight-facts';

async function attribute(
  ctx: CheckContext,
  name: 'disableApiStop' | 'disableApiTermination' | 'instanceInitiatedShutdownBehavior',
): Promise<InstanceAttribute> {
  return awsCall('DescribeInstanceAttribute', () =>
    ctx.clients.ec2.send(
      new DescribeInstanceAttributeCommand({ InstanceId: ctx.request.instanceId, Attribute: name }),
    ),
  );
}

/** Runs one attribute read; a denied or failed read leaves that subject `unknown`, not the check. */
async function isolated(
  id: string,
  read: () => Promise<{ finding: Finding; facts: Partial<PreflightFacts> }>,
): Promise<{ finding: Finding; facts: Partial<PreflightFacts> }> {
  try {
    return await read();
  } catch (error) {
    return { finding: failureFinding(id, error), facts: {} };
  }
}

/** DescribeInstanceAttribute: stop protection, termination protection, shutdown behaviour. */
export const attributesCheck: PreflightCheck = {
  id: 'attributes',
  async run(ctx) {
    if (!ctx.facts.instance) return { findings: [], facts: {} };
    const parts = await Promise.all([
      isolated('instance.stopProtection', async () => {
        const on = (await attribute(ctx, 'disableApiStop')).DisableApiStop?.Value === true;
        return {
          finding: on
            ? finding('instance.stopProtection', 'warning', 'stopProtectionOn')
            : finding('instance.stopProtection', 'ok', 'stopProtectionOff'),
          facts: { stopProtection: on },
        };
      }),
      isolated('instance.terminationProtection', async () => {
        const on = (await attribute(ctx, 'disableApiTermination')).DisableApiTermination?.Value === true;
        return {
          finding: on
            ? finding('instance.terminationProtection', 'ok', 'terminationProtectionOn')
            : finding('instance.terminationProtection', 'ok', 'terminationProtectionOff'),
          facts: { terminationProtection: on },
        };
      }),
      isolated('instance.shutdownBehavior', async () => {
        const value = (await attribute(ctx, 'instanceInitiatedShutdownBehavior'))
          .InstanceInitiatedShutdownBehavior?.Value;
        const terminate = value === 'terminate';
        return {
          finding: terminate
            ? finding('instance.shutdownBehavior', 'warning', 'shutdownBehaviorTerminate')
            : finding('instance.shutdownBehavior', 'ok', 'shutdownBehaviorStop'),
          facts: { shutdownBehavior: terminate ? 'terminate' : 'stop' },
        };
      }),
    ]);
    return {
      findings: parts.map((part) => part.finding),
      facts: Object.assign({}, ...parts.map((part) => part.facts)) as Partial<PreflightFacts>,
    };
  },
};
