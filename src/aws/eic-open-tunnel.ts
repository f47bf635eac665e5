import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { SignatureV4 } from '@smithy/signature-v4';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  Checksum,
  SourceData,
} from '@smithy/types';
import WebSocket, { createWebSocketStream } from 'ws';

/** How long the presigned URL is valid, as the AWS CLI signs it (eicesigner.py). */
export const openTunnelPresignSeconds = 60;

/** Where one tunnel goes: an endpoint (by its DNS name) and an instance's private address. */
export interface OpenTunnelTarget {
  endpointId: string;
  /** The endpoint's DnsName (or FipsDnsName). */
  dnsName: string;
  privateIpAddress: string;
  remotePort?: number;
  /** Seconds, 1–3600 (the tunnel's own limit; the service's default is 3600). */
  maxTunnelDuration?: number;
}

export interface PresignOptions {
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Default now. */
  signingDate?: Date;
  /** Default {@link openTunnelPresignSeconds}. */
  expiresIn?: number;
}

/** Node's SHA-256 in the shape the SDK signer takes (a hash constructor, HMAC when given a secret). */
class NodeSha256 implements Checksum {
  private hash: Hash | Hmac;
  private readonly secret: string | Buffer | undefined;
  constructor(secret?: SourceData) {
    this.secret =
      secret === undefined || typeof secret === 'string'
        ? secret
        : ArrayBuffer.isView(secret)
          ? Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength)
          : Buffer.from(new Uint8Array(secret));
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
  update(data: Uint8Array | string): void {
    this.hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

/**
 * The OpenTunnel URL `wss://<dns>/openTunnel?…`, presigned with the SDK's own SigV4 signer
 * (signing name `ec2-instance-connect`), as `aws ec2-instance-connect open-tunnel` builds it.
 */
export async function presignOpenTunnelUrl(
  target: OpenTunnelTarget,
  options: PresignOptions,
): Promise<string> {
  const signer = new SignatureV4({
    service: 'ec2-instance-connect',
    region: options.region,
    credentials: options.credentials,
    sha256: NodeSha256,
  });
  const query: Record<string, string> = {
    instanceConnectEndpointId: target.endpointId,
    remotePort: String(target.remotePort ?? 22),
    privateIpAddress: target.privateIpAddress,
  };
  if (target.maxTunnelDuration !== undefined) query.maxTunnelDuration = String(target.maxTunnelDuration);
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'wss:',
      hostname: target.dnsName,
      path: '/openTunnel',
      query,
      headers: { host: target.dnsName },
    },
    {
      expiresIn: options.expiresIn ?? openTunnelPresignSeconds,
      ...(options.signingDate ? { signingDate: options.signingDate } : {}),
    },
  );
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(signed.query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) if (item !== null) search.append(key, item);
  }
  return `wss://${target.dnsName}/openTunnel?${search.toString()}`;
}

/** The service refused the tunnel's handshake: its HTTP status and message. */
export class OpenTunnelRefused extends Error {
  constructor(
    readonly status: number,
    readonly serviceMessage: string,
  ) {
    super(`OpenTunnel was refused (HTTP ${status}): ${serviceMessage}`);
  }
}

const maxRefusalBodyBytes = 16 * 1024;

function readRefusal(status: number, response: NodeJS.ReadableStream): Promise<OpenTunnelRefused> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let message = text.trim();
      try {
        const parsed = JSON.parse(text) as { message?: unknown; Message?: unknown };
        const field = parsed.message ?? parsed.Message;
        if (typeof field === 'string') message = field;
      } catch {
        // Not JSON: the text as it came.
      }
      resolve(new OpenTunnelRefused(status, message.slice(0, 1000)));
    };
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxRefusalBodyBytes) chunks.push(chunk);
    });
    response.on('end', finish);
    response.on('error', finish);
  });
}

export interface OpenTunnelOptions {
  /**
   * An endpoint override (the practice sandbox): the WebSocket goes there, in plain ws for http,
   * with the endpoint's DNS name as Host — the name that was signed.
   */
  endpointOverride?: string;
  /** Handshake bound, ms (default 15 s). */
  handshakeTimeoutMs?: number;
}

/**
 * Opens the presigned WebSocket and resolves with a duplex stream of the tunnel's TCP bytes
 * (binary frames), or rejects with {@link OpenTunnelRefused} when the service refuses.
 */
export function openTunnelStream(presignedUrl: string, options: OpenTunnelOptions = {}): Promise<Duplex> {
  const url = new URL(presignedUrl);
  let target = url;
  const headers: Record<string, string> = {};
  if (options.endpointOverride) {
    const override = new URL(options.endpointOverride);
    target = new URL(
      `${override.protocol === 'https:' ? 'wss:' : 'ws:'}//${override.host}${url.pathname}${url.search}`,
    );
    headers.host = url.host;
  }
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(target, {
      headers,
      handshakeTimeout: options.handshakeTimeoutMs ?? 15_000,
      ...(options.endpointOverride ? { servername: url.hostname } : {}),
    });
    socket.once('unexpected-response', (_request, response) => {
      // Read the refusal's body first: terminating now would report only "closed before open".
      socket.off('error', reject);
      socket.on('error', () => undefined);
      void readRefusal(response.statusCode ?? 0, response).then((refusal) => {
        reject(refusal);
        socket.terminate();
      });
    });
    socket.once('error', reject);
    socket.once('open', () => {
      socket.off('error', reject);
      resolve(createWebSocketStream(socket));
    });
  });
}
