import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../app/clock';
import { RecoveryJournals } from '../journal/recovery-journal';
import { RecoveryExecutor } from './executor';
import { crashStepIds, crashSteps, killPoints, type KillPoint } from './test-support/crash-steps';
import { lines, story } from './test-support/file-steps';

// A real crash at every point of a recovery: a child process (the executor, a real journal, steps
// appending to a real file) is SIGKILLed where it says it stands, then the parent resumes from
// the journal on disk. Every step has a check, so each effect must be there exactly once and the
// journal must say exactly where the child died and what the resume did about it.
let dir: string;
let child: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyrescue-crash-'));
  child = join(dir, 'crash-child.cjs');
  await build({
    entryPoints: [resolve('src/recovery/engine/test-support/crash-child.ts')],
    outfile: child,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'error',
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs the child until it reports the kill point, SIGKILLs it there; returns its journal id. */
async function killedAt(point: KillPoint, userData: string, file: string): Promise<string> {
  const proc = spawn(process.execPath, [child], {
    env: { PATH: process.env.PATH ?? '', KR_USER_DATA: userData, KR_FILE: file, KR_KILL_AT: point },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((done) =>
    proc.on('exit', (_code, signal) => done(signal)),
  );
  await new Promise<void>((ready, failed) => {
    proc.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes(`READY ${point}\n`)) ready();
    });
    proc.on('exit', () => failed(new Error(`the child ended before ${point}: ${stdout} ${stderr}`)));
  });
  proc.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  const id = /^JOURNAL (\S+)$/m.exec(stdout)?.[1];
  expect(id, stdout).toBeDefined();
  return id!;
}

/** The journal of a whole run up to (not including) step `index`. */
const doneBefore = (index: number) =>
  crashStepIds.slice(0, index).flatMap((id) => [`intent:${id}`, `done:${id}`]);

/** Where the journal and the file stand when the child died at `point`, and what the resume then adds. */
function expected(point: KillPoint) {
  const [phase, id] = point.split(':') as [string, (typeof crashStepIds)[number]];
  const index = crashStepIds.indexOf(id);
  const before = doneBefore(index);
  const rest = crashStepIds.slice(index + 1).flatMap((next) => [`intent:${next}`, `done:${next}`]);
  const effects = crashStepIds.slice(0, index);
  switch (phase) {
    case 'step':
      return { atCrash: before, effects, resumed: [...before, `intent:${id}`, `done:${id}`, ...rest] };
    case 'intent':
      // The check finds nothing: a new intent, then the step runs.
      return {
        atCrash: [...before, `intent:${id}`],
        effects,
        resumed: [...before, `intent:${id}`, `intent:${id}`, `done:${id}`, ...rest],
      };
    case 'effect':
      // The check finds the effect: `done` from the check, never a second effect.
      return {
        atCrash: [...before, `intent:${id}`],
        effects: [...effects, id],
        resumed: [...before, `intent:${id}`, `done:${id}`, ...rest],
      };
    default:
      return {
        atCrash: [...before, `intent:${id}`, `done:${id}`],
        effects: [...effects, id],
        resumed: [...before, `intent:${id}`, `done:${id}`, ...rest],
      };
  }
}

describe('SIGKILL at every step boundary and mid-step, then resume', () => {
  it.each(killPoints)(
    'killed at %s: the journal shows where; resume does each effect exactly once',
    async (point) => {
      const userData = join(dir, point.replace(':', '-'));
      const file = join(userData, 'effects.txt');
      const id = await killedAt(point, userData, file);
      const journals = new RecoveryJournals(userData, new TestClock());
      const want = expected(point);

      const crashed = await journals.read(id);
      expect(story(crashed.entries)).toEqual(want.atCrash);
      expect(crashed.tornBytes).toBe(0);
      expect(lines(file)).toEqual(want.effects);

      const result = await new RecoveryExecutor().run(
        await journals.open(id),
        crashSteps(file, () => undefined),
      );
      expect(lines(file)).toEqual([...crashStepIds]);
      expect(result.verified).toBe(true);
      expect(story((await journals.read(id)).entries)).toEqual([...want.resumed, 'verified']);
    },
  );
});
