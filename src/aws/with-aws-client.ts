import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ResolvedAccount } from './account-types';
import { toAwsAppError } from './aws-errors';
import { createAwsClient, type AwsClient, type AwsClientKind, type ClientOptions } from './client-factory';

/**
 * Runs one operation with a fresh client of `kind` for `region`, turning SDK failures into AppErrors
 * that name the account, region, service and operation, and destroying the client afterwards.
 */
export async function withAwsClient<K extends AwsClientKind, T>(
  kind: K,
  account: ResolvedAccount,
  region: string,
  operation: string,
  run: (client: AwsClient<K>) => Promise<T>,
  options: ClientOptions = {},
): Promise<T> {
  const client = createAwsClient(kind, account, region, options);
  try {
    return await run(client);
  } catch (error) {
    throw toAwsAppError(error, {
      account: account.id,
      profile: account.profile,
      region,
      operation,
      service: kind,
    });
  } finally {
    client.destroy();
  }
}

/** `withAwsClient` for EC2, the service most calls go to. */
export function withEc2Client<T>(
  account: ResolvedAccount,
  region: string,
  operation: string,
  run: (client: EC2Client) => Promise<T>,
): Promise<T> {
  return withAwsClient('ec2', account, region, operation, run);
}
