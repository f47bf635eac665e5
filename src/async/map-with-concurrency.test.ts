import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from './map-with-concurrency';

describe('mapWithConcurrency', () => {
  it('never runs more than the limit at once, and keeps input order', async () => {
    let running = 0;
    let peak = 0;
    const gates: (() => void)[] = [];
    const pending = mapWithConcurrency([1, 2, 3, 4, 5, 6, 7], 3, async (value) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running -= 1;
      return value * 10;
    });
    // Release tasks one by one in reverse arrival order; the pool refills as each finishes.
    while (gates.length || running) {
      await new Promise((resolve) => setImmediate(resolve));
      gates.pop()?.();
    }
    expect(await pending).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(peak).toBe(3);
  });

  it('handles an empty list', async () => {
    expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
  });
});
