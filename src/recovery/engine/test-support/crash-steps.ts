import type { StepReport } from '../../../ipc/operations/operation-registry';
import type { RecoveryStep } from '../recovery-step';
import { fileStep } from './file-steps';

/**
 * The recovery the crash test kills at every point (crash-resume.test.ts): three steps with a
 * check, each appending its id to a real file, the last the verification. A kill point is where
 * the process dies: `step:X` before X's intent is written, `intent:X` after it is durable and
 * before the effect, `effect:X` after the effect and before `done`, `done:X` after `done` (for
 * the verification: before `verified`).
 */
export const crashStepIds = ['ingress-add', 'append-key', 'verify'] as const;
export const killPhases = ['step', 'intent', 'effect', 'done'] as const;
export type KillPoint = `${(typeof killPhases)[number]}:${(typeof crashStepIds)[number]}`;
export const killPoints: KillPoint[] = crashStepIds.flatMap((id) =>
  killPhases.map((phase): KillPoint => `${phase}:${id}`),
);

/** `at(point)` is called at every point; the child stops there when it is its kill point. */
export function crashSteps(file: string, at: (point: string) => void): RecoveryStep[] {
  return crashStepIds.map((id) =>
    fileStep(file, id, {
      check: true,
      beforeEffect: () => at(`intent:${id}`),
      afterEffect: () => at(`effect:${id}`),
      ...(id === 'verify' ? { kind: 'verify' as const, facts: { host: '203.0.113.7' } } : {}),
    }),
  );
}

/** The executor's reports mark the other two points: `step` before the intent, `stepDone` after `done`. */
export function reportPoints(at: (point: string) => void): (report: StepReport) => void {
  return (report) => {
    if (report.kind === 'step') at(`step:${report.step}`);
    if (report.kind === 'stepDone') at(`done:${report.step}`);
  };
}
