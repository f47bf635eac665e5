import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { ResolvedAccount } from './account-types';
import { toAwsAppError } from './aws-errors';
import { createStsClient } from './client-factory';

export interface CallerIdentity {
  accountId: string;
  arn: string;
  /** `aws`, `aws-cn` or `aws-us-gov`, from the ARN. */
  partition: string;
}

/** STS GetCallerIdentity: proves the credentials work and shows whose account this is. */
export async function getCallerIdentity(account: ResolvedAccount): Promise<CallerIdentity> {
  const client = createStsClient(account, account.region);
  try {
    const result = await client.send(new GetCallerIdentityCommand({}));
    const arn = result.Arn ?? '';
    return { accountId: result.Account ?? '', arn, partition: arn.split(':')[1] || 'aws' };
  } catch (error) {
    throw toAwsAppError(error, {
      account: account.id,
      profile: account.profile,
      region: account.region,
      operation: 'GetCallerIdentity',
      service: 'sts',
    });
  } finally {
    client.destroy();
  }
}
