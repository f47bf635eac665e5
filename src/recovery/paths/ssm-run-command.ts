import {
  CancelCommandCommand,
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  SendCommandCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { systemClock, type Clock } from '../../app/clock';
import type { ResolvedAccount } from '../../aws/account-types';
import { awsErrorCodes, isAccessDeniedError, toAwsAppError } from '../../aws/aws-errors';
import { createAwsClient, type ClientOptions } from '../../aws/client-factory';
import { AppError, isAppError } from '../../ipc/app-error';
import type { RemoteScriptRunner, StepContext } from '../engine/recovery-step';
import { parseScriptResult, type ScriptResult } from '../scripts/script-result';
import { stepPhrase } from '../journal/step-texts';
import * as errors from './ssm-command-errors';
import { pollInvocation, timerSleeper, type InvocationView, type Sleeper } from './ssm-command-poller';

/**
 * The SSM Run Command path as a RemoteScriptRunner: SendCommand AWS-RunShellScript with the
 * authorized-keys script, poll GetCommandInvocation, read the KEYRESCUE-RESULT line. Only the
 * public key travels (command parameters stay in the command history and CloudTrail).
 */
export interface SsmCommandLimits {
  /** SendCommand `TimeoutSeconds`: if the agent has not picked the command up by then, it never runs. */
  deliveryTimeoutSeconds: number;
  /** AWS-RunShellScript `executionTimeout`: the script runs in about a second; this bounds a hang. */
  executionTimeoutSeconds: number;
  /** KeyRescue stops waiting (and cancels) after this; longer than delivery + execution. */
  maxWaitMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** InvocationDoesNotExist right after SendCommand is normal; past this the command is lost. */
  missingGraceMs: number;
  /** After CancelCommand, how long to look for the status it ended in. */
  cancelWaitMs: number;
}

export const defaultSsmCommandLimits: SsmCommandLimits = {
  deliveryTimeoutSeconds: 120,
  executionTimeoutSeconds: 300,
  maxWaitMs: 10 * 60_000,
  firstDelayMs: 500,
  maxDelayMs: 5000,
  missingGraceMs: 60_000,
  cancelWaitMs: 30_000,
};

export interface SsmRunCommandOptions {
  account: ResolvedAccount;
  region: string;
  instanceId: string;
  clock?: Clock;
  /** Waits between polls; tests pass a short one. */
  sleep?: Sleeper;
  limits?: Partial<SsmCommandLimits>;
  clientOptions?: ClientOptions;
}

/** SSM's Comment is at most 100 characters; the recovery id makes the command findable in the console. */
function commentFor(recoveryId: string): string {
  return `KeyRescue recovery ${recoveryId}: add or remove an SSH public key`.slice(0, 100);
}

function who(account: ResolvedAccount): string {
  return account.profile ? `Profile ${account.profile}` : `Account ${account.id}`;
}

function awsCodeOf(error: unknown): string {
  const shape = (error ?? {}) as { name?: string; Code?: string };
  return (shape.name ?? shape.Code ?? 'Error').slice(0, 100);
}

export function ssmRunCommandRunner(options: SsmRunCommandOptions): RemoteScriptRunner {
  return {
    describe: `SSM Run Command on ${options.instanceId}`,
    describeText: stepPhrase('runner.ssm', { instanceId: options.instanceId }),
    run: (script, ctx) => runScriptViaSsm(options, script, ctx),
  };
}

/** Runs one script through Run Command and returns its parsed result line and the command id. */
export async function runScriptViaSsm(
  options: SsmRunCommandOptions,
  script: string,
  ctx: StepContext,
): Promise<{ result: ScriptResult; facts: Record<string, string> }> {
  const target = { instanceId: options.instanceId, region: options.region };
  const limits = { ...defaultSsmCommandLimits, ...options.limits };
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? timerSleeper;
  // {{ssm:name}} in a parameter is replaced by SSM before the agent sees it: the script would not
  // run as generated (and a parameter's value would land inside a quoted key line).
  if (script.includes('{{')) throw errors.scriptUnsupportedError(target);
  if (ctx.signal.aborted) throw errors.cancelledBeforeSendError(target);
  const client = createAwsClient('ssm', options.account, options.region, options.clientOptions);
  const context = (operation: string) => ({
    account: options.account.id,
    ...(options.account.profile ? { profile: options.account.profile } : {}),
    region: options.region,
    operation,
    service: 'ssm' as const,
  });
  try {
    const commandId = await send(client, options, script, ctx, limits).catch(async (error: unknown) => {
      throw await sendFailure(client, options, error, context('SendCommand'));
    });
    ctx.note(`Sent as SSM command ${commandId}`);
    const sentAt = clock.now();
    const read = async (): Promise<InvocationView | 'missing'> => {
      try {
        const answer = await client.send(
          new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: options.instanceId }),
        );
        return {
          status: answer.Status ?? 'Pending',
          statusDetails: answer.StatusDetails ?? answer.Status ?? '',
          responseCode: answer.ResponseCode ?? -1,
          stdout: answer.StandardOutputContent ?? '',
          stderr: answer.StandardErrorContent ?? '',
        };
      } catch (error) {
        if (awsCodeOf(error) === 'InvocationDoesNotExist') return 'missing';
        throw afterSendFailure(options, commandId, error, context('GetCommandInvocation'));
      }
    };
    const end = await pollInvocation({
      clock,
      sleep,
      signal: ctx.signal,
      sentAt,
      read,
      note: (detail) => ctx.note(detail),
      firstDelayMs: limits.firstDelayMs,
      maxDelayMs: limits.maxDelayMs,
      maxWaitMs: limits.maxWaitMs,
      missingGraceMs: limits.missingGraceMs,
    });
    switch (end.kind) {
      case 'done':
        return { result: resultOf(target, commandId, end.invocation, limits), facts: { commandId } };
      case 'missing':
        throw new AppError(
          awsErrorCodes.ssmInvocationMissing,
          `Systems Manager accepted command ${commandId} but has no invocation of it on ${options.instanceId} after ${Math.round(limits.missingGraceMs / 1000)} s. Check the Run Command history in the console; resuming checks whether the key is there.`,
          { ...target, commandId },
        );
      case 'gaveUp':
        await cancel(client, options, commandId).catch(() => undefined);
        throw errors.waitTimedOutError(target, commandId, Math.round(limits.maxWaitMs / 60_000), end.last);
      case 'aborted': {
        const cancelFailure = await cancel(client, options, commandId).then(
          () => undefined,
          (error: unknown) => awsCodeOf(error),
        );
        const final = cancelFailure ? end.last : await settle(read, clock, sleep, limits.cancelWaitMs);
        throw errors.cancelRequestedError(target, commandId, final ?? end.last, cancelFailure);
      }
    }
  } finally {
    client.destroy();
  }
}

async function send(
  client: SSMClient,
  options: SsmRunCommandOptions,
  script: string,
  ctx: StepContext,
  limits: SsmCommandLimits,
): Promise<string> {
  const sent = await client.send(
    new SendCommandCommand({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: [options.instanceId],
      // The agent joins `commands` with newlines into _script.sh, made executable, and runs it with
      // `sh -c <path>`: the kernel honours our `#!/bin/sh` first line. One element keeps the file
      // byte for byte the generated script (plus the final newline the agent adds).
      Parameters: {
        commands: [script],
        executionTimeout: [String(limits.executionTimeoutSeconds)],
      },
      TimeoutSeconds: limits.deliveryTimeoutSeconds,
      Comment: commentFor(ctx.recoveryId),
    }),
  );
  const commandId = sent.Command?.CommandId;
  if (!commandId) throw new Error('SendCommand answered without a command id');
  return commandId;
}

/** Why SendCommand failed; nothing was sent. InvalidInstanceId is told apart by asking SSM about the node. */
async function sendFailure(
  client: SSMClient,
  options: SsmRunCommandOptions,
  error: unknown,
  context: Parameters<typeof toAwsAppError>[1],
): Promise<AppError> {
  const target = { instanceId: options.instanceId, region: options.region };
  if (isAppError(error)) return error;
  if (isAccessDeniedError(error))
    return errors.sendDeniedError(target, who(options.account), awsCodeOf(error));
  if (awsCodeOf(error) !== 'InvalidInstanceId') return toAwsAppError(error, context);
  const info = await client
    .send(
      new DescribeInstanceInformationCommand({
        Filters: [{ Key: 'InstanceIds', Values: [options.instanceId] }],
      }),
    )
    .then(
      (answer) => answer.InstanceInformationList?.[0],
      () => 'unknown' as const,
    );
  if (info === 'unknown') return toAwsAppError(error, context);
  if (!info) return errors.notManagedError(target);
  return errors.agentOfflineError(target, info.PingStatus ?? 'ConnectionLost');
}

/** A failure once the command exists: it may have run, so the error keeps its id. */
function afterSendFailure(
  options: SsmRunCommandOptions,
  commandId: string,
  error: unknown,
  context: Parameters<typeof toAwsAppError>[1],
): AppError {
  const target = { instanceId: options.instanceId, region: options.region };
  if (isAccessDeniedError(error))
    return errors.resultDeniedError(target, commandId, who(options.account), context.operation ?? '');
  const mapped = toAwsAppError(error, context);
  return new AppError(
    mapped.code,
    `${mapped.message} Command ${commandId} was sent and may have run; resuming checks whether the key is there.`,
    { ...mapped.details, commandId },
  );
}

function cancel(client: SSMClient, options: SsmRunCommandOptions, commandId: string): Promise<unknown> {
  return client.send(new CancelCommandCommand({ CommandId: commandId, InstanceIds: [options.instanceId] }));
}

/** After CancelCommand: the status the invocation ends in, read for a short while (not cancellable). */
async function settle(
  read: () => Promise<InvocationView | 'missing'>,
  clock: Clock,
  sleep: Sleeper,
  waitMs: number,
): Promise<InvocationView | undefined> {
  const start = clock.now().getTime();
  const never = new AbortController().signal;
  let last: InvocationView | undefined;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
    const seen = await read().catch(() => 'missing' as const);
    if (seen !== 'missing') {
      last = seen;
      if (!['Pending', 'InProgress', 'Delayed', 'Cancelling'].includes(seen.status)) return seen;
    }
    if (clock.now().getTime() - start >= waitMs) return last;
    await sleep(delay, never);
  }
}

/**
 * A finished invocation's result line. Success and Failed both count when the line is there (the
 * script exits 2 when it refuses, which SSM reports as Failed); without it, the status says why.
 */
export function resultOf(
  target: errors.SsmTarget,
  commandId: string,
  invocation: InvocationView,
  limits: SsmCommandLimits,
): ScriptResult {
  if (invocation.status === 'TimedOut') {
    if (invocation.statusDetails === 'DeliveryTimedOut' || invocation.responseCode === -1)
      throw errors.deliveryTimedOutError(target, commandId, limits.deliveryTimeoutSeconds);
    throw errors.commandTimedOutError(target, commandId, limits.executionTimeoutSeconds);
  }
  if (invocation.status === 'Cancelled') throw errors.commandCancelledError(target, commandId);
  try {
    return parseScriptResult(invocation.stdout);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (invocation.status !== 'Success') throw errors.commandFailedError(target, commandId, invocation);
    // The script prints nothing but its result line on stdout, so 24,000 characters are far more
    // than it needs; a full buffer means something else wrote to stdout and pushed the line out.
    const truncated =
      invocation.stdout.length >= 24_000
        ? ' Systems Manager keeps only the first 24,000 characters of output, and the line was not among them.'
        : '';
    throw new AppError(
      error.code,
      `${error.message} It ran as SSM command ${commandId} on ${target.instanceId} and exited with ${invocation.responseCode}.${truncated}`,
      { ...target, commandId },
    );
  }
}
