import { describe, expect, it } from 'vitest';
import type { RegionState } from './model';
import { cidrContains, ingressAllowsTcp, normalizeIngressRules } from './security-group-rules';

describe('security-group rule matching', () => {
  it('cidrContains: prefix boundaries, /0 and /32, malformed input never matches', () => {
    expect(cidrContains('203.0.113.0/24', '203.0.113.255')).toBe(true);
    expect(cidrContains('203.0.113.0/24', '203.0.114.0')).toBe(false);
    expect(cidrContains('203.0.113.7/32', '203.0.113.7')).toBe(true);
    expect(cidrContains('203.0.113.7/32', '203.0.113.6')).toBe(false);
    expect(cidrContains('0.0.0.0/0', '255.255.255.255')).toBe(true);
    expect(cidrContains('10.0.0.0/8', '10.255.0.1')).toBe(true);
    for (const [cidr, address] of [
      ['203.0.113.0/33', '203.0.113.1'],
      ['203.0.113/24', '203.0.113.1'],
      ['203.0.113.0/24', '203.0.113.256'],
      ['203.0.113.0/24', '::ffff:203.0.113.1'],
    ])
      expect(cidrContains(cidr ?? '', address ?? ''), `${cidr} ${address}`).toBe(false);
  });

  it('ingressAllowsTcp: tcp port ranges and all-traffic rules count; udp and group-only rules do not', () => {
    const group = (ingress: { protocol: string; fromPort?: number; toPort?: number; cidrs: string[] }[]) => ({
      groupId: 'sg-1',
      groupName: 'g',
      description: '',
      ingress,
    });
    const here = '203.0.113.7';
    expect(
      ingressAllowsTcp(
        [group([{ protocol: 'tcp', fromPort: 20, toPort: 30, cidrs: ['203.0.113.0/24'] }])],
        22,
        here,
      ),
    ).toBe(true);
    expect(
      ingressAllowsTcp(
        [group([{ protocol: 'tcp', fromPort: 23, toPort: 30, cidrs: ['0.0.0.0/0'] }])],
        22,
        here,
      ),
    ).toBe(false);
    expect(
      ingressAllowsTcp(
        [group([{ protocol: 'udp', fromPort: 22, toPort: 22, cidrs: ['0.0.0.0/0'] }])],
        22,
        here,
      ),
    ).toBe(false);
    expect(ingressAllowsTcp([group([{ protocol: '-1', cidrs: ['203.0.113.7/32'] }])], 22, here)).toBe(true);
    expect(
      ingressAllowsTcp([group([]), group([{ protocol: '-1', cidrs: ['203.0.113.8/32'] }])], 22, here),
    ).toBe(false);
    expect(ingressAllowsTcp([], 22, here)).toBe(false);
  });

  it('normalizeIngressRules splits an older multi-CIDR entry into rules with ids, once', () => {
    const rs = {
      securityGroups: [
        {
          groupId: 'sg-1',
          groupName: 'old',
          description: '',
          ingress: [
            { protocol: 'tcp', fromPort: 22, toPort: 22, cidrs: ['198.51.100.0/24', '203.0.113.0/24'] },
          ],
        },
      ],
    } as unknown as RegionState;
    normalizeIngressRules(rs);
    const rules = rs.securityGroups[0]?.ingress ?? [];
    expect(rules.map((rule) => rule.cidrs)).toEqual([['198.51.100.0/24'], ['203.0.113.0/24']]);
    expect(rules.every((rule) => /^sgr-[0-9a-f]{17}$/.test(rule.ruleId ?? ''))).toBe(true);
    const ids = rules.map((rule) => rule.ruleId);
    normalizeIngressRules(rs);
    expect(rs.securityGroups[0]?.ingress.map((rule) => rule.ruleId)).toEqual(ids);
  });
});
