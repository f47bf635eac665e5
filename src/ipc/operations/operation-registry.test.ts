import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../app-error';
import type { OperationProgress } from '../contracts/operations';
import { operationErrorCodes } from './operation-errors';
import { OperationRegistry, type OperationClock, type OperationContext } from './operation-registry';

/** Time that moves only when the test says so; timers fire in due order. */
class ManualClock implements OperationClock {
  time = 1_000_000;
  private timers: { due: number; fn: () => void }[] = [];
  now = () => this.time;
  after(ms: number, fn: () => void) {
    const timer = { due: this.time + ms, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }
  advance(ms: number) {
    this.time += ms;
    const due = this.timers.filter((t) => t.due <= this.time).sort((a, b) => a.due - b.due);
    this.timers = this.timers.filter((t) => !due.includes(t));
    for (const timer of due) timer.fn();
  }
  get pending() {
    return this.timers.length;
  }
}

type TestResults = { 'test.work': { answer: number } };

/** A step the test releases by hand, so it decides when the work moves on. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

function setup(limits: ConstructorParameters<typeof OperationRegistry>[0] = {}) {
  const clock = new ManualClock();
  let n = 0;
  const registry = new OperationRegistry<TestResults>({ clock, newId: () => `op-${++n}`, ...limits });
  const pushed: OperationProgress[] = [];
  const start = (
    run: (op: OperationContext) => Promise<{ answer: number }>,
    metadata?: Record<string, string>,
  ) =>
    registry.start({
      kind: 'test.work',
      emit: (entry) => pushed.push(entry),
      run,
      ...(metadata ? { metadata } : {}),
    }).operationId;
  return { clock, registry, pushed, start };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('OperationRegistry', () => {
  it('answers the id at once, numbers every entry 1, 2, 3… and ends succeeded with the result', async () => {
    const { registry, pushed, start, clock } = setup();
    const step = gate();
    const id = start(async (op) => {
      op.report({ kind: 'step', step: 'us-east-1', done: 0, total: 2 });
      await step.opened;
      clock.advance(5);
      op.report({ kind: 'stepDone', step: 'us-east-1', done: 1, total: 2, count: 4 });
      return { answer: 42 };
    });
    expect(id).toBe('op-1');
    expect(registry.status(id)).toMatchObject({ state: 'running', kind: 'test.work', lastSeq: 1 });
    await settle();
    expect(registry.status(id).lastSeq).toBe(2);
    step.open();
    const ended = await registry.wait(id, 1000);
    expect(ended).toEqual({
      operationId: 'op-1',
      kind: 'test.work',
      state: 'succeeded',
      lastSeq: 4,
      startedAt: 1_000_000,
      endedAt: 1_000_005,
      metadata: {},
      result: { answer: 42 },
    });
    expect(pushed).toEqual([
      { operationId: 'op-1', seq: 1, kind: 'started', step: 'test.work', at: 1_000_000 },
      { operationId: 'op-1', seq: 2, kind: 'step', step: 'us-east-1', done: 0, total: 2, at: 1_000_000 },
      {
        operationId: 'op-1',
        seq: 3,
        kind: 'stepDone',
        step: 'us-east-1',
        done: 1,
        total: 2,
        count: 4,
        at: 1_000_005,
      },
      { operationId: 'op-1', seq: 4, kind: 'succeeded', step: 'test.work', at: 1_000_005 },
    ]);
    expect(registry.replay(id, 0, 500).entries).toEqual(pushed);
  });

  it('ends failed with an AppError’s code, message and details, and reports any other error as ipc.internal', async () => {
    const onInternalError = vi.fn();
    const { registry, start, pushed } = setup({ onInternalError });
    const failing = start(async () => {
      throw new AppError('aws.accessDenied', 'Not allowed: ec2:DescribeKeyPairs.', { region: 'us-east-1' });
    });
    const buggy = start(async () => {
      throw new TypeError('x is undefined at /src/secret/path.ts:12');
    });
    // The details too: the window's translated text quotes them.
    expect((await registry.wait(failing, 1000)).error).toEqual({
      code: 'aws.accessDenied',
      message: 'Not allowed: ec2:DescribeKeyPairs.',
      details: { region: 'us-east-1' },
    });
    const bug = await registry.wait(buggy, 1000);
    expect(bug.error).toEqual({ code: 'ipc.internal', message: 'Unexpected error in test.work.' });
    expect(bug).not.toHaveProperty('result');
    expect(JSON.stringify(pushed)).not.toContain('secret/path');
    expect(onInternalError).toHaveBeenCalledWith('test.work', expect.any(TypeError));
    expect(pushed.filter((entry) => entry.kind === 'failed').map((entry) => entry.error?.code)).toEqual([
      'aws.accessDenied',
      'ipc.internal',
    ]);
  });

  it('cancels at the next step boundary: the work stops there and the log ends cancelled', async () => {
    const { registry, start, pushed } = setup();
    const step = gate();
    const reached: string[] = [];
    const id = start(async (op) => {
      for (const region of ['a', 'b', 'c']) {
        op.checkpoint();
        reached.push(region);
        op.report({ kind: 'step', step: region });
        if (region === 'a') await step.opened;
      }
      return { answer: 1 };
    });
    await settle();
    expect(registry.cancel(id)).toBe(true);
    step.open();
    const ended = await registry.wait(id, 1000);
    expect(ended.state).toBe('cancelled');
    expect(ended).not.toHaveProperty('error');
    expect(reached).toEqual(['a']);
    expect(pushed.map((entry) => entry.kind)).toEqual(['started', 'step', 'cancelled']);
    expect(registry.cancel(id)).toBe(false);
  });

  it('finishes succeeded when the work completed before it saw the cancel', async () => {
    const { registry, start } = setup();
    const step = gate();
    const id = start(async () => {
      await step.opened;
      return { answer: 7 };
    });
    registry.cancel(id);
    step.open();
    expect(await registry.wait(id, 1000)).toMatchObject({ state: 'succeeded', result: { answer: 7 } });
  });

  it('refuses more live operations than its limit with operations.tooMany, and accepts again after one ends', async () => {
    const { registry, start } = setup({ limits: { maxLive: 2 } });
    const step = gate();
    const first = start(async () => (await step.opened, { answer: 1 }));
    start(async () => (await step.opened, { answer: 2 }));
    expect(() => start(async () => ({ answer: 3 }))).toThrow(
      expect.objectContaining({ code: operationErrorCodes.tooMany }),
    );
    step.open();
    await registry.wait(first, 1000);
    await settle();
    expect(registry.status(start(async () => ({ answer: 4 }))).state).toBe('running');
  });

  it('keeps the newest entries only; seq keeps counting and replay says where the kept log starts', async () => {
    const { registry, start } = setup({ limits: { maxEntries: 5 } });
    const id = start(async (op) => {
      for (let i = 1; i <= 20; i += 1) op.report({ kind: 'note', step: `n${i}` });
      return { answer: 0 };
    });
    await registry.wait(id, 1000);
    const all = registry.replay(id, 0, 500);
    expect(all).toMatchObject({ lastSeq: 22, firstKeptSeq: 18, more: false, state: 'succeeded' });
    expect(all.entries.map((entry) => entry.seq)).toEqual([18, 19, 20, 21, 22]);
    const page = registry.replay(id, 18, 2);
    expect(page.entries.map((entry) => entry.seq)).toEqual([19, 20]);
    expect(page.more).toBe(true);
    expect(registry.replay(id, 22, 2)).toMatchObject({ entries: [], more: false });
  });

  it('forgets an ended operation after keepFinishedMs, and the oldest ended ones beyond maxFinished', async () => {
    const { registry, start, clock } = setup({ limits: { keepFinishedMs: 60_000, maxFinished: 2 } });
    const ids = [start(async () => ({ answer: 1 }))];
    await registry.wait(ids[0] as string, 1000);
    clock.advance(59_999);
    expect(registry.status(ids[0] as string).state).toBe('succeeded');
    clock.advance(1);
    expect(() => registry.status(ids[0] as string)).toThrow(
      expect.objectContaining({ code: operationErrorCodes.notFound }),
    );
    for (let i = 0; i < 3; i += 1) {
      const id = start(async () => ({ answer: i }));
      await registry.wait(id, 1000);
      ids.push(id);
    }
    expect(() => registry.status(ids[1] as string)).toThrow(
      expect.objectContaining({ code: operationErrorCodes.notFound }),
    );
    expect(ids.slice(2).map((id) => registry.status(id).state)).toEqual(['succeeded', 'succeeded']);
    expect(clock.pending).toBe(2); // the forgotten one's timer went with it
  });

  it('wait answers with the operation still running after the timeout, and bounds waiting calls', async () => {
    const { registry, start, clock } = setup({ limits: { maxWaiters: 1 } });
    const step = gate();
    const id = start(async () => (await step.opened, { answer: 1 }));
    const waiting = registry.wait(id, 5000);
    await expect(registry.wait(id, 5000)).rejects.toMatchObject({ code: operationErrorCodes.tooMany });
    clock.advance(5000);
    expect((await waiting).state).toBe('running');
    step.open();
    expect((await registry.wait(id, 5000)).state).toBe('succeeded');
    expect(clock.pending).toBe(1); // only the forget timer; the wait timers were cleared
  });

  it('keeps the opaque metadata set at start and hands it to the work', async () => {
    const { registry, start } = setup();
    let seen: unknown;
    const id = start(
      async (op) => {
        seen = op.metadata;
        return { answer: 1 };
      },
      { accountId: 'profile:work' },
    );
    expect((await registry.wait(id, 1000)).metadata).toEqual({ accountId: 'profile:work' });
    expect(seen).toEqual({ accountId: 'profile:work' });
  });

  it('answers operations.notFound for an id it never started', () => {
    const { registry } = setup();
    for (const call of [
      () => registry.status('op-nope'),
      () => registry.cancel('op-nope'),
      () => registry.replay('op-nope', 0, 10),
    ])
      expect(call).toThrow(expect.objectContaining({ code: operationErrorCodes.notFound }));
  });

  it('keeps running when a push fails (the window went away): replay still has every entry', async () => {
    const onInternalError = vi.fn();
    const registry = new OperationRegistry<TestResults>({ clock: new ManualClock(), onInternalError });
    const { operationId } = registry.start({
      kind: 'test.work',
      emit: () => {
        throw new Error('Object has been destroyed');
      },
      run: async (op) => {
        op.report({ kind: 'note', step: 'x' });
        return { answer: 5 };
      },
    });
    expect((await registry.wait(operationId, 1000)).state).toBe('succeeded');
    expect(registry.replay(operationId, 0, 10).entries.map((entry) => entry.kind)).toEqual([
      'started',
      'note',
      'succeeded',
    ]);
    expect(onInternalError).toHaveBeenCalledTimes(3);
  });

  it('dispose cancels what runs and waits until it stopped', async () => {
    const { registry, start } = setup();
    const step = gate();
    let stopped = false;
    const id = start(async (op) => {
      await step.opened; // the work is under way when the driver shuts down
      await new Promise<void>((resolve) => op.signal.addEventListener('abort', () => resolve()));
      stopped = true;
      op.checkpoint();
      return { answer: 1 };
    });
    step.open();
    await settle();
    await registry.dispose();
    expect(stopped).toBe(true);
    expect(() => registry.status(id)).toThrow(
      expect.objectContaining({ code: operationErrorCodes.notFound }),
    );
  });
});
