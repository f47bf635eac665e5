import { afterAll, describe, expect, it } from 'vitest';
import type { PracticePlace } from '../../app/test-support/practice-core';
import { caseName, faultCases, preflightActions, ResourcePool } from '../test-support/fault-matrix';
import { recordRun, runFaultCase, startFaultPlace, type StopPath } from '../test-support/stop-path-faults';

// `keyrescue recover --via userdata` in-process on the practice account (real SDK over HTTP) with
// one AWS call faulted per case: every action an uninterrupted run calls (the sandbox's activity
// log) gets a throttle, a 500 and a dropped connection; every call that changes something also a
// drop after AWS applied it. The preflight's calls (the same on the rescue volume path) are faulted
// here only. Each case ends verified — at once, or after `journal resume` — with legacy-app
// running on its own root, its user data byte for byte, the new key on one line.
const path: StopPath = {
  args: (keyPath) => [
    ...['--via', 'userdata', '--user', 'ec2-user', '--generate', '-o', keyPath],
    ...['--accept-new-host-key', '--yes'],
  ],
  snapshots: 0,
};
// Cases run side by side, one sandbox each (reused: every case leaves it as it found it).
const pool = new ResourcePool<PracticePlace>(
  5,
  () => startFaultPlace('userdata-faults'),
  (place) => place.dispose(),
);
const recorded = await pool.with((place) => recordRun(place, path));
const cases = faultCases(recorded, { preflight: true });
const table: string[] = [];
afterAll(async () => {
  console.info(`user data path faults (${cases.length} cases):\n${table.sort().join('\n')}`);
  await pool.close();
});

describe.concurrent('keyrescue recover --via userdata with a fault at each AWS call', () => {
  it('faults every action the path calls (a new call shows up here first)', () => {
    const actions = (phase: string) =>
      [...new Set(cases.filter((c) => c.phase === phase).map((c) => c.action))].sort();
    expect(actions('preflight')).toEqual(preflightActions);
    expect(actions('run')).toEqual([
      'DescribeInstanceAttribute',
      'DescribeInstances',
      'GetConsoleOutput',
      'ModifyInstanceAttribute',
      'StartInstances',
      'StopInstances',
    ]);
    // Each call that changes something: the stop, set, start, then stop, restore, start.
    const mutating = cases
      .filter((c) => c.kind === 'drop-after-apply')
      .map((c) => `${c.action} #${c.skip + 1}`);
    expect(mutating).toEqual([
      'StopInstances #3',
      'ModifyInstanceAttribute #3',
      'StartInstances #3',
      'StopInstances #4',
      'ModifyInstanceAttribute #4',
      'StartInstances #4',
    ]);
  });

  it.each(cases.map((c) => [caseName(c), c] as const))(
    '%s',
    async (name, c) => {
      const ended = await pool.with((place) => runFaultCase(place, path, c));
      table.push(`${name}: ${ended}`);
    },
    90_000,
  );
});
