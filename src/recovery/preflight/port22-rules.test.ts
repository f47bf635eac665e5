import type { NetworkAcl, SecurityGroup } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { cidrContains, ruleAdmitsTcpPort } from './address-match';
import { evaluateNetworkAcl, evaluateSecurityGroups } from './port22-rules';

describe('cidrContains', () => {
  const cases: [string, string, boolean][] = [
    ['0.0.0.0/0', '203.0.113.7', true],
    ['203.0.113.0/24', '203.0.113.7', true],
    ['203.0.113.0/24', '203.0.114.7', false],
    ['203.0.113.7/32', '203.0.113.7', true],
    ['203.0.113.6/32', '203.0.113.7', false],
    ['203.0.113.0/31', '203.0.113.1', true],
    ['203.0.113.0/31', '203.0.113.2', false],
    ['128.0.0.0/1', '127.255.255.255', false],
    ['128.0.0.0/1', '128.0.0.0', true],
    ['10.0.0.0/8', '10.255.255.255', true],
    ['::/0', '2001:db8::1', true],
    ['2001:db8::/32', '2001:db8:ffff::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['2001:db8::1/128', '2001:db8::1', true],
    ['0.0.0.0/0', '2001:db8::1', false],
    ['::/0', '203.0.113.7', false],
    ['203.0.113.0/33', '203.0.113.7', false],
    ['203.0.113.0', '203.0.113.0', false],
    ['nonsense/8', '10.0.0.1', false],
    ['10.0.0.0/8/8', '10.0.0.1', false],
  ];
  it.each(cases)('%s contains %s: %s', (cidr, address, expected) => {
    expect(cidrContains(cidr, address)).toBe(expected);
  });
});

describe('ruleAdmitsTcpPort', () => {
  const cases: [string | undefined, number | undefined, number | undefined, boolean][] = [
    ['-1', undefined, undefined, true],
    ['tcp', 22, 22, true],
    ['6', 0, 65535, true],
    ['tcp', 20, 21, false],
    ['tcp', 23, 1024, false],
    ['tcp', 1, 1024, true],
    ['udp', 22, 22, false],
    ['icmp', -1, -1, false],
    ['tcp', -1, -1, true],
  ];
  it.each(cases)('%s %s-%s admits 22: %s', (protocol, from, to, expected) => {
    expect(ruleAdmitsTcpPort(protocol, from, to, 22)).toBe(expected);
  });
});

const group = (id: string, rules: SecurityGroup['IpPermissions']): SecurityGroup => ({
  GroupId: id,
  IpPermissions: rules,
});

describe('evaluateSecurityGroups', () => {
  const office = group('sg-office', [
    { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.0/24' }] },
  ]);
  const web = group('sg-web', [
    { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
  ]);
  const all = group('sg-all', [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '198.51.100.0/24' }] }]);
  const v6 = group('sg-v6', [
    { IpProtocol: 'tcp', FromPort: 0, ToPort: 1024, Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }] },
  ]);
  const peer = group('sg-peer', [
    { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: 'sg-x' }] },
  ]);
  const prefix = group('sg-pl', [
    { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: [{ PrefixListId: 'pl-1' }] },
  ]);
  const world = group('sg-world', [
    { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
  ]);

  it('opens for a covering CIDR, by protocol -1, port ranges and IPv6', () => {
    expect(evaluateSecurityGroups([web, office], '203.0.113.7')).toEqual({
      kind: 'open',
      cidr: '203.0.113.0/24',
      groupId: 'sg-office',
      address: '203.0.113.7',
    });
    expect(evaluateSecurityGroups([all], '198.51.100.200')).toEqual({
      kind: 'open',
      cidr: '198.51.100.0/24',
      groupId: 'sg-all',
      address: '198.51.100.200',
    });
    expect(evaluateSecurityGroups([v6], '2001:db8::5')).toEqual({
      kind: 'open',
      cidr: '2001:db8::/32',
      groupId: 'sg-v6',
      address: '2001:db8::5',
    });
  });

  it('is closed when no rule covers the address (other ports, SG references do not count)', () => {
    expect(evaluateSecurityGroups([office, web, peer], '198.51.100.1')).toEqual({
      kind: 'closed',
      address: '198.51.100.1',
    });
    expect(evaluateSecurityGroups([], '198.51.100.1')).toEqual({ kind: 'closed', address: '198.51.100.1' });
    expect(evaluateSecurityGroups([v6], '203.0.113.7')).toEqual({ kind: 'closed', address: '203.0.113.7' });
  });

  it('without an address only "anywhere" proves it; a prefix list stays unknown', () => {
    expect(evaluateSecurityGroups([world], null)).toEqual({
      kind: 'open',
      cidr: '0.0.0.0/0',
      groupId: 'sg-world',
      address: null,
    });
    expect(evaluateSecurityGroups([office], null)).toEqual({ kind: 'unknown', reason: 'noAddress' });
    expect(evaluateSecurityGroups([office, prefix], '198.51.100.1')).toEqual({
      kind: 'unknown',
      reason: 'prefixList',
    });
  });
});

describe('evaluateNetworkAcl', () => {
  const entry = (
    RuleNumber: number,
    Egress: boolean,
    RuleAction: 'allow' | 'deny',
    CidrBlock: string,
    Protocol = '-1',
    PortRange?: { From: number; To: number },
  ) => ({ RuleNumber, Egress, RuleAction, CidrBlock, Protocol, ...(PortRange ? { PortRange } : {}) });
  const defaults = [entry(32767, false, 'deny', '0.0.0.0/0'), entry(32767, true, 'deny', '0.0.0.0/0')];
  const acl = (entries: NetworkAcl['Entries']): NetworkAcl => ({
    NetworkAclId: 'acl-1',
    Entries: [...(entries ?? []), ...defaults],
  });

  it('allows with the default VPC rules', () => {
    expect(
      evaluateNetworkAcl(
        acl([entry(100, false, 'allow', '0.0.0.0/0'), entry(100, true, 'allow', '0.0.0.0/0')]),
        '203.0.113.7',
      ),
    ).toEqual({ kind: 'allows', aclId: 'acl-1' });
  });

  it('applies the lowest-numbered match first', () => {
    const entries = [
      entry(100, false, 'allow', '0.0.0.0/0'),
      entry(90, false, 'deny', '203.0.113.0/24', '6', { From: 22, To: 22 }),
      entry(100, true, 'allow', '0.0.0.0/0'),
    ];
    expect(evaluateNetworkAcl(acl(entries), '203.0.113.7')).toEqual({
      kind: 'deniesInbound',
      aclId: 'acl-1',
      ruleNumber: 90,
    });
    expect(evaluateNetworkAcl(acl(entries), '198.51.100.1')).toEqual({ kind: 'allows', aclId: 'acl-1' });
  });

  it('needs the replies out to the ephemeral ports', () => {
    const entries = [
      entry(100, false, 'allow', '0.0.0.0/0', '6', { From: 22, To: 22 }),
      entry(100, true, 'allow', '0.0.0.0/0', '6', { From: 32768, To: 60999 }),
    ];
    expect(evaluateNetworkAcl(acl(entries), '203.0.113.7')).toEqual({
      kind: 'deniesReturn',
      aclId: 'acl-1',
      ruleNumber: 32767,
    });
    expect(evaluateNetworkAcl(acl([entry(100, true, 'allow', '0.0.0.0/0')]), '203.0.113.7')).toEqual({
      kind: 'deniesInbound',
      aclId: 'acl-1',
      ruleNumber: 32767,
    });
  });

  it('says nothing without an address or an ACL', () => {
    expect(evaluateNetworkAcl(acl([]), null)).toEqual({ kind: 'unknown' });
    expect(evaluateNetworkAcl(undefined, '203.0.113.7')).toEqual({ kind: 'unknown' });
  });
});
