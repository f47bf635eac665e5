import {
  AuthorizeSecurityGroupIngress$,
  DescribeSecurityGroupRules$,
  RevokeSecurityGroupIngress$,
  type AuthorizeSecurityGroupIngressRequest,
  type AuthorizeSecurityGroupIngressResult,
  type DescribeSecurityGroupRulesRequest,
  type DescribeSecurityGroupRulesResult,
  type IpPermission,
  type RevokeSecurityGroupIngressRequest,
  type RevokeSecurityGroupIngressResult,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import { apiError } from './api-error';
import { defineAction, type ActionContext, type ActionDefinition } from './engine';
import { applyFilters } from './filters';
import { newResourceId } from './ids';
import type { IngressRuleRecord, SecurityGroupRecord } from './model';
import { paginate } from './pagination';
import {
  checkRuleDescription,
  describeRule,
  maxIngressRulesPerGroup,
  normalizeIngressRules,
  normalizeProtocol,
  parseCidr,
  portRange,
  sameRule,
} from './security-group-rules';
import { tagOutput, tagsFor } from './tags';

function findGroup(
  ctx: ActionContext,
  groupId: string | undefined,
  groupName: string | undefined,
): SecurityGroupRecord {
  normalizeIngressRules(ctx.rs);
  if (!groupId && !groupName)
    throw apiError('MissingParameter', 'The request must contain the parameter groupId or groupName');
  const group = ctx.rs.securityGroups.find((candidate) =>
    groupId ? candidate.groupId === groupId : candidate.groupName === groupName,
  );
  if (!group) {
    throw apiError(
      'InvalidGroup.NotFound',
      groupId
        ? `The security group '${groupId}' does not exist`
        : `The security group '${groupName}' does not exist in default VPC '${ctx.rs.vpcId}'`,
    );
  }
  return group;
}

type PermissionInput = Pick<
  AuthorizeSecurityGroupIngressRequest,
  'IpPermissions' | 'IpProtocol' | 'FromPort' | 'ToPort' | 'CidrIp'
>;

/** The rules a request names: its IpPermissions, or the older top-level CidrIp/IpProtocol/ports form. */
function requestedRules(input: PermissionInput): IngressRuleRecord[] {
  const permissions: IpPermission[] = input.IpPermissions?.length
    ? input.IpPermissions
    : input.CidrIp
      ? [
          {
            IpProtocol: input.IpProtocol,
            FromPort: input.FromPort,
            ToPort: input.ToPort,
            IpRanges: [{ CidrIp: input.CidrIp }],
          },
        ]
      : [];
  if (permissions.length === 0)
    throw apiError('MissingParameter', 'The request must contain the parameter ipPermissions');
  return permissions.flatMap((permission) => {
    if (
      permission.Ipv6Ranges?.length ||
      permission.PrefixListIds?.length ||
      permission.UserIdGroupPairs?.length
    ) {
      throw apiError(
        'InvalidParameterValue',
        'The sandbox supports IPv4 sources (IpRanges) only: not Ipv6Ranges, PrefixListIds or UserIdGroupPairs.',
      );
    }
    const protocol = normalizeProtocol(permission.IpProtocol);
    const ports = portRange(protocol, permission.FromPort, permission.ToPort);
    if (!permission.IpRanges?.length)
      throw apiError('MissingParameter', 'The request must contain the parameter ipRanges');
    return permission.IpRanges.map((range) => {
      const cidr = range.CidrIp ?? '';
      if (!parseCidr(cidr)) throw apiError('InvalidParameterValue', `CIDR block ${cidr} is malformed`);
      checkRuleDescription(range.Description);
      return {
        protocol,
        ...ports,
        cidrs: [cidr],
        ...(range.Description ? { description: range.Description } : {}),
      };
    });
  });
}

function ruleOutput(
  ctx: ActionContext,
  group: SecurityGroupRecord,
  rule: IngressRuleRecord,
): SecurityGroupRule {
  const id = rule.ruleId ?? '';
  return {
    SecurityGroupRuleId: id,
    GroupId: group.groupId,
    GroupOwnerId: ctx.state.accountId,
    IsEgress: false,
    IpProtocol: rule.protocol,
    FromPort: rule.fromPort ?? -1,
    ToPort: rule.toPort ?? -1,
    CidrIpv4: rule.cidrs[0],
    Description: rule.description,
    Tags: tagOutput(rule.tags ?? []) ?? [],
    SecurityGroupRuleArn: `arn:aws:ec2:${ctx.region}:${ctx.state.accountId}:security-group-rule/${id}`,
  };
}

const authorizeSecurityGroupIngress = defineAction<
  AuthorizeSecurityGroupIngressRequest,
  AuthorizeSecurityGroupIngressResult
>(AuthorizeSecurityGroupIngress$, (ctx, input) => {
  const group = findGroup(ctx, input.GroupId, input.GroupName);
  const rules = requestedRules(input);
  const tags = tagsFor(input.TagSpecifications, 'security-group-rule');
  rules.forEach((rule, index) => {
    if (
      group.ingress.some((existing) => sameRule(existing, rule)) ||
      rules.slice(0, index).some((earlier) => sameRule(earlier, rule))
    )
      throw apiError(
        'InvalidPermission.Duplicate',
        `the specified rule "${describeRule(rule)}" already exists`,
      );
  });
  if (group.ingress.length + rules.length > maxIngressRulesPerGroup) {
    throw apiError(
      'RulesPerSecurityGroupLimitExceeded',
      `The maximum number of rules per security group has been reached (${maxIngressRulesPerGroup}).`,
    );
  }
  const added = rules.map((rule) => ({
    ...rule,
    ruleId: newResourceId('sgr'),
    ...(tags.length ? { tags: tags.map((tag) => ({ ...tag })) } : {}),
  }));
  group.ingress.push(...added);
  return { Return: true, SecurityGroupRules: added.map((rule) => ruleOutput(ctx, group, rule)) };
});

const revokeSecurityGroupIngress = defineAction<
  RevokeSecurityGroupIngressRequest,
  RevokeSecurityGroupIngressResult
>(RevokeSecurityGroupIngress$, (ctx, input) => {
  const group = findGroup(ctx, input.GroupId, input.GroupName);
  // Everything is checked before anything is removed: one unknown rule revokes none.
  let revoked: IngressRuleRecord[];
  if (input.SecurityGroupRuleIds?.length) {
    revoked = input.SecurityGroupRuleIds.map((id) => {
      const rule = group.ingress.find((candidate) => candidate.ruleId === id);
      if (!rule)
        throw apiError(
          'InvalidSecurityGroupRuleId.NotFound',
          `The security group rule ID '${id}' does not exist`,
        );
      return rule;
    });
  } else {
    revoked = requestedRules(input).map((wanted) => {
      const rule = group.ingress.find((candidate) => sameRule(candidate, wanted));
      if (!rule)
        throw apiError(
          'InvalidPermission.NotFound',
          'The specified rule does not exist in this security group.',
        );
      return rule;
    });
  }
  group.ingress = group.ingress.filter((rule) => !revoked.includes(rule));
  return {
    Return: true,
    RevokedSecurityGroupRules: revoked.map((rule) => ({
      SecurityGroupRuleId: rule.ruleId,
      GroupId: group.groupId,
      IsEgress: false,
      IpProtocol: rule.protocol,
      FromPort: rule.fromPort ?? -1,
      ToPort: rule.toPort ?? -1,
      CidrIpv4: rule.cidrs[0],
      Description: rule.description,
    })),
  };
});

const describeSecurityGroupRules = defineAction<
  DescribeSecurityGroupRulesRequest,
  DescribeSecurityGroupRulesResult
>(
  DescribeSecurityGroupRules$,
  (ctx, input) => {
    normalizeIngressRules(ctx.rs);
    let rules = ctx.rs.securityGroups.flatMap((group) => group.ingress.map((rule) => ({ group, rule })));
    for (const id of input.SecurityGroupRuleIds ?? []) {
      if (!rules.some(({ rule }) => rule.ruleId === id))
        throw apiError(
          'InvalidSecurityGroupRuleId.NotFound',
          `The security group rule ID '${id}' does not exist`,
        );
    }
    if (input.SecurityGroupRuleIds?.length)
      rules = rules.filter(({ rule }) => input.SecurityGroupRuleIds?.includes(rule.ruleId ?? ''));
    rules = applyFilters(
      rules,
      input.Filters,
      {
        'group-id': ({ group }) => [group.groupId],
        'security-group-rule-id': ({ rule }) => [rule.ruleId],
      },
      ({ rule }) => rule.tags ?? [],
    );
    const { page, nextToken } = paginate(rules, input, { min: 5, max: 1000 });
    return {
      SecurityGroupRules: page.map(({ group, rule }) => ruleOutput(ctx, group, rule)),
      NextToken: nextToken,
    };
  },
  { readOnly: true },
);

/** Inbound rules of security groups: add, remove, list (egress stays the default allow-all). */
export const securityGroupRuleActions: Record<string, ActionDefinition> = {
  AuthorizeSecurityGroupIngress: authorizeSecurityGroupIngress,
  RevokeSecurityGroupIngress: revokeSecurityGroupIngress,
  DescribeSecurityGroupRules: describeSecurityGroupRules,
};
