import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../ipc/app-error';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { recoveryErrorCodes } from '../recovery-errors';
import { httpEgressAddress } from './egress-address';

// The practice sandbox's `GET /checkip` is the real peer for the answer; the ways a checkip
// service can misbehave (errors, junk, huge or silent answers) come from a small real HTTP server
// on loopback, since no public service can be made to do them on demand.
let sandbox: RunningSandbox;
let odd: Server;
let oddUrl: string;
const pending: ServerResponse[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'empty', clientAddress: '198.51.100.23' });
  odd = createServer((request, response) => {
    switch (request.url) {
      case '/500':
        response.writeHead(500).end('oops');
        return;
      case '/junk':
        response.end('<html>hello</html>\n');
        return;
      case '/v6':
        response.end('2001:db8::7\n');
        return;
      case '/huge':
        response.end(`${'1'.repeat(10_000)}\n`);
        return;
      case '/redirect':
        response.writeHead(302, { location: '/ok' }).end();
        return;
      case '/ok':
        response.end('192.0.2.44\n');
        return;
      default:
        // Never answers: the client's timeout has to end it.
        pending.push(response);
    }
  });
  await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
  oddUrl = `http://127.0.0.1:${(odd.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const response of pending) response.destroy();
  await new Promise((resolve) => odd.close(resolve));
  await sandbox.stop();
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a failure');
}

describe('httpEgressAddress', () => {
  it("reads the sandbox's checkip answer, and follows the address it is moved to", async () => {
    const port = httpEgressAddress(`${sandbox.endpoint}/checkip`);
    expect(await port.publicAddress()).toBe('198.51.100.23');
    sandbox.control.setClientAddress('203.0.113.99');
    expect(await port.publicAddress()).toBe('203.0.113.99');
  });

  it('an HTTP error, a non-address, an IPv6 answer, a huge answer or a redirect: egressLookupFailed', async () => {
    const cases: [string, string][] = [
      ['/500', 'HTTP 500'],
      ['/junk', 'the answer "<html>hello</html>" is not an IPv4 address'],
      ['/v6', 'the answer "2001:db8::7" is not an IPv4 address'],
      ['/huge', 'the answer is longer than 64 bytes'],
    ];
    for (const [path, reason] of cases) {
      const error = await failure(httpEgressAddress(`${oddUrl}${path}`).publicAddress());
      expect(error.code, path).toBe(recoveryErrorCodes.egressLookupFailed);
      expect(error.details, path).toEqual({ url: `${oddUrl}${path}`, reason });
      expect(error.message).toContain(`could not be learned from ${oddUrl}${path} (${reason})`);
    }
    const redirected = await failure(httpEgressAddress(`${oddUrl}/redirect`).publicAddress());
    expect(redirected.code).toBe(recoveryErrorCodes.egressLookupFailed);
    expect(await httpEgressAddress(`${oddUrl}/ok`).publicAddress()).toBe('192.0.2.44');
  });

  it('a server that never answers ends at the timeout; a cancel ends it at once', async () => {
    const slow = await failure(httpEgressAddress(`${oddUrl}/silent`, { timeoutMs: 300 }).publicAddress());
    expect(slow.details.reason).toBe('no answer within 0.3 seconds');
    const controller = new AbortController();
    const cancelled = httpEgressAddress(`${oddUrl}/silent`).publicAddress(controller.signal);
    setTimeout(() => controller.abort(), 50);
    expect((await failure(cancelled)).details.reason).toBe('cancelled');
  });

  it('nothing listening: the connection error is the reason', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/checkip`;
    await new Promise((resolve) => closed.close(resolve));
    expect((await failure(httpEgressAddress(url).publicAddress())).details.reason).toBe('ECONNREFUSED');
  });
});
