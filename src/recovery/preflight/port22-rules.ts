import type { NetworkAcl, SecurityGroup } from '@aws-sdk/client-ec2';
import { addressFamily, cidrContains, ruleAdmitsTcpPort } from './address-match';
import type { NaclState, Port22State } from './preflight-facts';

const anywhere = ['0.0.0.0/0', '::/0'];

/**
 * Whether the instance's security groups let this computer reach tcp/22. Groups are allow-only, so
 * any rule that covers the address opens the port. Without an address only a rule open to anywhere
 * proves it; a managed prefix list is not expanded here (it would need GetManagedPrefixListEntries).
 * Rules naming another security group never admit an internet client.
 */
export function evaluateSecurityGroups(
  groups: readonly SecurityGroup[],
  address: string | null,
): Port22State {
  let sawPrefixList = false;
  for (const group of groups) {
    for (const rule of group.IpPermissions ?? []) {
      if (!ruleAdmitsTcpPort(rule.IpProtocol, rule.FromPort, rule.ToPort, 22)) continue;
      const cidrs = [
        ...(rule.IpRanges ?? []).map((range) => range.CidrIp ?? ''),
        ...(rule.Ipv6Ranges ?? []).map((range) => range.CidrIpv6 ?? ''),
      ];
      const groupId = group.GroupId ?? '';
      const match = address
        ? cidrs.find((cidr) => cidrContains(cidr, address))
        : cidrs.find((cidr) => anywhere.includes(cidr));
      if (match) return { kind: 'open', cidr: match, groupId, address };
      if ((rule.PrefixListIds ?? []).length > 0) sawPrefixList = true;
    }
  }
  if (sawPrefixList) return { kind: 'unknown', reason: 'prefixList' };
  if (!address) return { kind: 'unknown', reason: 'noAddress' };
  return { kind: 'closed', address };
}

/** The first entry (lowest rule number) of one direction that matches; NACLs are stateless and ordered. */
function firstMatch(
  acl: NetworkAcl,
  egress: boolean,
  address: string,
  port: number,
): { allow: boolean; ruleNumber: number } {
  const family = addressFamily(address);
  const entries = (acl.Entries ?? [])
    .filter((entry) => Boolean(entry.Egress) === egress)
    .sort((a, b) => (a.RuleNumber ?? 0) - (b.RuleNumber ?? 0));
  for (const entry of entries) {
    const cidr = family === 6 ? entry.Ipv6CidrBlock : entry.CidrBlock;
    if (!cidr || !cidrContains(cidr, address)) continue;
    if (!ruleAdmitsTcpPort(entry.Protocol, entry.PortRange?.From, entry.PortRange?.To, port)) continue;
    return { allow: entry.RuleAction === 'allow', ruleNumber: entry.RuleNumber ?? 0 };
  }
  // Every NACL ends with an implicit "*" deny.
  return { allow: false, ruleNumber: 32767 };
}

/** Ephemeral ports the client's SSH connection may come from (Linux and Windows/macOS defaults). */
const clientPorts = [32768, 49152, 60999, 65535];

/**
 * Whether the subnet's network ACL lets tcp/22 in from this computer and the replies back out
 * (to the client's ephemeral port). Without an address nothing can be said.
 */
export function evaluateNetworkAcl(acl: NetworkAcl | undefined, address: string | null): NaclState {
  if (!acl || !address || addressFamily(address) === null) return { kind: 'unknown' };
  const aclId = acl.NetworkAclId ?? '';
  const inbound = firstMatch(acl, false, address, 22);
  if (!inbound.allow) return { kind: 'deniesInbound', aclId, ruleNumber: inbound.ruleNumber };
  for (const port of clientPorts) {
    const outbound = firstMatch(acl, true, address, port);
    if (!outbound.allow) return { kind: 'deniesReturn', aclId, ruleNumber: outbound.ruleNumber };
  }
  return { kind: 'allows', aclId };
}
