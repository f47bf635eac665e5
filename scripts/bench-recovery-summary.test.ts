import { describe, expect, it } from 'vitest';
import {
  coveredMs,
  exitCodeOf,
  formatTable,
  summarize,
  verdictOf,
  type PathRun,
} from './bench-recovery-summary';

// The benchmark's arithmetic on plain numbers (its wall times are not tested: they are what it measures).
const run = (overrides: Partial<PathRun>): PathRun => ({
  path: 'user data (userdata)',
  window: { startedAt: 1000, endedAt: 12_000 },
  verified: true,
  transitions: [],
  apiCalls: 0,
  ...overrides,
});

describe('coveredMs', () => {
  it('counts overlapping transitions once, clips them to the window and skips those outside it', () => {
    const window = { startedAt: 1000, endedAt: 10_000 };
    expect(
      coveredMs(
        [
          { startedAt: 2000, endedAt: 5000 },
          { startedAt: 4000, endedAt: 6000 }, // overlaps the first by 1 s
          { startedAt: 2500, endedAt: 3000 }, // inside the first
          { startedAt: 500, endedAt: 1500 }, // began before the window
          { startedAt: 9000, endedAt: 11_000 }, // ends after it
          { startedAt: 10_500, endedAt: 12_000 }, // wholly after it
        ],
        window,
      ),
    ).toBe(4000 + 500 + 1000);
    expect(coveredMs([], window)).toBe(0);
  });
});

describe('summarize', () => {
  it('gives the overhead over the AWS time and splits it into before, between and after the transitions', () => {
    const row = summarize(
      run({
        transitions: [
          { startedAt: 1500, endedAt: 4500 }, // stop: 3 s
          { startedAt: 5000, endedAt: 7000 }, // start: 2 s
          { startedAt: 8000, endedAt: 11_000 }, // stop again: 3 s
        ],
        apiCalls: 89,
      }),
    );
    expect(row).toEqual({
      path: 'user data (userdata)',
      verified: true,
      wallMs: 11_000,
      awsMs: 8000,
      transitionCount: 3,
      overheadPct: 37.5,
      beforeMs: 500,
      betweenMs: 1500,
      afterMs: 1000,
      apiCalls: 89,
    });
    expect(verdictOf(row)).toBe('over');
    expect(verdictOf(summarize(run({ transitions: [{ startedAt: 1000, endedAt: 11_500 }] })))).toBe('ok');
  });

  it('a path with no transitions has no overhead % (n/a), all its time before; a failed one is FAILED, whatever its times', () => {
    const direct = summarize(run({ path: 'Instance Connect (eic)', apiCalls: 44 }));
    expect(direct).toMatchObject({
      awsMs: 0,
      transitionCount: 0,
      beforeMs: 11_000,
      betweenMs: 0,
      afterMs: 0,
    });
    expect(direct.overheadPct).toBeUndefined();
    expect(verdictOf(direct)).toBe('n/a');
    const failed = summarize(
      run({
        verified: false,
        failure: 'exit 1: no route',
        transitions: [{ startedAt: 1000, endedAt: 12_000 }],
      }),
    );
    expect(failed.overheadPct).toBe(0);
    expect(verdictOf(failed)).toBe('FAILED');
    expect(exitCodeOf([direct, failed])).toBe(1);
    expect(exitCodeOf([direct])).toBe(0);
  });
});

describe('formatTable', () => {
  it('prints one aligned line per path, and a failed path’s reason under it', () => {
    const table = formatTable([
      summarize(run({ path: 'eic', apiCalls: 44 })),
      summarize(
        run({
          path: 'userdata',
          verified: false,
          failure: 'exit 1: the instance did not start',
          transitions: [{ startedAt: 2000, endedAt: 10_000 }],
          apiCalls: 7,
        }),
      ),
    ]);
    expect(table.split('\n')).toEqual([
      'path      wall s  AWS transitions s  overhead %  before/between/after s  API calls  result',
      'eic        11.00           0.00 (0)           —     11.00 / 0.00 / 0.00         44     n/a',
      'userdata   11.00           8.00 (1)        37.5      1.00 / 0.00 / 2.00          7  FAILED',
      '    exit 1: the instance did not start',
    ]);
  });
});
