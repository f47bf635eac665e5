import {
  CreateKeyPairCommand,
  DescribeKeyPairsCommand,
  DescribeRegionsCommand,
  EC2Client,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { DescribeInstanceInformationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index';
import { errorOf } from './test-support/contract-target';

// These need the sandbox's control surface (faults, deny list), so they always run in-process.
let sandbox: RunningSandbox;
const clients: { destroy(): void }[] = [];

function ec2(
  region = 'us-east-1',
  overrides: Partial<{ accessKeyId: string; maxAttempts: number }> = {},
): EC2Client {
  const client = new EC2Client({
    endpoint: sandbox.endpoint,
    region,
    maxAttempts: overrides.maxAttempts ?? 3,
    credentials: {
      accessKeyId: overrides.accessKeyId ?? sandbox.accessKeyId,
      secretAccessKey: sandbox.secretAccessKey,
    },
  });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'empty' });
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await sandbox.stop();
});

describe('requests and authentication', () => {
  it('refuses a request without SigV4 like AWS (MissingAuthenticationToken)', async () => {
    const response = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DescribeRegions&Version=2016-11-15',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });

  it('refuses an unknown access key with AuthFailure / InvalidClientTokenId', async () => {
    const error = await errorOf(() =>
      ec2('us-east-1', { accessKeyId: 'AKIAUNKNOWNKEY000000' }).send(new DescribeRegionsCommand({})),
    );
    expect(error.name).toBe('AuthFailure');
    const sts = new STSClient({
      endpoint: sandbox.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' },
    });
    clients.push(sts);
    expect((await errorOf(() => sts.send(new GetCallerIdentityCommand({})))).name).toBe(
      'InvalidClientTokenId',
    );
  });

  it('verifies the signature: the right key id with a wrong secret is refused', async () => {
    const wrong = new EC2Client({
      endpoint: sandbox.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: 'not-the-secret' },
    });
    const ssm = new SSMClient({
      endpoint: sandbox.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: 'not-the-secret' },
    });
    clients.push(wrong, ssm);
    expect((await errorOf(() => wrong.send(new DescribeRegionsCommand({})))).name).toBe('AuthFailure');
    expect((await errorOf(() => ssm.send(new DescribeInstanceInformationCommand({})))).name).toBe(
      'InvalidSignatureException',
    );
  });

  it('takes the region from the credential scope: key pairs are regional', async () => {
    await ec2('eu-west-1').send(new CreateKeyPairCommand({ KeyName: 'only-in-eu', KeyType: 'ed25519' }));
    const eu = await ec2('eu-west-1').send(new DescribeKeyPairsCommand({}));
    const us = await ec2('us-east-1').send(new DescribeKeyPairsCommand({}));
    expect(eu.KeyPairs?.map((pair) => pair.KeyName)).toEqual(['only-in-eu']);
    expect(us.KeyPairs).toEqual([]);
    const disabled = await errorOf(() => ec2('ap-east-1').send(new DescribeRegionsCommand({})));
    expect(disabled.name).toBe('AuthFailure');
  });

  it('answers an unknown action with InvalidAction', async () => {
    const client = ec2();
    // Rename the action after serialisation and before signing, so the request is validly signed.
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { body?: string };
        if (typeof request.body === 'string')
          request.body = request.body.replace('Action=DescribeRegions', 'Action=DescribeUnicorn');
        return next(args);
      },
      { step: 'build' },
    );
    const error = await errorOf(() => client.send(new DescribeRegionsCommand({})));
    expect(error.name).toBe('InvalidAction');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });
});

describe('deny list', () => {
  it('DryRun of a denied action is UnauthorizedOperation (403); allowed is DryRunOperation (412)', async () => {
    sandbox.control.deny(['ec2:StopInstances', 'ssm:DescribeInstanceInformation', 'sts:GetCallerIdentity']);
    try {
      const denied = await errorOf(() =>
        ec2().send(new StopInstancesCommand({ InstanceIds: [], DryRun: true })),
      );
      expect(denied.name).toBe('UnauthorizedOperation');
      expect(denied.$metadata?.httpStatusCode).toBe(403);
      const allowed = await errorOf(() =>
        ec2().send(new CreateKeyPairCommand({ KeyName: 'x', DryRun: true })),
      );
      expect(allowed.name).toBe('DryRunOperation');
      const ssm = new SSMClient({
        endpoint: sandbox.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
      });
      clients.push(ssm);
      expect((await errorOf(() => ssm.send(new DescribeInstanceInformationCommand({})))).name).toBe(
        'AccessDeniedException',
      );
      // GetCallerIdentity needs no permission on AWS and cannot be denied.
      const sts = new STSClient({
        endpoint: sandbox.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
      });
      clients.push(sts);
      expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(
        sandbox.control.state.accountId,
      );
    } finally {
      sandbox.control.allow([
        'ec2:StopInstances',
        'ssm:DescribeInstanceInformation',
        'sts:GetCallerIdentity',
      ]);
    }
  });
});

describe('fault injection', () => {
  it('SDK retries recover from RequestLimitExceeded throttling, 500, 503 and dropped connections', async () => {
    for (const kind of ['throttle', 'internal-error', 'unavailable', 'drop-connection'] as const) {
      sandbox.control.setFault('DescribeRegions', { kind, times: 2 });
      const before = sandbox.control.faultCount('DescribeRegions');
      const result = await ec2('us-east-1', { maxAttempts: 3 }).send(new DescribeRegionsCommand({}));
      expect(result.Regions?.length, kind).toBe(2);
      expect(result.$metadata.attempts, kind).toBe(3);
      expect(sandbox.control.faultCount('DescribeRegions') - before, kind).toBe(2);
    }
  });

  it('gives up with RequestLimitExceeded when throttling outlasts the retries', async () => {
    sandbox.control.setFault('DescribeKeyPairs', { kind: 'throttle' });
    try {
      const error = await errorOf(() =>
        ec2('us-east-1', { maxAttempts: 2 }).send(new DescribeKeyPairsCommand({})),
      );
      expect(error.name).toBe('RequestLimitExceeded');
      expect(error.$metadata?.attempts).toBe(2);
    } finally {
      sandbox.control.clearFaults('DescribeKeyPairs');
    }
  });

  it('drop-after-apply does the action, then drops the answer; skip lets the first calls through', async () => {
    sandbox.control.setFault('CreateKeyPair', { kind: 'drop-after-apply', times: 1, skip: 1 });
    const client = ec2('us-east-1', { maxAttempts: 1 });
    await client.send(new CreateKeyPairCommand({ KeyName: 'answered', KeyType: 'ed25519' }));
    const lost = await errorOf(() =>
      client.send(new CreateKeyPairCommand({ KeyName: 'answer-lost', KeyType: 'ed25519' })),
    );
    expect(lost.name).not.toBe('InvalidKeyPair.Duplicate');
    expect(sandbox.control.faultCount('CreateKeyPair')).toBe(1);
    // The answer was lost, the key pair made: a blind retry meets its own effect.
    const again = await errorOf(() =>
      client.send(new CreateKeyPairCommand({ KeyName: 'answer-lost', KeyType: 'ed25519' })),
    );
    expect(again.name).toBe('InvalidKeyPair.Duplicate');
    const listed = await client.send(new DescribeKeyPairsCommand({ KeyNames: ['answered', 'answer-lost'] }));
    expect(listed.KeyPairs?.map((pair) => pair.KeyName).sort()).toEqual(['answer-lost', 'answered']);
  });

  it('latency delays but does not fail a request', async () => {
    sandbox.control.setFault('*', { latencyMs: 50, times: 1 });
    const result = await ec2().send(new DescribeRegionsCommand({}));
    expect(result.Regions?.length).toBe(2);
    expect(sandbox.control.faultCount('DescribeRegions')).toBeGreaterThan(0);
  });
});
