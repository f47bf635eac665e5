import { createHash } from 'node:crypto';
import {
  DescribeNetworkAcls$,
  type DescribeNetworkAclsRequest,
  type DescribeNetworkAclsResult,
  type NetworkAcl,
} from '@aws-sdk/client-ec2';
import { apiError } from './api-error';
import { defineAction, type ActionContext, type ActionDefinition } from './engine';
import { applyFilters } from './filters';
import { paginate } from './pagination';

/** The default VPC's network ACL id (stable per region, like the VPC it belongs to). */
export function defaultNetworkAclId(vpcId: string): string {
  return `acl-${createHash('sha256').update(vpcId).digest('hex').slice(0, 17)}`;
}

/** A default VPC's ACL as AWS creates it: everything allowed both ways (rule 100), then the `*` deny. */
function defaultAcl(ctx: ActionContext): NetworkAcl {
  const aclId = defaultNetworkAclId(ctx.rs.vpcId);
  const entry = (egress: boolean, ruleNumber: number, action: 'allow' | 'deny') => ({
    CidrBlock: '0.0.0.0/0',
    Egress: egress,
    Protocol: '-1',
    RuleAction: action,
    RuleNumber: ruleNumber,
  });
  return {
    NetworkAclId: aclId,
    VpcId: ctx.rs.vpcId,
    IsDefault: true,
    OwnerId: ctx.state.accountId,
    Associations: ctx.rs.subnets.map((subnet, index) => ({
      NetworkAclAssociationId: `aclassoc-${aclId.slice(4, 12)}${String(index).padStart(9, '0')}`,
      NetworkAclId: aclId,
      SubnetId: subnet.subnetId,
    })),
    Entries: [
      entry(true, 100, 'allow'),
      entry(true, 32767, 'deny'),
      entry(false, 100, 'allow'),
      entry(false, 32767, 'deny'),
    ],
    Tags: [],
  };
}

const describeNetworkAcls = defineAction<DescribeNetworkAclsRequest, DescribeNetworkAclsResult>(
  DescribeNetworkAcls$,
  (ctx, input) => {
    const acl = defaultAcl(ctx);
    for (const id of input.NetworkAclIds ?? []) {
      if (id !== acl.NetworkAclId)
        throw apiError('InvalidNetworkAclID.NotFound', `The network ACL ID '${id}' does not exist`);
    }
    const acls = applyFilters([acl], input.Filters, {
      'network-acl-id': (a) => [a.NetworkAclId],
      'vpc-id': (a) => [a.VpcId],
      default: () => ['true'],
      'association.subnet-id': (a) => (a.Associations ?? []).map((association) => association.SubnetId),
      'association.network-acl-id': (a) => [a.NetworkAclId],
      'owner-id': (a) => [a.OwnerId],
    });
    const { page, nextToken } = paginate(acls, input, { min: 5, max: 1000 });
    return { NetworkAcls: page, NextToken: nextToken };
  },
  { readOnly: true },
);

/** DescribeNetworkAcls: the default VPC's ACL (allow all), associated with every subnet. */
export const networkAclActions: Record<string, ActionDefinition> = {
  DescribeNetworkAcls: describeNetworkAcls,
};
