import { describe, expect, it } from 'vitest';
import { TestClock } from '../../app/clock';
import { AppError } from '../../ipc/app-error';
import { recoveryErrorCodes } from '../recovery-errors';
import { remoteScriptErrorCodes } from '../scripts/script-errors';
import { pollInvocation, type InvocationView, type PollOptions, type Sleeper } from './ssm-command-poller';
import { defaultSsmCommandLimits, resultOf } from './ssm-run-command';

// The poller's timing and the outcome table on plain data. A scripted `read` stands in for
// GetCommandInvocation here only for what the sandbox cannot produce on demand (InvocationDoesNotExist
// right after SendCommand, a delivery that never happens, ten minutes of Pending); the path's
// sandbox test covers the real exchanges.
const view = (status: string, extra: Partial<InvocationView> = {}): InvocationView => ({
  status,
  statusDetails: status,
  responseCode: -1,
  stdout: '',
  stderr: '',
  ...extra,
});

function harness(reads: (InvocationView | 'missing')[], overrides: Partial<PollOptions> = {}) {
  const clock = new TestClock();
  const waits: number[] = [];
  const notes: string[] = [];
  const sleep: Sleeper = async (ms) => {
    waits.push(ms);
    clock.advance(ms);
  };
  let index = 0;
  const options: PollOptions = {
    clock,
    sleep,
    signal: new AbortController().signal,
    sentAt: clock.now(),
    read: async () => reads[Math.min(index++, reads.length - 1)]!,
    note: (detail) => notes.push(detail),
    firstDelayMs: 1000,
    maxDelayMs: 5000,
    maxWaitMs: 600_000,
    missingGraceMs: 60_000,
    ...overrides,
  };
  return { options, waits, notes, clock };
}

describe('pollInvocation', () => {
  it('retries InvocationDoesNotExist, reports progress, polls every first delay for 20 s, and ends at a terminal status', async () => {
    const { options, waits, notes } = harness([
      'missing',
      view('Pending'),
      ...Array.from({ length: 21 }, () => view('InProgress')),
      view('Success', { responseCode: 0 }),
    ]);
    const end = await pollInvocation(options);
    expect(end).toMatchObject({ kind: 'done', invocation: { status: 'Success' } });
    // A twentieth of the time waited once that is over the first delay: 21 s → 1050 ms, 22.05 s → 1103 ms.
    expect(waits).toEqual([...Array.from({ length: 21 }, () => 1000), 1050, 1103, 1158]);
    expect(notes.slice(0, 4)).toEqual(['Pending, 1 s', 'Pending, 2 s', 'InProgress, 3 s', 'InProgress, 4 s']);
    expect(notes.at(-1)).toBe('InProgress, 23 s');
    expect(notes).toHaveLength(23);
  });

  it('gives up after the total bound, its waits grown to the cap; counts a command missing past its grace as lost', async () => {
    const pending = harness([view('Delayed')]);
    expect(await pollInvocation(pending.options)).toMatchObject({
      kind: 'gaveUp',
      last: { status: 'Delayed' },
    });
    expect(pending.clock.now().getTime() - pending.options.sentAt.getTime()).toBe(600_066);
    // 20 s at 1 s, then growing to the 5 s cap at 100 s, then 5 s to the end.
    expect(pending.waits).toHaveLength(153);
    expect(pending.waits.filter((ms) => ms === 5000)).toHaveLength(100);
    expect(await pollInvocation(harness(['missing']).options)).toEqual({ kind: 'missing' });
  });

  it('stops at the next wait when the signal aborts, with the last status it saw', async () => {
    const controller = new AbortController();
    const { options } = harness([view('InProgress')], {
      signal: controller.signal,
      note: () => controller.abort(),
    });
    expect(await pollInvocation(options)).toMatchObject({ kind: 'aborted', last: { status: 'InProgress' } });
  });
});

describe('resultOf', () => {
  const target = { instanceId: 'i-0123456789abcdef0', region: 'us-east-1' };
  const codeOf = (invocation: InvocationView): string => {
    try {
      resultOf(target, 'cmd-1', invocation, defaultSsmCommandLimits);
    } catch (error) {
      return (error as AppError).code;
    }
    return 'result';
  };

  it('tells a delivery timeout from an execution timeout, a foreign cancel and a run that never started', () => {
    expect(codeOf(view('TimedOut', { statusDetails: 'DeliveryTimedOut' }))).toBe(
      recoveryErrorCodes.ssmDeliveryTimedOut,
    );
    expect(codeOf(view('TimedOut', { statusDetails: 'ExecutionTimedOut', responseCode: 143 }))).toBe(
      recoveryErrorCodes.ssmCommandTimedOut,
    );
    expect(codeOf(view('Cancelled'))).toBe(recoveryErrorCodes.ssmCommandCancelled);
    expect(codeOf(view('Failed', { statusDetails: 'Undeliverable' }))).toBe(
      recoveryErrorCodes.ssmCommandFailed,
    );
  });

  it('says when a successful run lost its result line to the 24,000-character cut', () => {
    try {
      resultOf(
        target,
        'cmd-1',
        view('Success', { responseCode: 0, stdout: 'x'.repeat(24_000) }),
        defaultSsmCommandLimits,
      );
      throw new Error('expected a failure');
    } catch (error) {
      expect((error as AppError).code).toBe(remoteScriptErrorCodes.noResult);
      expect((error as AppError).message).toContain('first 24,000 characters');
    }
  });
});
