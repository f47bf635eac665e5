import { AppError } from '../../ipc/app-error';
import { recoveryErrorCodes } from '../recovery-errors';

/**
 * Where the SSH paths (another login, Instance Connect) and the verification login reach an
 * instance. In order: the user's own host/port (a VPN address, a bastion's forward), then the one
 * the user gave for this instance before and that led to a verified login (remembered), then an
 * account-specific endpoint (the practice account serves each instance's sshd on loopback; real
 * AWS has none), then the instance's public IPv4, its public DNS name, its private IPv4.
 */

export interface SshAddress {
  host: string;
  port: number;
}

export const sshEndpointSources = [
  'override',
  'remembered',
  'endpointLookup',
  'publicIp',
  'publicDns',
  'privateIp',
] as const;
export type SshEndpointSource = (typeof sshEndpointSources)[number];

export interface SshEndpoint extends SshAddress {
  /** Which rule chose it, so the UI can say why ("the instance's public address"). */
  source: SshEndpointSource;
}

/**
 * An account's own idea of where an instance's SSH is served. The practice account implements it
 * from its `keyrescue:ssh-endpoint` tag (wired in src/app, since recovery never imports the
 * sandbox); for real AWS there is no lookup. `null`: nothing special for this instance.
 */
export interface SshEndpointLookup {
  endpointOf(instanceId: string, region: string): Promise<SshAddress | null>;
}

/** The instance's addresses as DescribeInstances (or preflight's InstanceFacts) has them. */
export interface InstanceAddresses {
  publicIp: string | null;
  publicDns: string | null;
  privateIp: string | null;
}

/** What the user gave (`--ssh-host`, `--ssh-port`); a port alone applies to the chosen host. */
export interface SshOverride {
  host?: string;
  port?: number;
}

/**
 * The SSH targets users gave per instance (account id, region, instance id), remembered once they
 * led to a verified login (src/settings/remembered-ssh-targets.ts implements it).
 */
export interface SshTargetMemory {
  get(key: { accountId: string; region: string; instanceId: string }): Promise<SshAddress | null>;
  remember(key: { accountId: string; region: string; instanceId: string }, target: SshAddress): Promise<void>;
}

export interface ChooseSshEndpointInput {
  instanceId: string;
  addresses: InstanceAddresses;
  override?: SshOverride;
  /** The target remembered for this instance; used only when the user gave neither host nor port. */
  remembered?: SshAddress | null;
  /** The lookup's answer, when the account has one. */
  lookedUp?: SshAddress | null;
}

const defaultPort = 22;

/** EC2 reports "no public name" as an empty string, not an absent field. */
function present(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function noAddressError(instanceId: string): AppError {
  return new AppError(
    recoveryErrorCodes.sshNoAddress,
    `Instance ${instanceId} has no public or private IPv4 address to connect to over SSH. Give the address that reaches its port 22 (for example through a VPN or a bastion's port forward).`,
    { instanceId },
  );
}

/** The rules above as a pure function (table-tested); throws `sshNoAddress` when nothing is left. */
export function chooseSshEndpoint(input: ChooseSshEndpointInput): SshEndpoint {
  const port = input.override?.port;
  const withPort = (address: SshAddress, source: SshEndpointSource): SshEndpoint => ({
    host: address.host,
    port: port ?? address.port,
    source,
  });
  const overrideHost = present(input.override?.host);
  if (overrideHost) return withPort({ host: overrideHost, port: defaultPort }, 'override');
  if (input.remembered && port === undefined) return withPort(input.remembered, 'remembered');
  if (input.lookedUp) return withPort(input.lookedUp, 'endpointLookup');
  const { addresses } = input;
  const candidates: [string | undefined, SshEndpointSource][] = [
    [present(addresses.publicIp), 'publicIp'],
    [present(addresses.publicDns), 'publicDns'],
    [present(addresses.privateIp), 'privateIp'],
  ];
  for (const [host, source] of candidates) if (host) return withPort({ host, port: defaultPort }, source);
  throw noAddressError(input.instanceId);
}

export interface ResolveSshEndpointInput extends Omit<ChooseSshEndpointInput, 'lookedUp'> {
  region: string;
  lookup?: SshEndpointLookup;
}

/** {@link chooseSshEndpoint}, asking the account's lookup first unless the user gave a host. */
export async function resolveSshEndpoint(input: ResolveSshEndpointInput): Promise<SshEndpoint> {
  const remembered = input.override?.port === undefined ? input.remembered : null;
  const lookedUp =
    present(input.override?.host) || remembered || !input.lookup
      ? null
      : await input.lookup.endpointOf(input.instanceId, input.region);
  return chooseSshEndpoint({ ...input, lookedUp });
}

/** `host:port` as the journal and messages show it (IPv6 literals in brackets). */
export function sshEndpointText(address: SshAddress): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
