import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ResolvedAccount } from './account-types';
import { toAwsAppError } from './aws-errors';
import { Ec2ClientPool } from './client-factory';

/**
 * Runs one operation with a fresh EC2 client for `region`, turning SDK failures into AppErrors that
 * name the account, region and operation, and destroying the client afterwards.
 */
export function withEc2Client<T>(
  account: ResolvedAccount,
  region: string,
  operation: string,
  run: (client: EC2Client) => Promise<T>,
): Promise<T> {
  const pool = new Ec2ClientPool(account);
  return run(pool.get(region))
    .catch((error: unknown) => {
      throw toAwsAppError(error, { account: account.id, profile: account.profile, region, operation });
    })
    .finally(() => pool.destroy());
}
