import { AppError } from '../../ipc/app-error';
import { recoveryErrorCodes } from '../recovery-errors';
import type { InvocationView } from './ssm-command-poller';

/**
 * The SSM path's failures in the user's terms. Each says whether the command was sent and whether
 * the script can have run: before SendCommand succeeds nothing changed; after it, the script may
 * have run, and a resume asks the instance (the script adds a key only when it is absent).
 */
export interface SsmTarget {
  instanceId: string;
  region: string;
}

/** Shown after anything that may have run: what makes it safe to try again. */
const mayHaveRun =
  'If it started, it may have finished; resuming checks whether the key is there before adding it again (it is never added twice).';

/** The first lines of stderr, short: the script holds only a public key, so this holds no secret. */
export function stderrExcerpt(stderr: string): string {
  return stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' | ')
    .slice(0, 300);
}

export function notManagedError(target: SsmTarget): AppError {
  return new AppError(
    recoveryErrorCodes.ssmNotManaged,
    `Systems Manager does not manage ${target.instanceId} in ${target.region}: the instance has no SSM Agent, no instance profile that allows Systems Manager (AmazonSSMManagedInstanceCore), or no route to the SSM endpoints. No command was sent; nothing changed. Use another path, or attach such a profile and wait for the agent to register.`,
    { ...target },
  );
}

export function agentOfflineError(target: SsmTarget, pingStatus: string): AppError {
  return new AppError(
    recoveryErrorCodes.ssmAgentOffline,
    `The SSM Agent on ${target.instanceId} is not online (${pingStatus}): the instance is stopped, or the agent is not running or cannot reach Systems Manager. No command was sent; nothing changed. Start the instance (or the agent) and retry, or use another path.`,
    { ...target, pingStatus },
  );
}

export function sendDeniedError(target: SsmTarget, who: string, awsCode: string): AppError {
  return new AppError(
    recoveryErrorCodes.ssmSendDenied,
    `${who} is not allowed to run commands on ${target.instanceId} in ${target.region} (ssm:SendCommand: ${awsCode}). No command was sent; nothing changed. Ask your administrator for ssm:SendCommand on the instance and the AWS-RunShellScript document, or use another path.`,
    { ...target, who, awsCode, operation: 'SendCommand' },
  );
}

export function resultDeniedError(
  target: SsmTarget,
  commandId: string,
  who: string,
  operation: string,
): AppError {
  return new AppError(
    recoveryErrorCodes.ssmResultDenied,
    `${who} may send commands but not call ssm:${operation}, so KeyRescue cannot tell what command ${commandId} did on ${target.instanceId}. ${mayHaveRun} See its result in the Systems Manager console (Run Command, command history), or ask for ssm:${operation} and resume.`,
    { ...target, commandId, who, operation },
  );
}

export function deliveryTimedOutError(target: SsmTarget, commandId: string, seconds: number): AppError {
  return new AppError(
    recoveryErrorCodes.ssmDeliveryTimedOut,
    `The SSM Agent on ${target.instanceId} did not pick up command ${commandId} within ${seconds} s (DeliveryTimedOut): it went offline, or the instance stopped. The script never ran; nothing changed. Check that the agent is online, then retry.`,
    { ...target, commandId, seconds },
  );
}

export function commandFailedError(
  target: SsmTarget,
  commandId: string,
  invocation: InvocationView,
): AppError {
  const stderr = stderrExcerpt(invocation.stderr);
  const never = invocation.responseCode === -1;
  const what = never
    ? `Command ${commandId} never ran on ${target.instanceId} (${invocation.statusDetails}).`
    : `The script on ${target.instanceId} (command ${commandId}) exited with ${invocation.responseCode} before printing its KEYRESCUE-RESULT line${stderr ? `: ${stderr}` : ''}.`;
  const next = never
    ? 'Nothing changed. Check the SSM Agent and retry.'
    : 'It stopped before changing anything it could report; check that /bin/sh on the instance is a POSIX shell, or run the script yourself (keyrescue authorize --print-script).';
  return new AppError(recoveryErrorCodes.ssmCommandFailed, `${what} ${next}`, {
    ...target,
    commandId,
    exitCode: invocation.responseCode,
    statusDetails: invocation.statusDetails.slice(0, 50),
    stderr,
  });
}

export function commandTimedOutError(target: SsmTarget, commandId: string, seconds: number): AppError {
  return new AppError(
    recoveryErrorCodes.ssmCommandTimedOut,
    `The script on ${target.instanceId} (command ${commandId}) did not finish within ${seconds} s, and Systems Manager stopped it (ExecutionTimedOut). ${mayHaveRun}`,
    { ...target, commandId, seconds },
  );
}

export function commandCancelledError(target: SsmTarget, commandId: string): AppError {
  return new AppError(
    recoveryErrorCodes.ssmCommandCancelled,
    `Command ${commandId} on ${target.instanceId} was cancelled outside KeyRescue (Systems Manager console or CLI). ${mayHaveRun}`,
    { ...target, commandId },
  );
}

export function cancelledBeforeSendError(target: SsmTarget): AppError {
  return new AppError(
    recoveryErrorCodes.ssmCancelled,
    `Cancelled before any command was sent to ${target.instanceId}; nothing changed.`,
    { ...target },
  );
}

/** After the user cancelled: CancelCommand was sent; `final` is what SSM said afterwards, if anything. */
export function cancelRequestedError(
  target: SsmTarget,
  commandId: string,
  final: InvocationView | undefined,
  cancelFailure: string | undefined,
): AppError {
  const ranNot =
    final && (final.status === 'Cancelled' || final.status === 'Pending') && final.responseCode === -1;
  const finished = final && (final.status === 'Success' || final.status === 'Failed');
  const outcome = cancelFailure
    ? `Systems Manager did not accept the cancel (${cancelFailure}). ${mayHaveRun}`
    : ranNot
      ? 'It was cancelled before the script ran; nothing changed.'
      : finished
        ? `The script had already finished (${final.status}) before the cancel arrived. ${mayHaveRun}`
        : `${final ? `Its status is ${final.status}. ` : ''}${mayHaveRun}`;
  return new AppError(
    recoveryErrorCodes.ssmCancelRequested,
    `Cancelled: KeyRescue asked Systems Manager to cancel command ${commandId} on ${target.instanceId}. ${outcome}`,
    { ...target, commandId, ...(final ? { status: final.status } : {}) },
  );
}

export function waitTimedOutError(
  target: SsmTarget,
  commandId: string,
  minutes: number,
  last: InvocationView | undefined,
): AppError {
  return new AppError(
    recoveryErrorCodes.ssmWaitTimedOut,
    `Command ${commandId} on ${target.instanceId} was still ${last?.status ?? 'not started'} after ${minutes} min, so KeyRescue stopped waiting and asked Systems Manager to cancel it. ${mayHaveRun}`,
    { ...target, commandId, minutes, status: last?.status ?? 'Pending' },
  );
}

export function scriptUnsupportedError(target: SsmTarget): AppError {
  return new AppError(
    recoveryErrorCodes.ssmScriptUnsupported,
    "The script contains two opening braces in a row, which Systems Manager reads as the start of a parameter reference (ssm:name in double braces) and would replace before the script runs. Remove them from the public key's comment and retry. No command was sent.",
    { ...target },
  );
}
