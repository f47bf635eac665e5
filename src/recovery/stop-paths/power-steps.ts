import type { RecoveryStep, StepCheck, StepContext, StepOutcome } from '../engine/recovery-step';
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

export interface StopStepInput {
  id: string;
  does: string;
  undo: string;
  target: PowerTarget;
  /** The undo starts the instance again when it ran before the recovery; else nothing to undo. */
  restartOnUndo: boolean;
}

export interface StartStepInput {
  id: string;
  does: string;
  undo: string;
  target: PowerTarget;
  /** Where SSH reaches the instance now (its public address may be new after a start). */
  endpointOf(addresses: InstanceAddresses): Promise<SshAddress>;
}

function stoppedOutcome(input: StopStepInput, sent: boolean, seconds: number): StepOutcome {
  return {
    result: sent
      ? `Stopped ${input.target.instanceId} (${seconds} s, not forced).`
      : `${input.target.instanceId} was already stopped; nothing was sent.`,
  };
}

export function stopInstanceStep(input: StopStepInput): RecoveryStep {
  const { target } = input;
  return {
    id: input.id,
    does: input.does,
    undo: input.undo,
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
        return { state: 'done', outcome: { result: `${target.instanceId} finished stopping.` } };
      }
      return view.state === 'running' || view.state === 'pending'
        ? { state: 'notDone' }
        : { state: 'unknown' };
    },
    ...(input.restartOnUndo
      ? {
          async revert(ctx: StepContext) {
            if (ctx.facts.originalState !== 'running')
              return `${target.instanceId} was ${ctx.facts.originalState ?? 'not running'} before the recovery; it is left stopped.`;
            const { sent } = await startAndWait(target, ctx);
            return sent
              ? `Started ${target.instanceId} again, as it was running before the recovery.`
              : `${target.instanceId} is running, as it was before the recovery.`;
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
  const where = sshEndpointText(endpoint);
  return {
    result: sent
      ? `Started ${input.target.instanceId} (${seconds} s); SSH at ${where}.`
      : `${input.target.instanceId} was already running; SSH at ${where}.`,
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
    does: input.does,
    undo: input.undo,
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
