import { randomUUID } from 'node:crypto';
import {
  DescribeImagesCommand,
  DescribeNetworkAclsCommand,
  DescribeSubnetsCommand,
} from '@aws-sdk/client-ec2';
import { DeleteParameterCommand, GetParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectContractTarget,
  errorOf,
  findImageId,
  type ContractTarget,
} from './test-support/contract-target';

// The read-only calls recovery preflight makes, against the sandbox (or any endpoint set by
// KEYRESCUE_CONTRACT_ENDPOINT) with the real SDK.
let target: ContractTarget;

beforeAll(async () => {
  target = await connectContractTarget();
});
afterAll(async () => {
  await target.close();
});

describe('DescribeNetworkAcls', () => {
  it('finds the ACL of a subnet; the default one allows everything, then denies by rule 32767', async () => {
    const { Subnets } = await target.ec2.send(new DescribeSubnetsCommand({}));
    const subnetId = Subnets?.[0]?.SubnetId ?? '';
    const { NetworkAcls } = await target.ec2.send(
      new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }),
    );
    expect(NetworkAcls).toHaveLength(1);
    const acl = NetworkAcls?.[0];
    expect(acl?.NetworkAclId).toMatch(/^acl-[0-9a-f]{17}$/);
    expect(acl?.Associations?.map((association) => association.SubnetId)).toContain(subnetId);
    const inbound = (acl?.Entries ?? [])
      .filter((entry) => !entry.Egress && entry.CidrBlock === '0.0.0.0/0')
      .map((entry) => [entry.RuleNumber, entry.Protocol, entry.RuleAction]);
    expect(inbound).toEqual(
      expect.arrayContaining([
        [100, '-1', 'allow'],
        [32767, '-1', 'deny'],
      ]),
    );
    const none = await target.ec2.send(
      new DescribeNetworkAclsCommand({
        Filters: [{ Name: 'association.subnet-id', Values: ['subnet-0000000000000000f'] }],
      }),
    );
    expect(none.NetworkAcls).toEqual([]);
  });

  it('answers InvalidNetworkAclID.NotFound for an unknown id', async () => {
    const error = await errorOf(() =>
      target.ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: ['acl-0123456789abcdef0'] })),
    );
    expect(error.name).toBe('InvalidNetworkAclID.NotFound');
  });
});

describe('SSM parameters', () => {
  const name = `/keyrescue-contract/${randomUUID()}/key`;
  afterAll(async () => {
    await target.ssm.send(new DeleteParameterCommand({ Name: name })).catch(() => undefined);
  });

  it('GetParameter without decryption gives a SecureString’s metadata and ciphertext, not the value', async () => {
    const secret = 'not-a-real-private-key';
    const put = await target.ssm.send(
      new PutParameterCommand({ Name: name, Value: secret, Type: 'SecureString' }),
    );
    expect(put.Version).toBe(1);
    const { Parameter } = await target.ssm.send(
      new GetParameterCommand({ Name: name, WithDecryption: false }),
    );
    expect(Parameter).toMatchObject({ Name: name, Type: 'SecureString', Version: 1 });
    expect(Parameter?.Value).not.toContain(secret);
    expect(Parameter?.LastModifiedDate).toBeInstanceOf(Date);
    const decrypted = await target.ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    expect(decrypted.Parameter?.Value).toBe(secret);
  });

  it('refuses a second put without Overwrite, and a missing name is ParameterNotFound', async () => {
    const again = await errorOf(() =>
      target.ssm.send(new PutParameterCommand({ Name: name, Value: 'x', Type: 'SecureString' })),
    );
    expect(again.name).toBe('ParameterAlreadyExists');
    const overwritten = await target.ssm.send(
      new PutParameterCommand({ Name: name, Value: 'y', Type: 'SecureString', Overwrite: true }),
    );
    expect(overwritten.Version).toBe(2);
    const missing = await errorOf(() =>
      target.ssm.send(new GetParameterCommand({ Name: `/keyrescue-contract/${randomUUID()}` })),
    );
    expect(missing.name).toBe('ParameterNotFound');
  });
});

describe('DescribeImages', () => {
  it('gives the name, owner and description preflight guesses the login user from', async () => {
    const imageId = await findImageId(target.ec2, 'al2023-ami-2023*');
    const { Images } = await target.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }));
    expect(Images?.[0]?.Name).toMatch(/^al2023-ami-2023/);
    expect(Images?.[0]?.OwnerId).toBe('137112412989');
    expect(Images?.[0]?.Description).toMatch(/Amazon Linux 2023/);
  });
});
