import { isIPv4 } from 'node:net';
import { AppError } from '../../ipc/app-error';
import { recoveryErrorCodes } from '../recovery-errors';

/**
 * How the app learns "this computer's address" — the one a temporary /32 ingress rule opens to.
 * It is the address the instance sees connections come from (after NAT), which only a server on
 * the internet can tell: AWS's checkip service for real accounts, the sandbox's `GET /checkip`
 * for the practice account (src/app picks the URL).
 */
export interface EgressAddressPort {
  /** This computer's public IPv4 address, as `a.b.c.d`. */
  publicAddress(signal?: AbortSignal): Promise<string>;
}

/** AWS's own "what is my IP" service: one line with the caller's IPv4 address. */
export const awsCheckIpUrl = 'https://checkip.amazonaws.com/';

export interface HttpEgressAddressOptions {
  /** Whole request, connect to last byte (default 10 s). */
  timeoutMs?: number;
  /** The answer is one address and a newline; anything longer is not that (default 64 bytes). */
  maxBytes?: number;
}

const defaults = { timeoutMs: 10_000, maxBytes: 64 };

function failure(url: string, reason: string): AppError {
  return new AppError(
    recoveryErrorCodes.egressLookupFailed,
    `This computer's public IPv4 address could not be learned from ${url} (${reason}). Check the network connection, or give the address yourself.`,
    { url, reason },
  );
}

/** Reads at most `maxBytes` of the body; a longer answer is refused, not cut. */
async function boundedText(response: Response, maxBytes: number, url: string): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw failure(url, `the answer is longer than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function reasonOf(error: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `no answer within ${Number((timeoutMs / 1000).toFixed(1))} seconds`;
  const shape = error as { cause?: { code?: string }; message?: string };
  return (shape.cause?.code ?? shape.message ?? String(error)).slice(0, 200);
}

export interface HttpEgressAddress extends EgressAddressPort {
  /** The service asked (shown when it fails). */
  readonly url: string;
}

/** An {@link EgressAddressPort} that GETs `url` and expects one IPv4 address as the body. */
export function httpEgressAddress(url: string, options: HttpEgressAddressOptions = {}): HttpEgressAddress {
  const timeoutMs = options.timeoutMs ?? defaults.timeoutMs;
  const maxBytes = options.maxBytes ?? defaults.maxBytes;
  return {
    url,
    async publicAddress(signal) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      let text: string;
      try {
        // No redirects: an answer from somewhere else is not this service's answer.
        const response = await fetch(url, { signal: combined, redirect: 'error' });
        if (!response.ok) {
          await response.body?.cancel().catch(() => undefined);
          throw failure(url, `HTTP ${response.status}`);
        }
        text = await boundedText(response, maxBytes, url);
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (signal?.aborted) throw failure(url, 'cancelled');
        throw failure(url, reasonOf(error, timeout.aborted, timeoutMs));
      }
      const address = text.trim();
      if (!isIPv4(address)) throw failure(url, `the answer "${address.slice(0, 40)}" is not an IPv4 address`);
      return address;
    },
  };
}
