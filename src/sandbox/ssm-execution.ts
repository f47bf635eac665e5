import {
  CancelCommand$,
  type CancelCommandRequest,
  type CancelCommandResult,
  type SendCommandRequest,
} from '@aws-sdk/client-ssm';
import { apiError } from './api-error';
import { defineAction, type SandboxEngine } from './engine';
import type { SsmInvocationRecord } from './model';

/** GetCommandInvocation returns only the first 24,000 characters of stdout and 8,000 of stderr. */
export const maxStandardOutput = 24_000;
export const maxStandardError = 8_000;

/** AWS-RunShellScript's `executionTimeout`: seconds, 1 to 172800 (48 h), default 3600. */
const defaultExecutionTimeout = 3600;
const maxExecutionTimeout = 172_800;
/** The document's parameters; SSM refuses any other name. */
const runShellScriptParameters = new Set(['commands', 'workingDirectory', 'executionTimeout']);

/** A running script's abort switch: CancelCommand and the execution timeout pull it. */
const running = new WeakMap<SsmInvocationRecord, { controller: AbortController; timedOut: boolean }>();

/**
 * Checks SendCommand's inputs as SSM does (the SDK sends them unchecked): the document's parameter
 * names, `executionTimeout`, the delivery timeout range and the comment length. Returns the
 * execution timeout in seconds.
 */
export function checkRunShellScriptInput(input: SendCommandRequest): number {
  const parameters = input.Parameters ?? {};
  for (const name of Object.keys(parameters)) {
    if (!runShellScriptParameters.has(name))
      throw apiError(
        'InvalidParameters',
        `Parameter "${name}" is not defined in document AWS-RunShellScript.`,
      );
  }
  const timeoutValue = parameters.executionTimeout?.[0];
  let executionTimeout = defaultExecutionTimeout;
  if (timeoutValue !== undefined) {
    executionTimeout = /^[1-9][0-9]{0,5}$/.test(timeoutValue) ? Number(timeoutValue) : NaN;
    if (!(executionTimeout <= maxExecutionTimeout))
      throw apiError(
        'InvalidParameters',
        `Parameter "executionTimeout" "${timeoutValue.slice(0, 20)}" failed to satisfy constraint: a whole number of seconds from 1 to ${maxExecutionTimeout}.`,
      );
  }
  const delivery = input.TimeoutSeconds;
  if (delivery !== undefined && !(Number.isInteger(delivery) && delivery >= 30 && delivery <= 2_592_000))
    throw apiError(
      'ValidationException',
      `1 validation error detected: Value '${delivery}' at 'timeoutSeconds' failed to satisfy constraint: Member must have value between 30 and 2592000`,
    );
  if ((input.Comment ?? '').length > 100)
    throw apiError(
      'ValidationException',
      "1 validation error detected: Value at 'comment' failed to satisfy constraint: Member must have length less than or equal to 100",
    );
  return executionTimeout;
}

/** Where the agent writes the commands (dash names this file in its error messages). */
export function agentScriptPath(record: Pick<SsmInvocationRecord, 'instanceId' | 'commandId'>): string {
  return `/var/lib/amazon/ssm/${record.instanceId}/document/orchestration/${record.commandId}/awsrunShellScript/0.awsrunShellScript/_script.sh`;
}

function finish(
  record: SsmInvocationRecord,
  status: SsmInvocationRecord['status'],
  details: string = status,
): void {
  record.status = status;
  record.statusDetails = details;
}

/**
 * The agent's side of one invocation: picks it up (unless it was cancelled while pending), runs the
 * commands as root the way AWS-RunShellScript does (joined by newlines into one script file run by
 * `sh -c`: dash on Ubuntu and Debian, bash on Amazon Linux, or the file's `#!` line), and keeps
 * the output GetCommandInvocation shows. The execution timeout runs on the wall clock, as the
 * guest's own `sleep` does, not on the sandbox clock.
 */
export async function executeInvocation(engine: SandboxEngine, record: SsmInvocationRecord): Promise<void> {
  if (record.status !== 'Pending') return;
  const run = { controller: new AbortController(), timedOut: false };
  running.set(record, run);
  const timer = setTimeout(
    () => {
      run.timedOut = true;
      run.controller.abort();
    },
    (record.executionTimeoutSeconds ?? defaultExecutionTimeout) * 1000,
  );
  timer.unref();
  finish(record, 'InProgress');
  record.executionStartDateTime = new Date(engine.clock.now()).toISOString();
  try {
    const result = await engine.os.runAsRoot(record.instanceId, `${record.commands.join('\n')}\n`, {
      scriptPath: agentScriptPath(record),
      signal: run.controller.signal,
    });
    record.stdout = result.stdout.slice(0, maxStandardOutput);
    record.stderr = result.stderr.slice(0, maxStandardError);
    record.responseCode = result.exitCode;
    if (run.timedOut) finish(record, 'TimedOut', 'ExecutionTimedOut');
    else if (run.controller.signal.aborted) finish(record, 'Cancelled');
    else finish(record, result.exitCode === 0 ? 'Success' : 'Failed');
  } catch (error) {
    record.stderr = `failed to run commands: ${(error as Error).message}`;
    record.responseCode = 1;
    finish(record, 'Failed');
  } finally {
    clearTimeout(timer);
    running.delete(record);
  }
  record.executionEndDateTime = new Date(engine.clock.now()).toISOString();
  engine.activity.transition({
    kind: 'command',
    resourceId: record.commandId,
    change: `Pending→${record.status}`,
    startedAt: Date.parse(record.requestedDateTime),
    endedAt: engine.clock.now(),
  });
  engine.store.markDirty();
  await engine.store.flush();
}

/**
 * CancelCommand: a pending invocation is cancelled before it runs; a running one turns Cancelling
 * and its script is stopped, then Cancelled. A finished one is left as it is. SSM promises only an
 * attempt, so callers read the invocation afterwards to learn what happened.
 */
export const cancelCommand = defineAction<CancelCommandRequest, CancelCommandResult>(
  CancelCommand$,
  (ctx, input) => {
    const records = ctx.rs.invocations.filter((record) => record.commandId === input.CommandId);
    if (records.length === 0) throw apiError('InvalidCommandId', 'The command ID is not valid.');
    const wanted = input.InstanceIds ?? [];
    for (const id of wanted) {
      if (!records.some((record) => record.instanceId === id))
        throw apiError('InvalidInstanceId', `Instance ${id} is not a target of command ${input.CommandId}.`);
    }
    for (const record of records) {
      if (wanted.length > 0 && !wanted.includes(record.instanceId)) continue;
      if (record.status === 'Pending') {
        finish(record, 'Cancelled');
        record.executionEndDateTime = ctx.nowIso;
      } else if (record.status === 'InProgress') {
        finish(record, 'Cancelling');
        running.get(record)?.controller.abort();
      }
    }
    return {};
  },
);
