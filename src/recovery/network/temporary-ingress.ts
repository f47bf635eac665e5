import { isIPv4 } from 'node:net';
import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupRulesCommand,
  RevokeSecurityGroupIngressCommand,
  type EC2Client,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import type { ResolvedAccount } from '../../aws/account-types';
import { withEc2Client } from '../../aws/with-aws-client';
import { AppError } from '../../ipc/app-error';
import { recoveryErrorCodes } from '../recovery-errors';

/** The tag every rule KeyRescue adds carries; revoke refuses a rule without it. */
export const temporaryIngressTag = { Key: 'keyrescue:purpose', Value: 'temporary-ssh' } as const;
/** The tag naming the recovery that added a rule (its journal knows to revoke it). */
export const recoveryIdTagKey = 'keyrescue:recovery';

/** Where a temporary rule lives and what it opens. */
export interface TemporaryIngressRule {
  ruleId: string;
  groupId: string;
  /** Always a single IPv4 host: `a.b.c.d/32`. */
  cidr: string;
  port: number;
  /** KeyRescue added it now. False when the same /32 rule already existed (then see `ours`). */
  created: boolean;
  /** Tagged by KeyRescue for this recovery, so revoking it is ours to do. */
  ours: boolean;
}

export interface AuthorizeTemporaryIngressInput {
  instanceId: string;
  /** This computer's public IPv4 address, as the internet sees it. */
  clientAddress: string;
  recoveryId: string;
  /** Default 22. */
  port?: number;
}

/**
 * The one CIDR a temporary rule may have: this computer's address as a /32. Anything wider —
 * above all 0.0.0.0/0 — is refused, never "rounded" to something that opens more.
 */
export function temporaryCidr(address: string): string {
  const single = isIPv4(address) && address !== '0.0.0.0' && address !== '255.255.255.255';
  if (!single) {
    throw new AppError(
      recoveryErrorCodes.ingressAddressInvalid,
      `"${address.slice(0, 100)}" is not a single public IPv4 address; a temporary SSH rule opens port 22 to this computer's address only (/32), never to a range.`,
      { address: address.slice(0, 100) },
    );
  }
  return `${address}/32`;
}

function isOurs(rule: SecurityGroupRule, recoveryId?: string): boolean {
  const tags = rule.Tags ?? [];
  const purpose = tags.some(
    (tag) => tag.Key === temporaryIngressTag.Key && tag.Value === temporaryIngressTag.Value,
  );
  return (
    purpose &&
    (recoveryId === undefined || tags.some((tag) => tag.Key === recoveryIdTagKey && tag.Value === recoveryId))
  );
}

async function firstSecurityGroup(ec2: EC2Client, instanceId: string, region: string): Promise<string> {
  const notFound = () =>
    new AppError(
      recoveryErrorCodes.ingressInstanceNotFound,
      `Instance ${instanceId} was not found in ${region}.`,
      {
        instanceId,
        region,
      },
    );
  const described = await ec2
    .send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }))
    .catch((error: unknown) => {
      if ((error as { name?: string }).name === 'InvalidInstanceID.NotFound') throw notFound();
      throw error;
    });
  const instance = described.Reservations?.[0]?.Instances?.[0];
  if (!instance) throw notFound();
  const groupId = instance.SecurityGroups?.[0]?.GroupId;
  if (!groupId) {
    throw new AppError(
      recoveryErrorCodes.ingressNoSecurityGroup,
      `Instance ${instanceId} has no security group.`,
      {
        instanceId,
      },
    );
  }
  return groupId;
}

/** The group's inbound tcp rule for exactly this port and CIDR, if there is one. */
async function existingRule(
  ec2: EC2Client,
  groupId: string,
  cidr: string,
  port: number,
): Promise<SecurityGroupRule | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await ec2.send(
      new DescribeSecurityGroupRulesCommand({
        Filters: [{ Name: 'group-id', Values: [groupId] }],
        ...(nextToken ? { NextToken: nextToken } : {}),
      }),
    );
    const found = page.SecurityGroupRules?.find(
      (rule) =>
        !rule.IsEgress &&
        rule.IpProtocol === 'tcp' &&
        rule.FromPort === port &&
        rule.ToPort === port &&
        rule.CidrIpv4 === cidr,
    );
    if (found) return found;
    nextToken = page.NextToken;
  } while (nextToken);
  return undefined;
}

/**
 * Opens tcp/`port` on the instance's first security group to this computer's address (/32),
 * tagged `keyrescue:purpose=temporary-ssh` and with the recovery id. Idempotent: if the same rule
 * exists already (a resumed recovery, or the user's own rule) it is returned with `created: false`.
 */
export async function authorizeTemporaryIngress(
  ec2: EC2Client,
  region: string,
  input: AuthorizeTemporaryIngressInput,
): Promise<TemporaryIngressRule> {
  const cidr = temporaryCidr(input.clientAddress);
  const port = input.port ?? 22;
  const groupId = await firstSecurityGroup(ec2, input.instanceId, region);
  // A rule description allows a small character set; the recovery id is also in the tag.
  const description = `KeyRescue temporary SSH (recovery ${input.recoveryId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64)})`;
  try {
    const result = await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: port,
            ToPort: port,
            IpRanges: [{ CidrIp: cidr, Description: description }],
          },
        ],
        TagSpecifications: [
          {
            ResourceType: 'security-group-rule',
            Tags: [{ ...temporaryIngressTag }, { Key: recoveryIdTagKey, Value: input.recoveryId }],
          },
        ],
      }),
    );
    const ruleId = result.SecurityGroupRules?.[0]?.SecurityGroupRuleId;
    if (!ruleId) throw new Error('AuthorizeSecurityGroupIngress answered without a rule id');
    return { ruleId, groupId, cidr, port, created: true, ours: true };
  } catch (error) {
    if ((error as { name?: string }).name !== 'InvalidPermission.Duplicate') throw error;
    const rule = await existingRule(ec2, groupId, cidr, port);
    if (!rule?.SecurityGroupRuleId) throw error;
    return {
      ruleId: rule.SecurityGroupRuleId,
      groupId,
      cidr,
      port,
      created: false,
      ours: isOurs(rule, input.recoveryId),
    };
  }
}

/**
 * Revokes a temporary rule by its id after checking it carries KeyRescue's tag (and, when given,
 * this recovery's id). A rule that is already gone counts as revoked (`alreadyGone: true`).
 */
export async function revokeTemporaryIngress(
  ec2: EC2Client,
  rule: { ruleId: string; groupId: string; recoveryId?: string },
): Promise<{ alreadyGone: boolean }> {
  let found: SecurityGroupRule | undefined;
  try {
    const described = await ec2.send(
      new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [rule.ruleId] }),
    );
    found = described.SecurityGroupRules?.[0];
  } catch (error) {
    if ((error as { name?: string }).name !== 'InvalidSecurityGroupRuleId.NotFound') throw error;
  }
  if (!found) return { alreadyGone: true };
  if (found.GroupId !== rule.groupId || found.IsEgress || !isOurs(found, rule.recoveryId)) {
    throw new AppError(
      recoveryErrorCodes.ingressRuleNotOurs,
      `Rule ${rule.ruleId} was not added by KeyRescue${rule.recoveryId ? ` for recovery ${rule.recoveryId}` : ''}, so it is left in place.`,
      { ruleId: rule.ruleId, groupId: found.GroupId ?? '' },
    );
  }
  try {
    await ec2.send(
      new RevokeSecurityGroupIngressCommand({ GroupId: rule.groupId, SecurityGroupRuleIds: [rule.ruleId] }),
    );
  } catch (error) {
    // Revoked by someone else between the check and now: the port is closed either way.
    if ((error as { name?: string }).name === 'InvalidSecurityGroupRuleId.NotFound')
      return { alreadyGone: true };
    throw error;
  }
  return { alreadyGone: false };
}

/**
 * The inbound rule a recovery added, found by its tags alone (in whichever group it is), so a
 * resumed recovery whose journal has the intent but no outcome knows whether AWS made the rule.
 */
export async function findTemporaryIngress(
  ec2: EC2Client,
  recoveryId: string,
  port = 22,
): Promise<TemporaryIngressRule | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await ec2.send(
      new DescribeSecurityGroupRulesCommand({
        Filters: [
          { Name: `tag:${temporaryIngressTag.Key}`, Values: [temporaryIngressTag.Value] },
          { Name: `tag:${recoveryIdTagKey}`, Values: [recoveryId] },
        ],
        ...(nextToken ? { NextToken: nextToken } : {}),
      }),
    );
    const found = page.SecurityGroupRules?.find(
      (rule) =>
        !rule.IsEgress &&
        rule.IpProtocol === 'tcp' &&
        rule.FromPort === port &&
        rule.ToPort === port &&
        isOurs(rule, recoveryId),
    );
    if (found?.SecurityGroupRuleId && found.GroupId)
      return {
        ruleId: found.SecurityGroupRuleId,
        groupId: found.GroupId,
        cidr: found.CidrIpv4 ?? '',
        port,
        created: true,
        ours: true,
      };
    nextToken = page.NextToken;
  } while (nextToken);
  return undefined;
}

/** {@link findTemporaryIngress} with a client from the account's factory. */
export function findTemporaryIngressFor(
  account: ResolvedAccount,
  region: string,
  recoveryId: string,
  port = 22,
): Promise<TemporaryIngressRule | undefined> {
  return withEc2Client(account, region, 'DescribeSecurityGroupRules', (ec2) =>
    findTemporaryIngress(ec2, recoveryId, port),
  );
}

/** {@link authorizeTemporaryIngress} with a client from the account's factory; AWS failures become AppErrors. */
export function authorizeTemporaryIngressFor(
  account: ResolvedAccount,
  region: string,
  input: AuthorizeTemporaryIngressInput,
): Promise<TemporaryIngressRule> {
  return withEc2Client(account, region, 'AuthorizeSecurityGroupIngress', (ec2) =>
    authorizeTemporaryIngress(ec2, region, input),
  );
}

/** {@link revokeTemporaryIngress} with a client from the account's factory. */
export function revokeTemporaryIngressFor(
  account: ResolvedAccount,
  region: string,
  rule: { ruleId: string; groupId: string; recoveryId?: string },
): Promise<{ alreadyGone: boolean }> {
  return withEc2Client(account, region, 'RevokeSecurityGroupIngress', (ec2) =>
    revokeTemporaryIngress(ec2, rule),
  );
}
