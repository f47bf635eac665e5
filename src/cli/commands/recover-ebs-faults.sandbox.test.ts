import { afterAll, describe, expect, it } from 'vitest';
import type { PracticePlace } from '../../app/test-support/practice-core';
import { caseName, faultCases, preflightActions, ResourcePool } from '../test-support/fault-matrix';
import { recordRun, runFaultCase, startFaultPlace, type StopPath } from '../test-support/stop-path-faults';

// `keyrescue recover --via ebs --rescue-instance` (ops-box over SSM) in-process on the practice
// account (real SDK over HTTP) with one AWS call faulted per case: every action the steps of an
// uninterrupted run call gets a throttle, a 500 and a dropped connection; every call that changes
// something also a drop after AWS applied it. (The preflight's calls, the same as the user data
// path's, are faulted in recover-userdata-faults.) Each case ends verified — at once, or after
// `journal resume` — with exactly one KeyRescue snapshot, legacy-app's root back on its device,
// ops-box's volumes as before, no instance more, and the new key on one line.
const path: StopPath = {
  args: (keyPath, opsBox) => [
    ...['--via', 'ebs', '--rescue-instance', opsBox, '--keep-snapshot'],
    ...['--user', 'ec2-user', '--generate', '-o', keyPath, '--accept-new-host-key', '--yes'],
  ],
  snapshots: 1,
};
// Cases run side by side, one sandbox each (reused: every case leaves it as it found it).
const pool = new ResourcePool<PracticePlace>(
  5,
  () => startFaultPlace('ebs-faults'),
  (place) => place.dispose(),
);
const recorded = await pool.with((place) => recordRun(place, path));
const cases = faultCases(recorded, { preflight: false });
const table: string[] = [];
afterAll(async () => {
  console.info(`rescue volume path faults (${cases.length} cases):\n${table.sort().join('\n')}`);
  await pool.close();
});

describe.concurrent('keyrescue recover --via ebs with a fault at each AWS call', () => {
  it('faults every action the path calls (a new call shows up here first)', () => {
    const actions = (phase: string) =>
      [...new Set(cases.filter((c) => c.phase === phase).map((c) => c.action))].sort();
    // The preflight calls what the user data path's does (that table faults them): not again here.
    const preflight = [...new Set(recorded.requests.slice(0, recorded.firstStep))].sort();
    expect(preflight).toEqual(preflightActions);
    expect(actions('preflight')).toEqual([]);
    expect(actions('run')).toEqual([
      'AttachVolume',
      'CreateSnapshot',
      'DescribeInstances',
      'DescribeSnapshots',
      'DescribeVolumes',
      'DetachVolume',
      'GetCommandInvocation',
      'ModifyInstanceAttribute',
      'SendCommand',
      'StartInstances',
      'StopInstances',
    ]);
    // Each call that changes something: probe, snapshot, stop, the four moves around the edit, start.
    const mutating = cases
      .filter((c) => c.kind === 'drop-after-apply')
      .map((c) => `${c.action} #${c.skip + 1}`);
    expect(mutating).toEqual([
      'SendCommand #1',
      'CreateSnapshot #3',
      'StopInstances #3',
      'DetachVolume #3',
      'AttachVolume #1',
      'SendCommand #2',
      'DetachVolume #4',
      'AttachVolume #2',
      'ModifyInstanceAttribute #3',
      'StartInstances #3',
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
