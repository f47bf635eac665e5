import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, createWebSocketStream, type WebSocket } from 'ws';
import { SandboxApiError } from './api-error';
import { endpointsOf, usableEndpointStates } from './ec2-instance-connect-endpoints';
import type { SandboxEngine } from './engine';
import { newRequestId } from './ids';
import type { InstanceConnectEndpointRecord, InstanceRecord, RegionState } from './model';
import type { Mutex } from './mutex';
import { ingressAllowsTcp } from './security-group-rules';
import {
  MAX_CLOCK_SKEW_MS,
  parsePresignedSigV4,
  presignedExpiry,
  presignedSignatureMatches,
  type PresignedScope,
} from './sigv4';
import { sandboxUserName } from './sts';
import { callerArn, signingCredentials } from './sts-sessions';

/** The longest presigned URL OpenTunnel accepts (the AWS CLI signs for 60 s). */
export const openTunnelMaxExpiresSeconds = 60;
/** AWS's longest tunnel (maxTunnelDuration's ceiling, and the default). */
const maxTunnelSeconds = 3600;

export interface OpenTunnelDeps {
  engine: SandboxEngine;
  mutex: Mutex;
  tick: () => Promise<void>;
  /** This computer's public address: the source an endpoint with PreserveClientIp passes on. */
  clientAddress: () => string;
}

class TunnelRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const refuse = (status: number, message: string) => new TunnelRefusal(status, message);

function refuseHandshake(socket: Duplex, refusal: TunnelRefusal): void {
  const body = JSON.stringify({ message: refusal.message });
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `x-amzn-RequestId: ${newRequestId()}\r\nConnection: close\r\n\r\n${body}`,
  );
}

interface Admitted {
  instance: InstanceRecord;
  maxSeconds: number;
}

function checkSignature(deps: OpenTunnelDeps, request: IncomingMessage, url: URL): PresignedScope {
  const scope = parsePresignedSigV4(url.searchParams);
  if (!scope) throw refuse(403, 'Missing Authentication Token');
  const state = deps.engine.store.state;
  let signer;
  try {
    signer = signingCredentials(state, scope.accessKeyId, scope.securityToken, Date.now(), 'json');
  } catch (error) {
    if (error instanceof SandboxApiError) throw refuse(403, error.message);
    throw error;
  }
  if (!signer) throw refuse(403, 'The security token included in the request is invalid.');
  if (scope.service !== 'ec2-instance-connect')
    throw refuse(403, "Credential should be scoped to correct service: 'ec2-instance-connect'.");
  if (scope.expiresSeconds > openTunnelMaxExpiresSeconds)
    throw refuse(
      400,
      `X-Amz-Expires must be ${openTunnelMaxExpiresSeconds} seconds or less (it is ${scope.expiresSeconds}).`,
    );
  const signed = {
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    headers: request.headers,
    body: '',
  };
  if (!presignedSignatureMatches(signed, scope, signer.secretAccessKey))
    throw refuse(
      403,
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
  // Wall-clock time, as for every signed request (tests move the engine's clock to age resources).
  const now = Date.now();
  if (now > presignedExpiry(scope))
    throw refuse(403, `Signature expired: the presigned URL signed at ${scope.amzDate} has expired.`);
  if (presignedExpiry(scope) - scope.expiresSeconds * 1000 > now + MAX_CLOCK_SKEW_MS)
    throw refuse(403, `Signature not yet current: ${scope.amzDate} is in the future.`);
  if (state.deniedActions.includes('ec2-instance-connect:OpenTunnel'))
    throw refuse(
      403,
      `User: ${callerArn(state, signer.session, sandboxUserName)} is not authorized to perform: ec2-instance-connect:OpenTunnel`,
    );
  return scope;
}

/** Whether the instance's groups let the endpoint in on the port: its address, or (default group) its group. */
function groupsAdmit(
  rs: RegionState,
  instance: InstanceRecord,
  endpoint: InstanceConnectEndpointRecord,
  port: number,
  source: string,
): boolean {
  const groups = rs.securityGroups.filter((group) => instance.securityGroupIds.includes(group.groupId));
  // The default group's own rule admits all traffic from its members (DescribeSecurityGroups shows
  // it) — traffic from the endpoint's interface, not from a client whose address it preserves.
  const sameDefaultGroup =
    !endpoint.preserveClientIp &&
    groups.some(
      (group) => group.groupName === 'default' && endpoint.securityGroupIds.includes(group.groupId),
    );
  return sameDefaultGroup || ingressAllowsTcp(groups, port, source);
}

function admit(deps: OpenTunnelDeps, request: IncomingMessage, url: URL): Admitted {
  const scope = checkSignature(deps, request, url);
  const rs = deps.engine.store.state.regions[scope.region];
  if (!rs) throw refuse(403, 'The security token included in the request is invalid.');
  const params = url.searchParams;
  const endpointId = params.get('instanceConnectEndpointId') ?? '';
  const address = params.get('privateIpAddress') ?? '';
  const portText = params.get('remotePort') ?? '';
  for (const [name, value] of [
    ['instanceConnectEndpointId', endpointId],
    ['remotePort', portText],
    ['privateIpAddress', address],
  ] as const) {
    if (value === '') throw refuse(400, `Missing required parameter: ${name}`);
  }
  const port = Number(portText);
  if (port !== 22 && port !== 3389) throw refuse(400, `remotePort must be 22 or 3389, not ${portText}.`);
  const durationText = params.get('maxTunnelDuration');
  const maxSeconds = durationText === null ? maxTunnelSeconds : Number(durationText);
  if (!Number.isInteger(maxSeconds) || maxSeconds < 1 || maxSeconds > maxTunnelSeconds)
    throw refuse(400, `maxTunnelDuration must be between 1 and ${maxTunnelSeconds} seconds.`);
  const endpoint = endpointsOf(rs).find((candidate) => candidate.endpointId === endpointId);
  if (!endpoint) throw refuse(404, `The instance connect endpoint ${endpointId} does not exist.`);
  const host = String(request.headers.host ?? '');
  if (host !== endpoint.dnsName && host !== endpoint.fipsDnsName)
    throw refuse(400, `Host ${host} is not the DNS name of ${endpointId}.`);
  if (!usableEndpointStates.includes(endpoint.state))
    throw refuse(
      409,
      `The instance connect endpoint ${endpointId} is not available (state: ${endpoint.state}).`,
    );
  const instance = rs.instances.find(
    (candidate) => candidate.privateIpAddress === address && candidate.state === 'running',
  );
  if (!instance)
    throw refuse(404, `No running instance has the private IP address ${address} in ${rs.vpcId}.`);
  const source = endpoint.preserveClientIp ? deps.clientAddress() : endpoint.privateIpAddress;
  // On AWS the tunnel's TCP connection to the instance times out; the sandbox says why at once.
  if (!groupsAdmit(rs, instance, endpoint, port, source))
    throw refuse(
      504,
      `Connection to ${address}:${port} timed out: the instance's security groups do not allow tcp/${port} from the endpoint (${endpoint.securityGroupIds.join(', ')}, ${source}).`,
    );
  if (port !== 22) throw refuse(504, `Connection to ${address}:${port} timed out: nothing listens there.`);
  return { instance, maxSeconds };
}

/**
 * The OpenTunnel WebSocket of EC2 Instance Connect Endpoints on the sandbox's HTTP server
 * (`GET /openTunnel?…` with the endpoint's DNS name as Host): checks the presigned SigV4 URL, the
 * endpoint and the security groups, then carries the socket's binary frames to the instance's SSH server.
 */
export function createOpenTunnelServer(deps: OpenTunnelDeps): {
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
} {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const open = new Set<WebSocket>();
  return {
    upgrade(request, socket, head) {
      socket.on('error', () => socket.destroy());
      const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
      if (url.pathname !== '/openTunnel') {
        refuseHandshake(socket, refuse(404, `No WebSocket at ${url.pathname}.`));
        return;
      }
      deps.mutex
        .run(async () => {
          await deps.tick();
          return admit(deps, request, url);
        })
        .then(({ instance, maxSeconds }) => {
          wss.handleUpgrade(request, socket, head, (ws) => {
            open.add(ws);
            const timer = setTimeout(() => ws.close(1000, 'maxTunnelDuration reached'), maxSeconds * 1000);
            timer.unref();
            ws.on('close', () => {
              clearTimeout(timer);
              open.delete(ws);
            });
            const stream = createWebSocketStream(ws);
            stream.on('error', () => ws.terminate());
            if (!deps.engine.os.connectSsh(instance.instanceId, stream))
              ws.close(1011, `${instance.instanceId} does not serve SSH`);
          });
        })
        .catch((error: unknown) => {
          refuseHandshake(
            socket,
            error instanceof TunnelRefusal
              ? error
              : refuse(500, `Sandbox internal error: ${(error as Error).message}`),
          );
        });
    },
    close() {
      for (const ws of open) ws.terminate();
      wss.close();
    },
  };
}
