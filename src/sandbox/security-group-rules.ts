import { apiError } from './api-error';
import { newResourceId } from './ids';
import type { IngressRuleRecord, RegionState, SecurityGroupRecord } from './model';

/** EC2's limit of inbound rules per security group (the default quota). */
export const maxIngressRulesPerGroup = 60;

/** A dotted IPv4 address as a 32-bit number; undefined when it is not one. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

/** `a.b.c.d/n` as base and prefix length; undefined when malformed. */
export function parseCidr(text: string): { base: number; bits: number } | undefined {
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(text);
  const base = match ? parseIpv4(match[1] ?? '') : undefined;
  const bits = Number(match?.[2]);
  if (base === undefined || !(bits >= 0 && bits <= 32)) return undefined;
  return { base, bits };
}

/** Whether an IPv4 address falls inside a CIDR block (malformed input never matches). */
export function cidrContains(cidr: string, address: string): boolean {
  const block = parseCidr(cidr);
  const ip = parseIpv4(address);
  if (!block || ip === undefined) return false;
  const size = 2 ** (32 - block.bits);
  return Math.floor(ip / size) === Math.floor(block.base / size);
}

/**
 * Whether any of the groups lets `address` reach `port`/tcp: a tcp rule whose range holds the port,
 * or an all-traffic (-1) rule, from a CIDR holding the address. Group-to-group rules (the default
 * group's own) never admit an outside client, as on EC2.
 */
export function ingressAllowsTcp(groups: SecurityGroupRecord[], port: number, address: string): boolean {
  return groups.some((group) =>
    group.ingress.some(
      (rule) =>
        (rule.protocol === '-1' ||
          (rule.protocol === 'tcp' && (rule.fromPort ?? 0) <= port && port <= (rule.toPort ?? 65535))) &&
        rule.cidrs.some((cidr) => cidrContains(cidr, address)),
    ),
  );
}

/**
 * Gives every rule of a region one CIDR and a rule id (state files from before rule ids held
 * several CIDRs in one entry). Idempotent; changes records in place.
 */
export function normalizeIngressRules(rs: RegionState): void {
  for (const group of rs.securityGroups) {
    if (group.ingress.every((rule) => rule.ruleId && rule.cidrs.length === 1)) continue;
    group.ingress = group.ingress.flatMap((rule) =>
      rule.cidrs.length === 1
        ? [{ ...rule, ruleId: rule.ruleId ?? newResourceId('sgr') }]
        : rule.cidrs.map((cidr) => ({ ...rule, cidrs: [cidr], ruleId: newResourceId('sgr') })),
    );
  }
}

const protocolNames: Record<string, string> = {
  tcp: 'tcp',
  '6': 'tcp',
  udp: 'udp',
  '17': 'udp',
  icmp: 'icmp',
  '1': 'icmp',
  '-1': '-1',
  all: '-1',
};

/** A request's IpProtocol in the stored form, or InvalidParameterValue. */
export function normalizeProtocol(value: string | undefined): string {
  const name = protocolNames[(value ?? '').toLowerCase()];
  if (!name)
    throw apiError(
      'InvalidParameterValue',
      `Invalid value '${value ?? ''}' for IP protocol. Unknown protocol.`,
    );
  return name;
}

/** The port range a rule stores: required 0–65535 for tcp/udp, none for all traffic. */
export function portRange(
  protocol: string,
  fromPort: number | undefined,
  toPort: number | undefined,
): { fromPort?: number; toPort?: number } {
  if (protocol === '-1') return {};
  if (protocol === 'icmp') return { fromPort: fromPort ?? -1, toPort: toPort ?? -1 };
  const valid = (port: number | undefined) =>
    port !== undefined && Number.isInteger(port) && port >= 0 && port <= 65535;
  if (!valid(fromPort) || !valid(toPort) || (fromPort ?? 0) > (toPort ?? 0)) {
    throw apiError(
      'InvalidParameterValue',
      `Invalid value for portRange. Must specify both from and to ports with TCP/UDP, from ≤ to, within 0–65535.`,
    );
  }
  return { fromPort, toPort };
}

const descriptionPattern = /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]{0,255}$/;

/** EC2's rule-description rule: up to 255 characters from a small set. */
export function checkRuleDescription(description: string | undefined): void {
  if (description !== undefined && !descriptionPattern.test(description)) {
    throw apiError(
      'InvalidParameterValue',
      'Invalid rule description. Valid descriptions are strings less than 256 characters from the following set:  a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*',
    );
  }
}

/** Same protocol, ports and source: EC2's identity of a rule (the description does not count). */
export function sameRule(a: IngressRuleRecord, b: IngressRuleRecord): boolean {
  return (
    a.protocol === b.protocol &&
    a.fromPort === b.fromPort &&
    a.toPort === b.toPort &&
    a.cidrs.length === b.cidrs.length &&
    a.cidrs.every((cidr, index) => b.cidrs[index] === cidr)
  );
}

/** EC2's wording of a rule in InvalidPermission errors. */
export function describeRule(rule: IngressRuleRecord): string {
  const protocol = rule.protocol === '-1' ? '-1' : rule.protocol.toUpperCase();
  const ports = rule.protocol === '-1' ? '' : `, from port: ${rule.fromPort}, to port: ${rule.toPort}`;
  return `peer: ${rule.cidrs.join(', ')}, ${protocol}${ports}, ALLOW`;
}
