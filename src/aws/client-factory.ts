import { EC2Client, type EC2ClientConfig } from '@aws-sdk/client-ec2';
import { EC2InstanceConnectClient } from '@aws-sdk/client-ec2-instance-connect';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import type { ResolvedAccount } from './account-types';

/** Retries cover throttling and brief 5xx; past this a region reports its error in place. */
export const defaultMaxAttempts = 6;

/**
 * A connection that does not open in 10 s, or a reply that takes over 2 minutes, is a network
 * problem, not a slow API: without a bound one dead socket would hold an operation forever. The
 * SDK only logs a request timeout unless told to throw (then it retries like any network error).
 */
export const clientTimeouts = {
  connectionTimeout: 10_000,
  requestTimeout: 120_000,
  throwOnRequestTimeout: true,
} as const;

/** The SDK client of each AWS service KeyRescue calls. */
const clientClasses = {
  ec2: EC2Client,
  sts: STSClient,
  ssm: SSMClient,
  'ec2-instance-connect': EC2InstanceConnectClient,
} as const;

export type AwsClientKind = keyof typeof clientClasses;
export type AwsClient<K extends AwsClientKind> = InstanceType<(typeof clientClasses)[K]>;

export interface ClientOptions {
  maxAttempts?: number;
  /** Replaces `clientTimeouts.requestTimeout` (tests of the bound). */
  requestTimeoutMs?: number;
}

export interface Ec2ClientOptions extends ClientOptions {
  /** A subclass of the SDK's EC2 protocol, for a reader that needs less than the full output. */
  protocol?: EC2ClientConfig['protocol'];
}

/** What every client of an account shares, whatever the service. */
export function awsClientConfig(account: ResolvedAccount, region: string, options: ClientOptions = {}) {
  return {
    region,
    credentials: account.credentials,
    maxAttempts: options.maxAttempts ?? defaultMaxAttempts,
    requestHandler: {
      ...clientTimeouts,
      ...(options.requestTimeoutMs ? { requestTimeout: options.requestTimeoutMs } : {}),
    },
    // One override for every service: the sandbox and LocalStack serve them all on one URL.
    ...(account.endpoint ? { endpoint: account.endpoint } : {}),
  };
}

/**
 * Builds the real SDK client of one service for an account and region: the account's credentials,
 * its endpoint override, retries and timeouts. Every AWS call in KeyRescue goes through here, which
 * is how tests and the practice account point the same code at the sandbox.
 */
export function createAwsClient<K extends AwsClientKind>(
  kind: K,
  account: ResolvedAccount,
  region: string,
  options: K extends 'ec2' ? Ec2ClientOptions : ClientOptions = {},
): AwsClient<K> {
  const config = awsClientConfig(account, region, options);
  const protocol = (options as Ec2ClientOptions).protocol;
  const Client = clientClasses[kind] as new (config: object) => AwsClient<K>;
  return new Client(kind === 'ec2' && protocol ? { ...config, protocol } : config);
}

export function createEc2Client(
  account: ResolvedAccount,
  region: string,
  options: Ec2ClientOptions = {},
): EC2Client {
  return createAwsClient('ec2', account, region, options);
}

export function createStsClient(
  account: ResolvedAccount,
  region: string,
  options: ClientOptions = {},
): STSClient {
  return createAwsClient('sts', account, region, options);
}

export function createSsmClient(
  account: ResolvedAccount,
  region: string,
  options: ClientOptions = {},
): SSMClient {
  return createAwsClient('ssm', account, region, options);
}

export function createInstanceConnectClient(
  account: ResolvedAccount,
  region: string,
  options: ClientOptions = {},
): EC2InstanceConnectClient {
  return createAwsClient('ec2-instance-connect', account, region, options);
}

/** One client of a service per region for an account, reused across calls and destroyed together. */
export class AwsClientPool<K extends AwsClientKind> {
  private readonly clients = new Map<string, AwsClient<K>>();

  constructor(
    private readonly kind: K,
    private readonly account: ResolvedAccount,
    private readonly options: K extends 'ec2' ? Ec2ClientOptions : ClientOptions = {} as never,
  ) {}

  get(region: string): AwsClient<K> {
    let client = this.clients.get(region);
    if (!client) {
      client = createAwsClient(this.kind, this.account, region, this.options);
      this.clients.set(region, client);
    }
    return client;
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}

/** The EC2 pool the inventory and key pair code use. */
export class Ec2ClientPool extends AwsClientPool<'ec2'> {
  constructor(account: ResolvedAccount, options: Ec2ClientOptions = {}) {
    super('ec2', account, options);
  }
}
