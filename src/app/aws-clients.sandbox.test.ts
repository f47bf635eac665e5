import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { SendSSHPublicKeyCommand, type EC2InstanceConnectClient } from '@aws-sdk/client-ec2-instance-connect';
import { GetCommandInvocationCommand, SendCommandCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedAccount } from '../aws/account-types';
import {
  createAwsClient,
  type AwsClient,
  type AwsClientKind,
  type ClientOptions,
} from '../aws/client-factory';
import { withAwsClient } from '../aws/with-aws-client';
import { isAppError } from '../ipc/app-error';
import { startSandbox, type RunningSandbox } from '../sandbox';

/**
 * The one client factory serves EC2, STS, SSM and EC2 Instance Connect with the same account,
 * region, endpoint, retries and error mapping: each kind is driven over HTTP with the real SDK
 * against the sandbox (which speaks all four protocols), success and the failures recovery meets.
 * Lives in src/app because src/aws may not import the sandbox.
 */
describe('the generic AWS client factory against the sandbox', () => {
  let sandbox: RunningSandbox;
  let account: ResolvedAccount;
  const region = 'us-east-1';
  const sshKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl throwaway';

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'demo' });
    account = {
      id: 'practice',
      label: 'Practice account',
      kind: 'practice',
      region,
      endpoint: sandbox.endpoint,
      needsMfa: false,
      credentials: async () => ({
        accessKeyId: sandbox.accessKeyId,
        secretAccessKey: sandbox.secretAccessKey,
      }),
      mode: 'sandbox',
    };
  });

  afterEach(() => sandbox.control.clearFaults());
  afterAll(() => sandbox.stop());

  function instanceId(name: string): string {
    const found = sandbox.control.state.regions[region]?.instances.find((instance) =>
      instance.tags.some((tag) => tag.Key === 'Name' && tag.Value === name),
    );
    if (!found) throw new Error(`demo instance ${name} missing`);
    return found.instanceId;
  }

  /** The AppError code a call fails with, and the details that say where. */
  async function failure<K extends AwsClientKind>(
    kind: K,
    operation: string,
    run: (client: AwsClient<K>) => Promise<unknown>,
    target: ResolvedAccount = account,
    options: ClientOptions = {},
  ) {
    try {
      await withAwsClient(kind, target, region, operation, run, options);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return { code: error.code, message: error.message, details: error.details };
    }
    throw new Error(`${operation} did not fail`);
  }

  it('gives every kind the account region, endpoint, retries and timeouts', async () => {
    for (const kind of ['ec2', 'sts', 'ssm', 'ec2-instance-connect'] as const) {
      const client = createAwsClient(kind, account, 'eu-west-1');
      try {
        expect(await client.config.region()).toBe('eu-west-1');
        const endpoint = await client.config.endpoint?.();
        expect(`${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`).toBe(sandbox.endpoint);
        expect(await client.config.maxAttempts()).toBe(6);
        expect((await client.config.credentials()).accessKeyId).toBe(sandbox.accessKeyId);
      } finally {
        client.destroy();
      }
    }
  });

  it('EC2: answers, retries a throttle, and maps a missing instance to aws.instanceNotFound', async () => {
    sandbox.control.setFault('DescribeInstances', { kind: 'throttle', times: 2 });
    const reservations = await withAwsClient(
      'ec2',
      account,
      region,
      'DescribeInstances',
      async (client) => (await client.send(new DescribeInstancesCommand({}))).Reservations?.length,
    );
    expect(reservations).toBe(5);
    expect(sandbox.control.faultCount('DescribeInstances')).toBe(2);
    const missing = await failure('ec2', 'DescribeInstances', (client) =>
      client.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })),
    );
    expect(missing).toMatchObject({
      code: 'aws.instanceNotFound',
      details: {
        account: 'practice',
        region,
        operation: 'DescribeInstances',
        awsCode: 'InvalidInstanceID.NotFound',
      },
    });
  });

  it('STS: answers as the account, and bad keys are aws.credentialsInvalid', async () => {
    const arn = await withAwsClient(
      'sts',
      account,
      region,
      'GetCallerIdentity',
      async (client) => (await client.send(new GetCallerIdentityCommand({}))).Arn,
    );
    expect(arn).toMatch(/^arn:aws:iam::\d{12}:user\//);
    const wrongKeys = {
      ...account,
      credentials: async () => ({ accessKeyId: 'AKIAWRONGWRONGWRONG0', secretAccessKey: 'nope' }),
    };
    const refused = await failure(
      'sts',
      'GetCallerIdentity',
      (client) => client.send(new GetCallerIdentityCommand({})),
      wrongKeys,
    );
    expect([refused.code, refused.details.awsCode]).toEqual([
      'aws.credentialsInvalid',
      'InvalidClientTokenId',
    ]);
  });

  it('SSM: unmanaged instance, Windows, unknown invocation, denial and throttling each get their code', async () => {
    const sendTo = (name: string) => (client: SSMClient) =>
      client.send(
        new SendCommandCommand({
          DocumentName: 'AWS-RunShellScript',
          InstanceIds: [instanceId(name)],
          Parameters: { commands: ['true'] },
        }),
      );
    const unmanaged = await failure('ssm', 'SendCommand', sendTo('legacy-app'));
    expect([unmanaged.code, unmanaged.details.awsCode]).toEqual([
      'aws.ssmInstanceNotReady',
      'InvalidInstanceId',
    ]);
    expect(unmanaged.message).toContain('SSM Agent is offline');
    const windows = await failure('ssm', 'SendCommand', sendTo('windows-reporting'));
    expect([windows.code, windows.details.awsCode]).toEqual([
      'aws.unsupportedPlatform',
      'UnsupportedPlatformType',
    ]);
    const missing = await failure('ssm', 'GetCommandInvocation', (client) =>
      client.send(
        new GetCommandInvocationCommand({
          CommandId: '00000000-0000-4000-8000-000000000000',
          InstanceId: instanceId('ops-box'),
        }),
      ),
    );
    expect([missing.code, missing.details.awsCode]).toEqual([
      'aws.ssmInvocationMissing',
      'InvocationDoesNotExist',
    ]);
    sandbox.control.deny(['ssm:SendCommand']);
    try {
      const denied = await failure('ssm', 'SendCommand', sendTo('ops-box'));
      expect(denied.code).toBe('aws.accessDenied');
      expect(denied.message).toContain('ssm:SendCommand');
    } finally {
      sandbox.control.allow(['ssm:SendCommand']);
    }
    // Past the retries (one attempt here), a throttle is reported as such.
    sandbox.control.setFault('GetCommandInvocation', { kind: 'throttle' });
    const throttled = await failure(
      'ssm',
      'GetCommandInvocation',
      (client) =>
        client.send(new GetCommandInvocationCommand({ CommandId: 'x', InstanceId: instanceId('ops-box') })),
      account,
      { maxAttempts: 1 },
    );
    expect([throttled.code, throttled.details.awsCode]).toEqual(['aws.throttled', 'ThrottlingException']);
  });

  it('Instance Connect: pushes a key, and maps not found, stopped, bad user and denial', async () => {
    const push =
      (name: string, user = 'ec2-user') =>
      (client: EC2InstanceConnectClient) =>
        client.send(
          new SendSSHPublicKeyCommand({
            InstanceId: name.startsWith('i-') ? name : instanceId(name),
            InstanceOSUser: user,
            SSHPublicKey: sshKey,
          }),
        );
    const sent = await withAwsClient(
      'ec2-instance-connect',
      account,
      region,
      'SendSSHPublicKey',
      push('bastion'),
    );
    expect(sent.Success).toBe(true);
    const missing = await failure('ec2-instance-connect', 'SendSSHPublicKey', push('i-0123456789abcdef0'));
    expect([missing.code, missing.details.awsCode]).toEqual([
      'aws.instanceNotFound',
      'EC2InstanceNotFoundException',
    ]);
    const stopped = await failure('ec2-instance-connect', 'SendSSHPublicKey', push('debian-worker'));
    expect([stopped.code, stopped.details.awsCode]).toEqual([
      'aws.instanceStateInvalid',
      'EC2InstanceStateInvalidException',
    ]);
    const badUser = await failure('ec2-instance-connect', 'SendSSHPublicKey', push('bastion', 'Bad User'));
    expect([badUser.code, badUser.message]).toEqual([
      'aws.invalidRequest',
      'AWS refused SendSSHPublicKey in us-east-1 as invalid: Invalid InstanceOSUser.',
    ]);
    sandbox.control.deny(['ec2-instance-connect:SendSSHPublicKey']);
    try {
      const denied = await failure('ec2-instance-connect', 'SendSSHPublicKey', push('bastion'));
      expect([denied.code, denied.details.awsCode]).toEqual(['aws.accessDenied', 'AuthException']);
      expect(denied.message).toContain('ec2-instance-connect:SendSSHPublicKey');
    } finally {
      sandbox.control.allow(['ec2-instance-connect:SendSSHPublicKey']);
    }
  });

  it('bounds a reply that never comes with the request timeout (aws.endpointUnreachable)', async () => {
    sandbox.control.setFault('GetCallerIdentity', { latencyMs: 1500 });
    const slow = await failure(
      'sts',
      'GetCallerIdentity',
      (client) => client.send(new GetCallerIdentityCommand({})),
      account,
      {
        maxAttempts: 1,
        requestTimeoutMs: 200,
      },
    );
    expect([slow.code, slow.details.awsCode]).toEqual(['aws.endpointUnreachable', 'TimeoutError']);
  });
});
