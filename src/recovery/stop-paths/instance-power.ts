import { DescribeInstancesCommand, StartInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import type { Clock } from '../../app/clock';
import type { ResolvedAccount } from '../../aws/account-types';
import { withEc2Client } from '../../aws/with-aws-client';
import { nextPollDelay } from '../engine/poll-delay';
import type { StepContext } from '../engine/recovery-step';
import type { Sleeper } from '../paths/ssm-command-poller';
import type { InstanceAddresses } from '../paths/ssh-target';
import { instanceGoneError, stateTimedOutError, waitCancelledError } from './user-data-errors';

/**
 * Stop and start for the stop-based paths: one call (never `Force`, research §11.4), then bounded
 * polling of DescribeInstances with the injected Clock and Sleeper, each poll reported as a note
 * with the elapsed seconds ("Stopping… 38 s"). A cancel ends the wait at once (what EC2 does goes
 * on; the step is failed and a resume checks the state first). Only `terminated` and
 * `shutting-down` end a wait early: right after a call, EC2 may still show the previous state.
 */

export interface PowerWaitLimits {
  /** Longest wait for one transition; EC2 stops usually take under a minute, some take many. */
  maxWaitMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const defaultPowerWaitLimits: PowerWaitLimits = {
  maxWaitMs: 15 * 60_000,
  firstDelayMs: 1000,
  maxDelayMs: 15_000,
};

export interface PowerTarget {
  account: ResolvedAccount;
  region: string;
  instanceId: string;
  clock: Clock;
  sleep: Sleeper;
  limits?: Partial<PowerWaitLimits>;
}

export interface InstanceView {
  /** `pending`, `running`, `stopping`, `stopped`, `shutting-down`, `terminated`. */
  state: string;
  addresses: InstanceAddresses;
}

const gone = new Set(['terminated', 'shutting-down']);

export function describeInstance(target: PowerTarget, signal?: AbortSignal): Promise<InstanceView> {
  return withEc2Client(target.account, target.region, 'DescribeInstances', async (ec2) => {
    const answer = await ec2.send(
      new DescribeInstancesCommand({ InstanceIds: [target.instanceId] }),
      signal ? { abortSignal: signal } : {},
    );
    const instance = answer.Reservations?.[0]?.Instances?.[0];
    if (!instance) throw instanceGoneError(target, 'not found');
    return {
      state: instance.State?.Name ?? 'unknown',
      addresses: {
        publicIp: instance.PublicIpAddress ?? null,
        publicDns: instance.PublicDnsName ?? null,
        privateIp: instance.PrivateIpAddress ?? null,
      },
    };
  });
}

const labels = { stopped: 'Stopping', running: 'Starting' } as const;

/** Polls until the instance is `wanted`; a note per poll with the elapsed seconds. */
export async function waitForState(
  target: PowerTarget,
  wanted: 'stopped' | 'running',
  ctx: StepContext,
): Promise<InstanceView> {
  const limits = { ...defaultPowerWaitLimits, ...target.limits };
  const started = target.clock.now().getTime();
  for (;;) {
    if (ctx.signal.aborted) throw waitCancelledError(target, `until it is ${wanted}`);
    const view = await describeInstance(target);
    const seconds = Math.round((target.clock.now().getTime() - started) / 1000);
    if (view.state === wanted) return view;
    if (gone.has(view.state)) throw instanceGoneError(target, view.state);
    ctx.note(`${labels[wanted]} ${target.instanceId}… ${seconds} s (${view.state})`);
    const elapsed = target.clock.now().getTime() - started;
    if (elapsed >= limits.maxWaitMs)
      throw stateTimedOutError(target, wanted, view.state, Math.round(limits.maxWaitMs / 1000));
    await target.sleep(nextPollDelay(limits, elapsed), ctx.signal);
  }
}

/** Stops (never forced) and waits; an instance already stopped is left alone. */
export async function stopAndWait(
  target: PowerTarget,
  ctx: StepContext,
): Promise<{ view: InstanceView; sent: boolean }> {
  const before = await describeInstance(target);
  if (gone.has(before.state)) throw instanceGoneError(target, before.state);
  if (before.state === 'stopped') return { view: before, sent: false };
  if (before.state !== 'stopping')
    await withEc2Client(target.account, target.region, 'StopInstances', (ec2) =>
      ec2.send(new StopInstancesCommand({ InstanceIds: [target.instanceId] })),
    );
  return { view: await waitForState(target, 'stopped', ctx), sent: before.state !== 'stopping' };
}

/** Starts and waits; an instance already running is left alone. A stopping one is let stop first. */
export async function startAndWait(
  target: PowerTarget,
  ctx: StepContext,
): Promise<{ view: InstanceView; sent: boolean }> {
  let before = await describeInstance(target);
  if (gone.has(before.state)) throw instanceGoneError(target, before.state);
  if (before.state === 'running') return { view: before, sent: false };
  if (before.state === 'stopping') before = await waitForState(target, 'stopped', ctx);
  if (before.state !== 'pending')
    await withEc2Client(target.account, target.region, 'StartInstances', (ec2) =>
      ec2.send(new StartInstancesCommand({ InstanceIds: [target.instanceId] })),
    );
  return { view: await waitForState(target, 'running', ctx), sent: before.state !== 'pending' };
}

/** Seconds since `since` on the target's clock, for results ("stopped in 38 s"). */
export function secondsSince(target: PowerTarget, since: number): number {
  return Math.round((target.clock.now().getTime() - since) / 1000);
}
