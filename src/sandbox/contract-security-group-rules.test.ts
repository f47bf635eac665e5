import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  RevokeSecurityGroupIngressCommand,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectContractTarget, errorOf, type ContractTarget } from './test-support/contract-target';

// Inbound rules of the default security group, through the real SDK. Addresses are from the
// documentation ranges (RFC 5737), so against a real account nothing reachable is opened; every
// rule a test adds is revoked in afterAll.
let target: ContractTarget;
let groupId: string;
const added = new Set<string>();

function ssh(cidr: string, description?: string): IpPermission {
  return {
    IpProtocol: 'tcp',
    FromPort: 22,
    ToPort: 22,
    IpRanges: [{ CidrIp: cidr, ...(description ? { Description: description } : {}) }],
  };
}

async function authorize(cidr: string, description?: string) {
  const result = await target.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: groupId,
      IpPermissions: [ssh(cidr, description)],
      TagSpecifications: [
        {
          ResourceType: 'security-group-rule',
          Tags: [
            { Key: 'keyrescue:purpose', Value: 'temporary-ssh' },
            { Key: 'keyrescue:recovery', Value: 'rec-contract' },
          ],
        },
      ],
    }),
  );
  for (const rule of result.SecurityGroupRules ?? []) added.add(rule.SecurityGroupRuleId ?? '');
  return result;
}

beforeAll(async () => {
  target = await connectContractTarget();
  const { SecurityGroups } = await target.ec2.send(
    new DescribeSecurityGroupsCommand({ GroupNames: ['default'] }),
  );
  groupId = SecurityGroups?.[0]?.GroupId ?? '';
});

afterAll(async () => {
  const left = [...added];
  if (left.length) {
    await target.ec2
      .send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, SecurityGroupRuleIds: left }))
      .catch(() => undefined);
  }
  await target.close();
});

describe('AuthorizeSecurityGroupIngress / RevokeSecurityGroupIngress / DescribeSecurityGroupRules', () => {
  it('adds one tagged rule per CIDR and answers its id; DescribeSecurityGroups shows it with its description', async () => {
    const result = await authorize('198.51.100.23/32', 'KeyRescue temporary SSH');
    expect(result.Return).toBe(true);
    expect(result.SecurityGroupRules).toHaveLength(1);
    const rule = result.SecurityGroupRules?.[0];
    expect(rule?.SecurityGroupRuleId).toMatch(/^sgr-[0-9a-f]{17}$/);
    expect(rule).toMatchObject({
      GroupId: groupId,
      IsEgress: false,
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      CidrIpv4: '198.51.100.23/32',
      Description: 'KeyRescue temporary SSH',
    });
    expect(rule?.Tags?.map((tag) => `${tag.Key}=${tag.Value}`).sort()).toEqual([
      'keyrescue:purpose=temporary-ssh',
      'keyrescue:recovery=rec-contract',
    ]);

    const { SecurityGroups } = await target.ec2.send(
      new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }),
    );
    const ssh22 = SecurityGroups?.[0]?.IpPermissions?.find(
      (permission) => permission.IpProtocol === 'tcp' && permission.FromPort === 22,
    );
    expect(ssh22?.IpRanges).toContainEqual({
      CidrIp: '198.51.100.23/32',
      Description: 'KeyRescue temporary SSH',
    });

    const byId = await target.ec2.send(
      new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [rule?.SecurityGroupRuleId ?? ''] }),
    );
    expect(byId.SecurityGroupRules?.map((found) => found.CidrIpv4)).toEqual(['198.51.100.23/32']);
    const byTag = await target.ec2.send(
      new DescribeSecurityGroupRulesCommand({
        Filters: [
          { Name: 'group-id', Values: [groupId] },
          { Name: 'tag:keyrescue:recovery', Values: ['rec-contract'] },
        ],
      }),
    );
    expect(byTag.SecurityGroupRules?.map((found) => found.SecurityGroupRuleId)).toEqual([
      rule?.SecurityGroupRuleId,
    ]);
  });

  it('refuses the same rule twice (InvalidPermission.Duplicate), whatever its description', async () => {
    await authorize('198.51.100.24/32');
    const error = await errorOf(() => authorize('198.51.100.24/32', 'another description'));
    expect(error.name).toBe('InvalidPermission.Duplicate');
    expect(error.message).toContain('198.51.100.24/32');
  });

  it('revokes by IpPermissions, then answers InvalidPermission.NotFound for the same rule', async () => {
    await authorize('198.51.100.25/32');
    const revoked = await target.ec2.send(
      new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [ssh('198.51.100.25/32')] }),
    );
    expect(revoked.Return).toBe(true);
    expect(revoked.RevokedSecurityGroupRules?.map((rule) => rule.CidrIpv4)).toEqual(['198.51.100.25/32']);
    const again = await errorOf(() =>
      target.ec2.send(
        new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [ssh('198.51.100.25/32')] }),
      ),
    );
    expect(again.name).toBe('InvalidPermission.NotFound');
  });

  it('revokes by rule id; an unknown id revokes nothing (InvalidSecurityGroupRuleId.NotFound)', async () => {
    const id = (await authorize('198.51.100.26/32')).SecurityGroupRules?.[0]?.SecurityGroupRuleId ?? '';
    const unknown = await errorOf(() =>
      target.ec2.send(
        new RevokeSecurityGroupIngressCommand({
          GroupId: groupId,
          SecurityGroupRuleIds: [id, 'sgr-0123456789abcdef0'],
        }),
      ),
    );
    expect(unknown.name).toBe('InvalidSecurityGroupRuleId.NotFound');
    const still = await target.ec2.send(
      new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [id] }),
    );
    expect(still.SecurityGroupRules).toHaveLength(1);
    const revoked = await target.ec2.send(
      new RevokeSecurityGroupIngressCommand({ GroupId: groupId, SecurityGroupRuleIds: [id] }),
    );
    expect(revoked.RevokedSecurityGroupRules?.map((rule) => rule.SecurityGroupRuleId)).toEqual([id]);
    added.delete(id);
    const gone = await errorOf(() =>
      target.ec2.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [id] })),
    );
    expect(gone.name).toBe('InvalidSecurityGroupRuleId.NotFound');
  });

  it('DryRun answers DryRunOperation and changes nothing; an unknown group is InvalidGroup.NotFound', async () => {
    const dry = await errorOf(() =>
      target.ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: groupId,
          IpPermissions: [ssh('198.51.100.27/32')],
          DryRun: true,
        }),
      ),
    );
    expect(dry.name).toBe('DryRunOperation');
    const { SecurityGroupRules } = await target.ec2.send(
      new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }),
    );
    expect(SecurityGroupRules?.some((rule) => rule.CidrIpv4 === '198.51.100.27/32')).toBe(false);
    for (const dryRun of [true, false]) {
      const missing = await errorOf(() =>
        target.ec2.send(
          new AuthorizeSecurityGroupIngressCommand({
            GroupId: 'sg-0123456789abcdef0',
            IpPermissions: [ssh('198.51.100.27/32')],
            DryRun: dryRun,
          }),
        ),
      );
      expect(missing.name).toBe('InvalidGroup.NotFound');
    }
  });

  it('refuses a malformed CIDR and a TCP rule without ports (InvalidParameterValue)', async () => {
    const malformed = await errorOf(() => authorize('198.51.100.300/32'));
    expect(malformed.name).toBe('InvalidParameterValue');
    const noPorts = await errorOf(() =>
      target.ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: groupId,
          IpPermissions: [{ IpProtocol: 'tcp', IpRanges: [{ CidrIp: '198.51.100.28/32' }] }],
        }),
      ),
    );
    expect(noPorts.name).toBe('InvalidParameterValue');
  });
});
