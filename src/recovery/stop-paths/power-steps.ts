import type { RecoveryStep, StepCheck, StepContext, StepOutcome } from '../engine/recovery-step';
import { stepDescription, stepResult, stepText, type StepText } from '../journal/step-texts';
import type { InstanceAddresses, SshAddress } from '../paths/ssh-target';
import { sshEndpointText } from '../paths/ssh-target';
import {
  describeInstance,
  secondsSince,
  startAndWait,
  stopAndWait,
  waitForState,
  type InstanceView,
  type PowerTarget,
} from './instance-power';

/**
 * The stop and start steps of the stop-based paths. Each looks at the instance's real state
 * before acting (a resume after a crash finds it already stopped or running and says so), so
 * neither sends a call that is not needed. The first stop's undo starts the instance again when
 * it was running before the recovery (fact `originalState`, journaled by the save step).
 */

/**
 * What a step does and its undo: journal sentences (journal/step-texts.ts), so the report reads in
 * either language, or plain English (the report then shows that English).
 */
export type StepWords = { text: { does: StepText; undo: StepText } } | { does: string; undo: string };

export type StopStepInput = StepWords & {
  id: string;
  target: PowerTarget;
  /** The undo starts the instance again when it ran before the recovery; else nothing to undo. */
  restartOnUndo: boolean;
};

export type StartStepInput = StepWords & {
  id: string;
  target: PowerTarget;
  /** Where SSH reaches the instance now (its public address may be new after a start). */
  endpointOf(addresses: InstanceAddresses): Promise<SshAddress>;
};

function stoppedOutcome(input: StopStepInput, sent: boolean, seconds: number): StepOutcome {
  const instanceId = input.target.instanceId;
  return sent
    ? stepResult(stepText('userData.stopped', { instanceId, seconds: String(seconds) }))
    : stepResult(stepText('userData.alreadyStopped', { instanceId }));
}

function describedBy(words: StepWords) {
  return 'text' in words
    ? stepDescription(words.text.does, words.text.undo)
    : { does: words.does, undo: words.undo };
}

export function stopInstanceStep(input: StopStepInput): RecoveryStep {
  const { target } = input;
  return {
    id: input.id,
    ...describedBy(input),
    // StopInstances on a stopped instance changes nothing; the check tells the journal what it found.
    repeatable: true,
    revertOnFailure: input.restartOnUndo,
    async apply(ctx) {
      const since = target.clock.now().getTime();
      const { sent } = await stopAndWait(target, ctx);
      return stoppedOutcome(input, sent, secondsSince(target, since));
    },
    async check(ctx): Promise<StepCheck> {
      const view = await describeInstance(target);
      if (view.state === 'stopped') return { state: 'done', outcome: stoppedOutcome(input, false, 0) };
      if (view.state === 'stopping') {
        await waitForState(target, 'stopped', ctx);
        return {
          state: 'done',
          outcome: stepResult(stepText('userData.finishedStopping', { instanceId: target.instanceId })),
        };
      }
      return view.state === 'running' || view.state === 'pending'
        ? { state: 'notDone' }
        : { state: 'unknown' };
    },
    ...(input.restartOnUndo
      ? {
          async revert(ctx: StepContext) {
            const instanceId = target.instanceId;
            if (ctx.facts.originalState !== 'running')
              return stepResult(
                stepText('userData.leftStopped', { instanceId, state: ctx.facts.originalState ?? 'unknown' }),
              );
            const { sent } = await startAndWait(target, ctx);
            return stepResult(
              stepText(sent ? 'userData.startedAgain' : 'userData.runningAsBefore', { instanceId }),
            );
          },
        }
      : {}),
  };
}

async function startedOutcome(
  input: StartStepInput,
  view: InstanceView,
  sent: boolean,
  seconds: number,
): Promise<StepOutcome> {
  const endpoint = await input.endpointOf(view.addresses);
  const params = { instanceId: input.target.instanceId, endpoint: sshEndpointText(endpoint) };
  return {
    ...(sent
      ? stepResult(stepText('userData.started', { ...params, seconds: String(seconds) }))
      : stepResult(stepText('userData.alreadyRunning', params))),
    facts: {
      endpointHost: endpoint.host,
      endpointPort: String(endpoint.port),
      ...(view.addresses.publicIp ? { publicIp: view.addresses.publicIp } : {}),
    },
  };
}

export function startInstanceStep(input: StartStepInput): RecoveryStep {
  const { target } = input;
  return {
    id: input.id,
    ...describedBy(input),
    repeatable: true,
    async apply(ctx) {
      const since = target.clock.now().getTime();
      const { view, sent } = await startAndWait(target, ctx);
      return startedOutcome(input, view, sent, secondsSince(target, since));
    },
    async check(ctx): Promise<StepCheck> {
      const view = await describeInstance(target);
      if (view.state === 'running')
        return { state: 'done', outcome: await startedOutcome(input, view, false, 0) };
      if (view.state === 'pending') {
        const running = await waitForState(target, 'running', ctx);
        return { state: 'done', outcome: await startedOutcome(input, running, false, 0) };
      }
      return view.state === 'stopped' || view.state === 'stopping'
        ? { state: 'notDone' }
        : { state: 'unknown' };
    },
  };
}
