import { describe, expect, it } from 'vitest';
import { nextPollDelay } from './poll-delay';

describe('nextPollDelay', () => {
  it('sleeps the first delay, then a twentieth of the time waited, never over the cap', () => {
    const limits = { firstDelayMs: 1000, maxDelayMs: 15_000 };
    expect(
      [0, 999, 20_000, 30_000, 60_000, 299_990, 300_000, 3_600_000].map((ms) => nextPollDelay(limits, ms)),
    ).toEqual([1000, 1000, 1000, 1500, 3000, 15_000, 15_000, 15_000]);
  });
});
