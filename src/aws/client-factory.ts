import { EC2Client, type EC2ClientConfig } from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';
import type { ResolvedAccount } from './account-types';

/** Retries cover throttling and brief 5xx; past this a region reports its error in place. */
export const defaultMaxAttempts = 6;

export interface ClientOptions {
  maxAttempts?: number;
}

export interface Ec2ClientOptions extends ClientOptions {
  /** A subclass of the SDK's EC2 protocol, for a reader that needs less than the full output. */
  protocol?: EC2ClientConfig['protocol'];
}

/**
 * Builds the real SDK clients for an account and region, with the account's endpoint override.
 * Every AWS call in KeyRescue goes through here, which is how tests and the practice account point
 * the same code at the sandbox.
 */
export function createEc2Client(
  account: ResolvedAccount,
  region: string,
  options: Ec2ClientOptions = {},
): EC2Client {
  return new EC2Client({
    region,
    credentials: account.credentials,
    maxAttempts: options.maxAttempts ?? defaultMaxAttempts,
    ...(account.endpoint ? { endpoint: account.endpoint } : {}),
    ...(options.protocol ? { protocol: options.protocol } : {}),
  });
}

export function createStsClient(
  account: ResolvedAccount,
  region: string,
  options: ClientOptions = {},
): STSClient {
  return new STSClient({
    region,
    credentials: account.credentials,
    maxAttempts: options.maxAttempts ?? defaultMaxAttempts,
    ...(account.endpoint ? { endpoint: account.endpoint } : {}),
  });
}

/** One EC2 client per region for an account, reused across calls and destroyed together. */
export class Ec2ClientPool {
  private readonly clients = new Map<string, EC2Client>();

  constructor(
    private readonly account: ResolvedAccount,
    private readonly options: Ec2ClientOptions = {},
  ) {}

  get(region: string): EC2Client {
    let client = this.clients.get(region);
    if (!client) {
      client = createEc2Client(this.account, region, this.options);
      this.clients.set(region, client);
    }
    return client;
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
