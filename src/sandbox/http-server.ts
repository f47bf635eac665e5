import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { SandboxApiError, apiError, ec2ErrorBody, jsonErrorBody, queryErrorBody } from './api-error';
import type { ActionDefinition, SandboxEngine } from './engine';
import type { FaultTable } from './faults';
import { newRequestId } from './ids';
import { writeJsonResponse } from './json-codec';
import type { Mutex } from './mutex';
import { parseQueryTree, decodeQueryInput } from './query-decoder';
import { dispatchAction } from './dispatch';
import { clockSkewProblem, parseSigV4, signatureMatches } from './sigv4';
import { signingCredentials } from './sts-sessions';
import { writeEc2Response, writeQueryResponse } from './xml-writer';

const maxBodyBytes = 4 * 1024 * 1024;
const stsNamespace = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** A wire protocol and the actions it serves. */
export interface ServiceTable {
  /** IAM service prefix (`ec2`, `sts`, `ssm`, `ec2-instance-connect`) for deny-list entries. */
  iamPrefix: string;
  actions: Record<string, ActionDefinition>;
}

export interface SandboxServerDeps {
  engine: SandboxEngine;
  faults: FaultTable;
  mutex: Mutex;
  ec2: ServiceTable;
  sts: ServiceTable;
  /** JSON 1.1 services by X-Amz-Target prefix (`AmazonSSM`, `AWSEC2InstanceConnectService`). */
  json: Record<string, ServiceTable>;
  /** Advances timed transitions before each request. */
  tick: () => Promise<void>;
  /** The simulated public address of the computer using the sandbox (`GET /checkip` answers it). */
  clientAddress: () => string;
  /** WebSocket upgrades (Instance Connect Endpoint OpenTunnel). */
  upgrade?: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
}

type Protocol = 'ec2' | 'sts' | 'json';

interface ParsedRequest {
  protocol: Protocol;
  action: string;
  service?: ServiceTable;
  body: string;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(apiError('RequestEntityTooLarge', 'Request body too large', 413));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function classify(request: IncomingMessage, body: string, deps: SandboxServerDeps): ParsedRequest {
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') {
    const [prefix = '', action = ''] = target.split('.');
    return { protocol: 'json', action, service: deps.json[prefix], body };
  }
  const params = new URLSearchParams(body);
  const action = params.get('Action') ?? '';
  const version = params.get('Version');
  if (version === '2011-06-15') return { protocol: 'sts', action, service: deps.sts, body };
  return { protocol: 'ec2', action, service: deps.ec2, body };
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  requestId: string,
): void {
  // Encoded once: a large reply (~1 MB for 500 instances) would otherwise be measured, then encoded.
  const bytes = Buffer.from(body, 'utf8');
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': bytes.length,
    'x-amzn-requestid': requestId,
  });
  response.end(bytes);
}

function sendError(
  response: ServerResponse,
  protocol: Protocol,
  error: SandboxApiError,
  requestId: string,
): void {
  if (protocol === 'json') {
    response.setHeader('x-amzn-errortype', error.code);
    send(response, error.status, 'application/x-amz-json-1.1', jsonErrorBody(error), requestId);
  } else if (protocol === 'sts') {
    send(response, error.status, 'text/xml', queryErrorBody(error, requestId, stsNamespace), requestId);
  } else {
    send(response, error.status, 'text/xml;charset=UTF-8', ec2ErrorBody(error, requestId), requestId);
  }
}

function authFailure(protocol: Protocol): SandboxApiError {
  if (protocol === 'ec2')
    return apiError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401);
  if (protocol === 'sts')
    return apiError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
  return apiError(
    'UnrecognizedClientException',
    'The security token included in the request is invalid.',
    400,
  );
}

function signatureMismatch(protocol: Protocol): SandboxApiError {
  const message =
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.';
  if (protocol === 'ec2')
    return apiError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401);
  if (protocol === 'sts') return apiError('SignatureDoesNotMatch', message, 403);
  return apiError('InvalidSignatureException', message, 400);
}

/** AWS's answers to a request signed too long ago or in the future, per protocol. */
function requestExpired(protocol: Protocol, problem: string): SandboxApiError {
  if (protocol === 'ec2') return apiError('RequestExpired', 'Request has expired.', 400);
  if (protocol === 'sts') return apiError('SignatureDoesNotMatch', problem, 403);
  return apiError('InvalidSignatureException', problem, 400);
}

function unknownAction(parsed: ParsedRequest): SandboxApiError {
  if (parsed.protocol === 'json')
    return apiError('UnknownOperationException', `Unknown operation ${parsed.action}`, 400);
  if (parsed.action === '')
    return apiError('MissingAction', 'The request must contain the parameter Action', 400);
  return apiError('InvalidAction', `The action ${parsed.action} is not valid for this web service.`, 400);
}

function decodeInput(parsed: ParsedRequest, definition: ActionDefinition): unknown {
  const inputSchema =
    typeof definition.schema[4] === 'function'
      ? (definition.schema[4] as () => unknown)()
      : definition.schema[4];
  if (parsed.protocol === 'json') {
    try {
      return parsed.body === '' ? {} : (JSON.parse(parsed.body) as unknown);
    } catch {
      throw apiError('SerializationException', 'Request body is not valid JSON', 400);
    }
  }
  return decodeQueryInput(inputSchema, parseQueryTree(new URLSearchParams(parsed.body)), {
    ec2: parsed.protocol === 'ec2',
  });
}

function encodeOutput(
  parsed: ParsedRequest,
  definition: ActionDefinition,
  output: unknown,
  requestId: string,
): [string, string] {
  const outputSchema =
    typeof definition.schema[5] === 'function'
      ? (definition.schema[5] as () => unknown)()
      : definition.schema[5];
  if (parsed.protocol === 'json') return ['application/x-amz-json-1.1', writeJsonResponse(output)];
  if (parsed.protocol === 'sts') {
    return [
      'text/xml',
      writeQueryResponse(parsed.action, outputSchema, (output ?? {}) as object, requestId, stsNamespace),
    ];
  }
  return [
    'text/xml;charset=UTF-8',
    writeEc2Response(parsed.action, outputSchema, (output ?? {}) as object, requestId),
  ];
}

async function applyFault(
  deps: SandboxServerDeps,
  parsed: ParsedRequest,
  request: IncomingMessage,
): Promise<SandboxApiError | 'dropped' | 'drop-after-apply' | undefined> {
  const fault = deps.faults.take(parsed.action);
  if (!fault) return undefined;
  if (fault.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
  switch (fault.kind) {
    case 'throttle':
      return parsed.protocol === 'ec2'
        ? apiError('RequestLimitExceeded', 'Request limit exceeded.', 503)
        : parsed.protocol === 'sts'
          ? apiError('Throttling', 'Rate exceeded', 400)
          : apiError('ThrottlingException', 'Rate exceeded', 400);
    case 'internal-error':
      return apiError(
        parsed.protocol === 'json' ? 'InternalServerError' : 'InternalError',
        'An internal error has occurred',
        500,
      );
    case 'unavailable':
      return apiError('ServiceUnavailable', 'The service is unavailable. Please try again shortly.', 503);
    case 'drop-connection':
      request.socket.destroy();
      return 'dropped';
    case 'drop-after-apply':
      return 'drop-after-apply';
    default:
      return undefined;
  }
}

/** Logs the request in the activity log; its status is filled in when the answer is sent. */
function logRequest(
  deps: SandboxServerDeps,
  response: ServerResponse,
  service: string,
  action: string,
): void {
  const entry = deps.engine.activity.request(deps.engine.clock.now(), service, action);
  response.once('finish', () => {
    entry.status = response.statusCode;
  });
}

async function handle(
  deps: SandboxServerDeps,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const requestId = newRequestId();
  let protocol: Protocol = typeof request.headers['x-amz-target'] === 'string' ? 'json' : 'ec2';
  try {
    // Like checkip.amazonaws.com: the address the "internet" sees this computer at.
    if (request.method === 'GET' && request.url === '/checkip') {
      logRequest(deps, response, 'checkip', 'GET');
      send(response, 200, 'text/plain; charset=utf-8', `${deps.clientAddress()}\n`, requestId);
      return;
    }
    if (request.method !== 'POST')
      throw apiError(
        'InvalidHttpRequest',
        'The sandbox accepts only POST requests (Query and JSON protocols).',
        400,
      );
    const body = await readBody(request);
    const parsed = classify(request, body, deps);
    protocol = parsed.protocol;
    logRequest(deps, response, parsed.service?.iamPrefix ?? protocol, parsed.action);
    const scope = parseSigV4(request.headers);
    const signer = signingCredentials(
      deps.engine.store.state,
      scope.accessKeyId,
      request.headers['x-amz-security-token'],
      deps.engine.clock.now(),
      protocol,
    );
    if (!signer) throw authFailure(protocol);
    // Wall-clock time, not the engine's clock: tests move that one to age instances and credentials,
    // while the SDK signs with the real time (and corrects its own skew from our Date header).
    const skew = clockSkewProblem(String(request.headers['x-amz-date']), Date.now());
    if (skew) throw requestExpired(protocol, skew);
    const signed = { method: request.method, url: request.url ?? '/', headers: request.headers, body };
    if (!signatureMatches(signed, scope, signer.secretAccessKey)) throw signatureMismatch(protocol);
    const regionState = deps.engine.store.state.regions[scope.region];
    if (!regionState) throw authFailure(protocol);
    const definition = parsed.service?.actions[parsed.action];
    if (!parsed.service || !definition) throw unknownAction(parsed);
    const fault = await applyFault(deps, parsed, request);
    if (fault === 'dropped') return;
    if (fault && fault !== 'drop-after-apply') throw fault;
    const input = decodeInput(parsed, definition);
    const output = await deps.mutex.run(async () => {
      await deps.tick();
      return dispatchAction(deps.engine, {
        definition,
        action: parsed.action,
        iamPrefix: parsed.service?.iamPrefix ?? '',
        protocol,
        region: scope.region,
        rs: regionState,
        requestId,
        input,
        ...(signer.session ? { session: signer.session } : {}),
      });
    });
    // AWS did it; the answer is lost on the way (the worst case for a call without a client token).
    if (fault === 'drop-after-apply') {
      request.socket.destroy();
      return;
    }
    const [contentType, text] = encodeOutput(parsed, definition, output, requestId);
    send(response, 200, contentType, text, requestId);
  } catch (error) {
    if (response.headersSent || request.socket.destroyed) return;
    const apiFailure =
      error instanceof SandboxApiError
        ? error
        : apiError(
            protocol === 'json' ? 'InternalServerError' : 'InternalError',
            `Sandbox internal error: ${(error as Error).message}`,
            500,
          );
    sendError(response, protocol, apiFailure, requestId);
  }
}

/** Starts the one HTTP server that speaks all four protocols; resolves with its bound port. */
export async function startHttpServer(
  deps: SandboxServerDeps,
  host: string,
  port: number,
): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    void handle(deps, request, response);
  });
  server.keepAliveTimeout = 5000;
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (deps.upgrade) deps.upgrade(request, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}
