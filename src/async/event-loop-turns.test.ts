import { describe, expect, it } from 'vitest';
import { eventLoopTurns } from './event-loop-turns';

describe('eventLoopTurns', () => {
  it('lets the event loop run on every n-th call, and only then', async () => {
    const turn = eventLoopTurns(3);
    let ran = 0;
    const queue = () => setImmediate(() => ran++);
    queue();
    await turn();
    await turn();
    // Only microtasks so far: the queued callback has not run.
    expect(ran).toBe(0);
    await turn();
    expect(ran).toBe(1);
    queue();
    await turn();
    await turn();
    expect(ran).toBe(1);
    await turn();
    expect(ran).toBe(2);
  });
});
