import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** `4` or `6` for an IP address; null for anything else (a host name, garbage). */
export function addressFamily(address: string): 4 | 6 | null {
  return isIPv4(address) ? 4 : isIPv6(address) ? 6 : null;
}

/**
 * Whether `address` lies in `cidr` (IPv4 /0–/32, IPv6 /0–/128). A CIDR that does not parse, or of
 * the other family, contains nothing: AWS only returns valid ones, and a wrong "yes" is worse than a "no".
 */
export function cidrContains(cidr: string, address: string): boolean {
  const [network, prefixText, extra] = cidr.split('/');
  if (extra !== undefined || !network || prefixText === undefined || !/^\d{1,3}$/.test(prefixText))
    return false;
  const family = addressFamily(network);
  const prefix = Number(prefixText);
  if (family === null || family !== addressFamily(address) || prefix > (family === 4 ? 32 : 128))
    return false;
  const list = new BlockList();
  const type = family === 4 ? 'ipv4' : 'ipv6';
  list.addSubnet(network, prefix, type);
  return list.check(address, type);
}

/** Whether a protocol/port range (as EC2 reports rules) admits TCP port `port`. */
export function ruleAdmitsTcpPort(
  protocol: string | undefined,
  fromPort: number | undefined,
  toPort: number | undefined,
  port: number,
): boolean {
  if (protocol === '-1' || protocol === 'all') return true;
  if (protocol !== 'tcp' && protocol !== '6') return false;
  // EC2 reports -1/undefined ports for "all ports" on some rule shapes.
  const from = fromPort === undefined || fromPort === -1 ? 0 : fromPort;
  const to = toPort === undefined || toPort === -1 ? 65535 : toPort;
  return from <= port && port <= to;
}
