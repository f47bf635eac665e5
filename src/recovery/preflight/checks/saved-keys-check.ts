import { DescribeKeyPairsCommand } from '@aws-sdk/client-ec2';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { awsCall, CheckCallError, type CheckContext, type PreflightCheck } from '../check-runner';
import { finding } from '../finding-texts';

/**
 * Whether a parameter exists, read WITHOUT decryption and keeping only its name: the value (a
 * private key) is never fetched here; retrieving it is the user's explicit choice elsewhere.
 */
async function parameterExists(ctx: CheckContext, name: string): Promise<boolean> {
  try {
    const { Parameter } = await awsCall('GetParameter', () =>
      ctx.clients.ssm.send(new GetParameterCommand({ Name: name, WithDecryption: false })),
    );
    return Parameter?.Name === name;
  } catch (error) {
    if (error instanceof CheckCallError && error.awsCode === 'ParameterNotFound') return false;
    throw error;
  }
}

/** `/ec2rl/openssh/<instance-id>/key`: left by an earlier AWSSupport-ResetAccess run. */
export const savedResetAccessKeyCheck: PreflightCheck = {
  id: 'savedKey.ec2rl',
  async run(ctx) {
    const parameter = `/ec2rl/openssh/${ctx.request.instanceId}/key`;
    const present = await parameterExists(ctx, parameter);
    return {
      findings: [
        present
          ? finding('savedKey.ec2rl', 'ok', 'savedEc2rlParameter', { parameter })
          : finding('savedKey.ec2rl', 'ok', 'savedEc2rlParameterAbsent'),
      ],
      facts: { savedEc2rl: present ? 'present' : 'absent' },
    };
  },
};

/** `/ec2/keypair/<KeyPairId>`: CloudFormation-created key pairs keep their private key there. */
export const savedKeyPairCheck: PreflightCheck = {
  id: 'savedKey.keyPair',
  async run(ctx) {
    const id = 'savedKey.keyPair';
    const keyName = ctx.facts.instance?.keyName;
    if (!ctx.facts.instance) return { findings: [], facts: {} };
    if (!keyName)
      return {
        findings: [finding(id, 'ok', 'savedKeyPairNoKeyName')],
        facts: { savedKeyPair: 'notApplicable' },
      };
    let keyPairId: string | undefined;
    try {
      const { KeyPairs } = await awsCall('DescribeKeyPairs', () =>
        ctx.clients.ec2.send(new DescribeKeyPairsCommand({ KeyNames: [keyName] })),
      );
      keyPairId = KeyPairs?.[0]?.KeyPairId;
    } catch (error) {
      // A deleted key pair has no id to look under.
      if (!(error instanceof CheckCallError && error.awsCode === 'InvalidKeyPair.NotFound')) throw error;
    }
    const parameter = keyPairId ? `/ec2/keypair/${keyPairId}` : '';
    const present = keyPairId ? await parameterExists(ctx, parameter) : false;
    return {
      findings: [
        present
          ? finding(id, 'ok', 'savedKeyPairParameter', { keyName, parameter })
          : finding(id, 'ok', 'savedKeyPairParameterAbsent', { keyName }),
      ],
      facts: { savedKeyPair: present ? 'present' : 'absent' },
    };
  },
};
