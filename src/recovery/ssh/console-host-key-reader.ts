import { GetConsoleOutputCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { ResolvedAccount } from '../../aws/account-types';
import { isAccessDeniedError } from '../../aws/aws-errors';
import { withEc2Client } from '../../aws/with-aws-client';
import { AppError } from '../../ipc/app-error';
import { describeInput } from '../../ipc/user-input';
import { recoveryErrorCodes } from '../recovery-errors';
import { decodeConsoleOutput, parseConsoleHostKeys, type ConsoleHostKey } from './console-host-keys';

/**
 * The host key fingerprints an instance printed at boot, read with GetConsoleOutput, for the user
 * to compare with the key SSH is shown (issue 10 §4, research/recovery-paths.md §4 step 11).
 * - `found`: the last boot's block, SHA256 fingerprints;
 * - `empty`: no console output yet (EC2 posts it a few minutes after a start) or any more (it is
 *   kept for about an hour after the last post on older instance types);
 * - `notPrinted`: output, but no host key block (keys_to_console disabled, the image has no
 *   cloud-init, or the boot has not got that far);
 * - `denied`: the caller may not call ec2:GetConsoleOutput.
 * Other failures (no such instance, throttling, network) are AWS errors as everywhere.
 */
export type ConsoleHostKeysStatus = 'found' | 'empty' | 'notPrinted' | 'denied';

export interface ConsoleHostKeysResult {
  status: ConsoleHostKeysStatus;
  keys: ConsoleHostKey[];
  /** Which block the keys came from (`keys`: fingerprints computed from the printed public keys). */
  source?: 'fingerprints' | 'keys';
  /** When EC2 captured the output (ISO 8601), when it says. */
  capturedAt?: string;
}

export interface ConsoleHostKeysRequest {
  instanceId: string;
  region: string;
  signal?: AbortSignal;
}

type Read = { denied: true } | { denied: false; text: string; capturedAt?: string };

async function readOutput(
  client: EC2Client,
  request: ConsoleHostKeysRequest,
  latest: boolean,
): Promise<Read> {
  try {
    const answer = await client.send(
      new GetConsoleOutputCommand({ InstanceId: request.instanceId, ...(latest ? { Latest: true } : {}) }),
      request.signal ? { abortSignal: request.signal } : {},
    );
    return {
      denied: false,
      text: decodeConsoleOutput(answer.Output ?? ''),
      ...(answer.Timestamp ? { capturedAt: answer.Timestamp.toISOString() } : {}),
    };
  } catch (error) {
    if (isAccessDeniedError(error)) return { denied: true };
    throw error;
  }
}

/** What one decoded console output says about host keys (`capturedAt` as EC2 gave it). */
export function consoleHostKeysOf(text: string, capturedAt?: string): ConsoleHostKeysResult {
  const at = capturedAt ? { capturedAt } : {};
  if (text.trim() === '') return { status: 'empty', keys: [], ...at };
  const parsed = parseConsoleHostKeys(text);
  if (!parsed.source) return { status: 'notPrinted', keys: [], ...at };
  return { status: 'found', keys: parsed.keys, source: parsed.source, ...at };
}

function resultOf(read: Read): ConsoleHostKeysResult {
  return read.denied ? { status: 'denied', keys: [] } : consoleHostKeysOf(read.text, read.capturedAt);
}

/**
 * Reads the buffered console output (what every instance type has); when that holds no host keys
 * yet, asks once more for the live output (`Latest`, Nitro instance types only — elsewhere EC2
 * refuses it, and the first answer stands).
 */
export async function readConsoleHostKeys(
  account: ResolvedAccount,
  request: ConsoleHostKeysRequest,
): Promise<ConsoleHostKeysResult> {
  if (!/^i-[0-9a-f]{8,17}$/.test(request.instanceId))
    throw new AppError(
      recoveryErrorCodes.instanceIdInvalid,
      `${describeInput(request.instanceId)} is not an EC2 instance id. Use the form i-0123456789abcdef0.`,
      { instanceId: request.instanceId.slice(0, 100) },
    );
  return withEc2Client(account, request.region, 'GetConsoleOutput', async (client) => {
    const buffered = resultOf(await readOutput(client, request, false));
    if (buffered.status === 'found' || buffered.status === 'denied') return buffered;
    const live = await readOutput(client, request, true).catch((error: unknown) => {
      if (request.signal?.aborted) throw error;
      return null;
    });
    const liveResult = live ? resultOf(live) : null;
    return liveResult?.status === 'found' ? liveResult : buffered;
  });
}
