import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { EC2InstanceConnectClient } from '@aws-sdk/client-ec2-instance-connect';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { startSandbox, type RunningSandbox } from '../index';

/** Real SDK v3 clients pointed at the endpoint under test. */
export interface ContractTarget {
  endpoint: string;
  region: string;
  ec2: EC2Client;
  sts: STSClient;
  ssm: SSMClient;
  eic: EC2InstanceConnectClient;
  /** Clients for another region of the same account. */
  ec2In(region: string): EC2Client;
  /** The in-process sandbox when the suite started one (undefined for an external endpoint). */
  sandbox?: RunningSandbox;
  close(): Promise<void>;
}

/**
 * The endpoint the contract suite drives. `KEYRESCUE_CONTRACT_ENDPOINT` (+ `…_REGION`,
 * `…_ACCESS_KEY_ID`, `…_SECRET_ACCESS_KEY`) points it at any EC2-compatible endpoint; unset, it
 * starts an in-process sandbox (empty seed, instant speed).
 */
export async function connectContractTarget(): Promise<ContractTarget> {
  // Empty variables count as unset, so a half-configured shell never sends requests to real AWS.
  const env = (name: string) => process.env[name] || undefined;
  const external = env('KEYRESCUE_CONTRACT_ENDPOINT');
  if (external && !env('KEYRESCUE_CONTRACT_ACCESS_KEY_ID'))
    throw new Error(
      'KEYRESCUE_CONTRACT_ENDPOINT needs KEYRESCUE_CONTRACT_ACCESS_KEY_ID and …_SECRET_ACCESS_KEY.',
    );
  const sandbox = external ? undefined : await startSandbox({ seed: 'empty', speed: 'instant' });
  const endpoint = external ?? sandbox?.endpoint ?? '';
  const region = env('KEYRESCUE_CONTRACT_REGION') ?? sandbox?.region ?? 'us-east-1';
  const credentials = {
    accessKeyId: env('KEYRESCUE_CONTRACT_ACCESS_KEY_ID') ?? sandbox?.accessKeyId ?? '',
    secretAccessKey: env('KEYRESCUE_CONTRACT_SECRET_ACCESS_KEY') ?? sandbox?.secretAccessKey ?? '',
  };
  const config = (forRegion: string) => ({ endpoint, region: forRegion, credentials, maxAttempts: 4 });
  const clients = {
    ec2: new EC2Client(config(region)),
    sts: new STSClient(config(region)),
    ssm: new SSMClient(config(region)),
    eic: new EC2InstanceConnectClient(config(region)),
  };
  const extra: EC2Client[] = [];
  return {
    endpoint,
    region,
    ...clients,
    ec2In(other) {
      const client = new EC2Client(config(other));
      extra.push(client);
      return client;
    },
    sandbox,
    async close() {
      for (const client of [...Object.values(clients), ...extra]) client.destroy();
      await sandbox?.stop();
    },
  };
}

/** The AMI id of an image found by name pattern (works against AWS and the sandbox alike). */
export async function findImageId(ec2: EC2Client, namePattern: string): Promise<string> {
  const { Images } = await ec2.send(
    new DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: [namePattern] }] }),
  );
  const id = Images?.[0]?.ImageId;
  if (!id) throw new Error(`No image matches ${namePattern}`);
  return id;
}

/** Runs `fn` and returns the error it throws (fails the test when it does not throw). */
export async function errorOf(
  fn: () => Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await fn();
  } catch (error) {
    return error as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
