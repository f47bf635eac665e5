import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { toAwsAppError } from '../../../aws/aws-errors';
import type { PreflightCheck } from '../check-runner';
import { finding } from '../finding-texts';

/**
 * STS GetCallerIdentity needs no permission and cannot be denied: when it fails the credentials or
 * the endpoint do not work, and every other check would fail too, so the whole preflight stops.
 */
export const identityCheck: PreflightCheck = {
  id: 'identity',
  async run({ clients, account, request }) {
    try {
      const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
      return {
        findings: [
          finding('identity', 'ok', 'identityOk', {
            accountId: identity.Account ?? '',
            arn: identity.Arn ?? '',
          }),
        ],
        facts: {},
      };
    } catch (error) {
      throw toAwsAppError(error, {
        account: account.id,
        ...(account.profile ? { profile: account.profile } : {}),
        region: request.region,
        operation: 'GetCallerIdentity',
      });
    }
  },
};
