import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { apiError } from './api-error';

/** What the sandbox reads from a SigV4 `Authorization` header. */
export interface SigV4Scope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const authPattern =
  /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]{16,128})\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/**
 * Parses the SigV4 header the SDK sends. A request without one, or with one that is not shaped like
 * SigV4, is refused the way AWS refuses it (MissingAuthenticationToken / IncompleteSignature); the
 * region of the request is the one in the credential scope, exactly as AWS routes it.
 */
export function parseSigV4(headers: Record<string, string | string[] | undefined>): SigV4Scope {
  const header = headers.authorization;
  if (header === undefined || header === '') {
    throw apiError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  }
  const match = authPattern.exec(Array.isArray(header) ? (header[0] ?? '') : header);
  const amzDate = headers['x-amz-date'];
  if (!match || typeof amzDate !== 'string' || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    throw apiError(
      'IncompleteSignature',
      'Authorization header requires Credential, SignedHeaders and Signature parameters and an X-Amz-Date header.',
      400,
    );
  }
  const [, accessKeyId = '', date = '', region = '', service = '', signedHeaders = '', signature = ''] =
    match;
  if (!amzDate.startsWith(date)) {
    throw apiError(
      'SignatureDoesNotMatch',
      'Credential should be scoped to a valid date matching X-Amz-Date.',
      403,
    );
  }
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function canonicalUri(path: string): string {
  return path
    .split('/')
    .map((segment) =>
      encodeURIComponent(decodeURIComponent(segment)).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
}

function canonicalQuery(search: string): string {
  const params = [...new URLSearchParams(search)].map(
    ([key, value]) => [encodeRfc3986(key), encodeRfc3986(value)] as const,
  );
  params.sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1));
  return params.map(([key, value]) => `${key}=${value}`).join('&');
}

function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** How far X-Amz-Date may be from the server's clock, either way, before AWS refuses the request. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

function parseAmzDate(amzDate: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

function formatAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * AWS's clock-skew rule: a request signed more than 15 minutes before or after the server's time is
 * refused (a replayed or badly clocked request). Returns AWS's wording (STS and the JSON services
 * put it in the message; EC2 answers RequestExpired), or undefined when the time is acceptable.
 */
export function clockSkewProblem(amzDate: string, nowMs: number): string | undefined {
  const signedAt = parseAmzDate(amzDate);
  if (Number.isNaN(signedAt)) return `Signature expired: ${amzDate} is not a valid date.`;
  if (signedAt < nowMs - MAX_CLOCK_SKEW_MS) {
    return `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(nowMs - MAX_CLOCK_SKEW_MS)} (${formatAmzDate(nowMs)} - 15 min.)`;
  }
  if (signedAt > nowMs + MAX_CLOCK_SKEW_MS) {
    return `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(nowMs + MAX_CLOCK_SKEW_MS)} (${formatAmzDate(nowMs)} + 15 min.)`;
  }
  return undefined;
}

/** What signature verification needs from the HTTP request. */
export interface SignedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Recomputes the SigV4 signature with the account's secret key, as AWS does, so a client with the
 * right access key id but the wrong secret (or a request altered after signing) is refused.
 */
export function signatureMatches(
  request: SignedRequest,
  scope: SigV4Scope,
  secretAccessKey: string,
): boolean {
  return matches(request, scope, secretAccessKey, String(request.headers['x-amz-date'] ?? ''), false);
}

function matches(
  request: SignedRequest,
  scope: SigV4Scope,
  secretAccessKey: string,
  amzDate: string,
  presigned: boolean,
): boolean {
  const url = new URL(request.url, 'http://sandbox.invalid');
  // A presigned URL signs every query parameter except the signature itself.
  if (presigned) url.searchParams.delete('X-Amz-Signature');
  const headerLines = scope.signedHeaders.map((name) => {
    const raw = request.headers[name];
    const value = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
    return `${name}:${value.trim().replace(/\s+/g, ' ')}\n`;
  });
  // The body as received, never the client's x-amz-content-sha256 claim: a body changed after
  // signing must not verify (EC2, STS and the JSON services hash the payload themselves).
  const payloadHash = sha256Hex(request.body);
  const canonical = [
    request.method,
    canonicalUri(url.pathname),
    canonicalQuery(url.search),
    headerLines.join(''),
    scope.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const credentialScope = `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, credentialScope, sha256Hex(canonical)].join('\n');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${secretAccessKey}`, scope.date), scope.region), scope.service),
    'aws4_request',
  );
  const expected = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest();
  const given = Buffer.from(scope.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** What the sandbox reads from a SigV4-presigned URL's query (`X-Amz-Credential`, `X-Amz-Expires`, …). */
export interface PresignedScope extends SigV4Scope {
  amzDate: string;
  expiresSeconds: number;
  securityToken?: string;
}

const credentialPattern = /^([A-Z0-9]{16,128})\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request$/;

/**
 * Parses a presigned URL's query; undefined when it lacks or malforms any of the parameters
 * (AWS then answers that the request is missing an authentication token).
 */
export function parsePresignedSigV4(search: URLSearchParams): PresignedScope | undefined {
  const credential = credentialPattern.exec(search.get('X-Amz-Credential') ?? '');
  const amzDate = search.get('X-Amz-Date') ?? '';
  const expires = search.get('X-Amz-Expires') ?? '';
  const signedHeaders = search.get('X-Amz-SignedHeaders') ?? '';
  const signature = search.get('X-Amz-Signature') ?? '';
  if (
    search.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256' ||
    !credential ||
    !/^\d{8}T\d{6}Z$/.test(amzDate) ||
    !/^\d{1,6}$/.test(expires) ||
    !/^[a-z0-9;-]+$/.test(signedHeaders) ||
    !/^[0-9a-f]{64}$/.test(signature)
  )
    return undefined;
  const [, accessKeyId = '', date = '', region = '', service = ''] = credential;
  const token = search.get('X-Amz-Security-Token');
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: signedHeaders.split(';'),
    signature,
    amzDate,
    expiresSeconds: Number(expires),
    ...(token ? { securityToken: token } : {}),
  };
}

/** When a presigned URL stops being valid (ms), from its X-Amz-Date and X-Amz-Expires. */
export function presignedExpiry(scope: PresignedScope): number {
  return parseAmzDate(scope.amzDate) + scope.expiresSeconds * 1000;
}

/** {@link signatureMatches} for a presigned request (a GET without a body, as a WebSocket upgrade is). */
export function presignedSignatureMatches(
  request: SignedRequest,
  scope: PresignedScope,
  secretAccessKey: string,
): boolean {
  return matches(request, scope, secretAccessKey, scope.amzDate, true);
}
