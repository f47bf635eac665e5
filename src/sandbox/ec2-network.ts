import {
  DescribeSecurityGroups$,
  DescribeSubnets$,
  DescribeVpcs$,
  type DescribeSecurityGroupsRequest,
  type DescribeSecurityGroupsResult,
  type DescribeSubnetsRequest,
  type DescribeSubnetsResult,
  type DescribeVpcsRequest,
  type DescribeVpcsResult,
  type IpPermission,
  type IpRange,
} from '@aws-sdk/client-ec2';
import { apiError } from './api-error';
import { defineAction, type ActionDefinition } from './engine';
import { applyFilters } from './filters';
import type { IngressRuleRecord } from './model';
import { paginate } from './pagination';
import { normalizeIngressRules } from './security-group-rules';

/** Rules with the same protocol and ports share one IpPermission, as DescribeSecurityGroups shows them. */
function ipPermissions(rules: IngressRuleRecord[]): IpPermission[] {
  const permissions = new Map<string, IpPermission & { IpRanges: IpRange[] }>();
  for (const rule of rules) {
    const key = `${rule.protocol}/${rule.fromPort}/${rule.toPort}`;
    let permission = permissions.get(key);
    if (!permission) {
      permission = {
        IpProtocol: rule.protocol,
        FromPort: rule.fromPort,
        ToPort: rule.toPort,
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      };
      permissions.set(key, permission);
    }
    for (const cidr of rule.cidrs)
      permission.IpRanges.push({
        CidrIp: cidr,
        ...(rule.description ? { Description: rule.description } : {}),
      });
  }
  return [...permissions.values()];
}

const describeSecurityGroups = defineAction<DescribeSecurityGroupsRequest, DescribeSecurityGroupsResult>(
  DescribeSecurityGroups$,
  (ctx, input) => {
    normalizeIngressRules(ctx.rs);
    let groups = ctx.rs.securityGroups;
    for (const id of input.GroupIds ?? []) {
      if (!groups.some((group) => group.groupId === id))
        throw apiError('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
    }
    for (const name of input.GroupNames ?? []) {
      if (!groups.some((group) => group.groupName === name)) {
        throw apiError(
          'InvalidGroup.NotFound',
          `The security group '${name}' does not exist in default VPC '${ctx.rs.vpcId}'`,
        );
      }
    }
    if (input.GroupIds?.length) groups = groups.filter((group) => input.GroupIds?.includes(group.groupId));
    if (input.GroupNames?.length)
      groups = groups.filter((group) => input.GroupNames?.includes(group.groupName));
    groups = applyFilters(groups, input.Filters, {
      'group-id': (g) => [g.groupId],
      'group-name': (g) => [g.groupName],
      'vpc-id': () => [ctx.rs.vpcId],
      description: (g) => [g.description],
      'owner-id': () => [ctx.state.accountId],
      'ip-permission.from-port': (g) =>
        g.ingress.map((rule) => (rule.fromPort === undefined ? undefined : String(rule.fromPort))),
      'ip-permission.to-port': (g) =>
        g.ingress.map((rule) => (rule.toPort === undefined ? undefined : String(rule.toPort))),
      'ip-permission.cidr': (g) => g.ingress.flatMap((rule) => rule.cidrs),
      'ip-permission.protocol': (g) => g.ingress.map((rule) => rule.protocol),
    });
    const { page, nextToken } = paginate(groups, input, { min: 5, max: 1000 });
    return {
      SecurityGroups: page.map((group) => ({
        GroupId: group.groupId,
        GroupName: group.groupName,
        Description: group.description,
        VpcId: ctx.rs.vpcId,
        OwnerId: ctx.state.accountId,
        SecurityGroupArn: `arn:aws:ec2:${ctx.region}:${ctx.state.accountId}:security-group/${group.groupId}`,
        IpPermissions: [
          ...(group.groupName === 'default'
            ? [
                {
                  IpProtocol: '-1',
                  UserIdGroupPairs: [{ GroupId: group.groupId, UserId: ctx.state.accountId }],
                  IpRanges: [],
                  Ipv6Ranges: [],
                  PrefixListIds: [],
                },
              ]
            : []),
          ...ipPermissions(group.ingress),
        ],
        IpPermissionsEgress: [
          {
            IpProtocol: '-1',
            IpRanges: [{ CidrIp: '0.0.0.0/0' }],
            Ipv6Ranges: [],
            PrefixListIds: [],
            UserIdGroupPairs: [],
          },
        ],
      })),
      NextToken: nextToken,
    };
  },
  { readOnly: true },
);

const describeSubnets = defineAction<DescribeSubnetsRequest, DescribeSubnetsResult>(
  DescribeSubnets$,
  (ctx, input) => {
    let subnets = ctx.rs.subnets;
    for (const id of input.SubnetIds ?? []) {
      if (!subnets.some((subnet) => subnet.subnetId === id))
        throw apiError('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`);
    }
    if (input.SubnetIds?.length)
      subnets = subnets.filter((subnet) => input.SubnetIds?.includes(subnet.subnetId));
    subnets = applyFilters(subnets, input.Filters, {
      'subnet-id': (s) => [s.subnetId],
      'vpc-id': () => [ctx.rs.vpcId],
      'availability-zone': (s) => [s.availabilityZone],
      'default-for-az': () => ['true'],
      'cidr-block': (s) => [s.cidr],
      state: () => ['available'],
    });
    const { page, nextToken } = paginate(subnets, input, { min: 5, max: 1000 });
    return {
      Subnets: page.map((subnet) => ({
        SubnetId: subnet.subnetId,
        VpcId: ctx.rs.vpcId,
        AvailabilityZone: subnet.availabilityZone,
        CidrBlock: subnet.cidr,
        AvailableIpAddressCount: 4091,
        DefaultForAz: true,
        MapPublicIpOnLaunch: true,
        State: 'available',
        OwnerId: ctx.state.accountId,
        SubnetArn: `arn:aws:ec2:${ctx.region}:${ctx.state.accountId}:subnet/${subnet.subnetId}`,
      })),
      NextToken: nextToken,
    };
  },
  { readOnly: true },
);

const describeVpcs = defineAction<DescribeVpcsRequest, DescribeVpcsResult>(
  DescribeVpcs$,
  (ctx, input) => {
    const vpc = { id: ctx.rs.vpcId };
    for (const id of input.VpcIds ?? []) {
      if (id !== vpc.id) throw apiError('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`);
    }
    const vpcs = applyFilters([vpc], input.Filters, {
      'vpc-id': (v) => [v.id],
      'is-default': () => ['true'],
      'cidr-block': () => ['172.31.0.0/16'],
      state: () => ['available'],
    });
    return {
      Vpcs: vpcs.map((v) => ({
        VpcId: v.id,
        CidrBlock: '172.31.0.0/16',
        IsDefault: true,
        State: 'available',
        OwnerId: ctx.state.accountId,
        InstanceTenancy: 'default',
        DhcpOptionsId: 'dopt-0sandbox0000000',
      })),
    };
  },
  { readOnly: true },
);

/** Network description actions (default VPC, subnets, security groups with rules). */
export const networkActions: Record<string, ActionDefinition> = {
  DescribeSecurityGroups: describeSecurityGroups,
  DescribeSubnets: describeSubnets,
  DescribeVpcs: describeVpcs,
};
