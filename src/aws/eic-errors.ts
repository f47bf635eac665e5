/**
 * Every error code the Instance Connect Endpoint tunnel throws on purpose (listed in
 * src/app/error-codes.ts). English comes from each error's message; Japanese from
 * renderer/features/recover/tunnel-error-locales.ts.
 */
export const tunnelErrorCodes = {
  /** The instance is not running (or gone): a tunnel reaches only a running instance. */
  instanceNotRunning: 'tunnel.instanceNotRunning',
  /** No endpoint in the instance's VPC is in a usable state. */
  noEndpoint: 'tunnel.noEndpoint',
  /** More than one usable endpoint in the VPC, none named. */
  severalEndpoints: 'tunnel.severalEndpoints',
  /** The named endpoint is not in a usable state (being created, deleted, failed). */
  endpointUnusable: 'tunnel.endpointUnusable',
  /** The named endpoint is in another VPC than the instance. */
  endpointOtherVpc: 'tunnel.endpointOtherVpc',
  /** The endpoint refused the OpenTunnel handshake (its HTTP status and message). */
  refused: 'tunnel.refused',
  /** The WebSocket could not be opened at all (DNS, network, TLS). */
  unreachable: 'tunnel.unreachable',
  /** `keyrescue tunnel --local-port N`: the port cannot be listened on. */
  localPortUnavailable: 'tunnel.localPortUnavailable',
} as const;
