import { DescribeKeyPairsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectContractTarget, errorOf, type ContractTarget } from './test-support/contract-target';

let target: ContractTarget;
let accountId: string;

beforeAll(async () => {
  target = await connectContractTarget();
  accountId = (await target.sts.send(new GetCallerIdentityCommand({}))).Account ?? '';
});

afterAll(async () => {
  await target.close();
});

/** Clients signed with the temporary credentials, as the SDK's role providers build them. */
function clientsWith(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  const config = { endpoint: target.endpoint, region: target.region, credentials, maxAttempts: 1 };
  return { sts: new STSClient(config), ec2: new EC2Client(config) };
}

describe('STS AssumeRole', () => {
  it('returns temporary credentials that sign STS and EC2 calls as the assumed role', async () => {
    const { Credentials, AssumedRoleUser } = await target.sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${accountId}:role/Operator`,
        RoleSessionName: 'contract',
      }),
    );
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(Credentials?.Expiration?.getTime()).toBeGreaterThan(Date.now());
    expect(AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${accountId}:assumed-role/Operator/contract`);
    const session = clientsWith({
      accessKeyId: Credentials?.AccessKeyId ?? '',
      secretAccessKey: Credentials?.SecretAccessKey ?? '',
      sessionToken: Credentials?.SessionToken ?? '',
    });
    try {
      const identity = await session.sts.send(new GetCallerIdentityCommand({}));
      expect(identity.Arn).toBe(`arn:aws:sts::${accountId}:assumed-role/Operator/contract`);
      expect(identity.UserId).toBe(AssumedRoleUser?.AssumedRoleId);
      expect(Array.isArray((await session.ec2.send(new DescribeKeyPairsCommand({}))).KeyPairs)).toBe(true);
    } finally {
      session.sts.destroy();
      session.ec2.destroy();
    }
    // Without the session token the temporary key is not accepted.
    const tokenless = clientsWith({
      accessKeyId: Credentials?.AccessKeyId ?? '',
      secretAccessKey: Credentials?.SecretAccessKey ?? '',
    });
    try {
      expect((await errorOf(() => tokenless.sts.send(new GetCallerIdentityCommand({})))).name).toBe(
        'InvalidClientTokenId',
      );
    } finally {
      tokenless.sts.destroy();
      tokenless.ec2.destroy();
    }
  });

  it('requires an MFA serial number and a six-digit code for a role that demands MFA', async () => {
    const RoleArn = `arn:aws:iam::${accountId}:role/mfa-admin`;
    const noMfa = await errorOf(() =>
      target.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'no-mfa' })),
    );
    expect([noMfa.name, noMfa.$metadata?.httpStatusCode]).toEqual(['AccessDenied', 403]);
    const SerialNumber = `arn:aws:iam::${accountId}:mfa/alice`;
    const badCode = await errorOf(() =>
      target.sts.send(
        new AssumeRoleCommand({ RoleArn, RoleSessionName: 'bad', SerialNumber, TokenCode: '12ab56' }),
      ),
    );
    expect(badCode.name).toBe('AccessDenied');
    const ok = await target.sts.send(
      new AssumeRoleCommand({ RoleArn, RoleSessionName: 'with-mfa', SerialNumber, TokenCode: '123456' }),
    );
    expect(ok.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${accountId}:assumed-role/mfa-admin/with-mfa`);
  });

  it('validates the role ARN and session name', async () => {
    const badArn = await errorOf(() =>
      target.sts.send(new AssumeRoleCommand({ RoleArn: 'not-an-arn', RoleSessionName: 'x1' })),
    );
    expect(badArn.name).toBe('ValidationError');
    const badName = await errorOf(() =>
      target.sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${accountId}:role/Operator`,
          RoleSessionName: 'has space',
        }),
      ),
    );
    expect(badName.name).toBe('ValidationError');
  });
});
