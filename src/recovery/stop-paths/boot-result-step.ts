import { GetConsoleOutputCommand } from '@aws-sdk/client-ec2';
import { isAccessDeniedError } from '../../aws/aws-errors';
import { withEc2Client } from '../../aws/with-aws-client';
import { nextPollDelay } from '../engine/poll-delay';
import type { RecoveryStep, StepContext, StepOutcome } from '../engine/recovery-step';
import { checkResult, scriptOutcomeSentences } from '../engine/script-step';
import { stepDescription, stepResult, stepText } from '../journal/step-texts';
import { parseScriptResult } from '../scripts/script-result';
import { decodeConsoleOutput, parseConsoleHostKeys } from '../ssh/console-host-keys';
import { consoleSinceMarker, findConsoleResult } from './console-result';
import type { PowerTarget } from './instance-power';
import { markerLine } from './recovery-user-data';
import {
  consoleDeniedError,
  partNoResultError,
  partNotRunError,
  waitCancelledError,
} from './user-data-errors';

/**
 * The `boot-result` step: after the start, the recovery script's KEYRESCUE-RESULT line from the
 * console output (GetConsoleOutput; EC2 posts it with a delay of up to minutes). No marker of this
 * run within the wait means cloud-init is absent, disabled or skipped the part (partNotRun, which
 * names the rescue-volume path); the step fails and the executor restores the original user data.
 * The host key fingerprints the script printed after this run's marker become the fact
 * `consoleHostKeys`, which the verification login pins. Only reads: repeatable.
 */

export interface ConsoleWaitLimits {
  maxWaitMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const defaultConsoleWaitLimits: ConsoleWaitLimits = {
  maxWaitMs: 10 * 60_000,
  firstDelayMs: 3000,
  maxDelayMs: 20_000,
};

export interface BootResultStepInput {
  target: PowerTarget;
  targetUser: string;
  consoleLimits?: Partial<ConsoleWaitLimits>;
}

const via = 'user data at boot (cloud-init)';

function who(target: PowerTarget): string {
  return target.account.profile ? `Profile ${target.account.profile}` : `Account ${target.account.id}`;
}

async function readConsole(target: PowerTarget): Promise<string> {
  return withEc2Client(target.account, target.region, 'GetConsoleOutput', async (ec2) => {
    try {
      const answer = await ec2.send(new GetConsoleOutputCommand({ InstanceId: target.instanceId }));
      return decodeConsoleOutput(answer.Output ?? '');
    } catch (error) {
      if (isAccessDeniedError(error)) throw consoleDeniedError(target, who(target));
      throw error;
    }
  });
}

/** cloud-init prints one line per key type (four at most); the fact holds five at most. */
const maxConsoleHostKeys = 5;

/** The fingerprints this boot printed (space-separated), read only from after its marker. */
function hostKeysOf(consoleText: string, marker: string): string {
  return parseConsoleHostKeys(consoleSinceMarker(consoleText, marker))
    .keys.slice(0, maxConsoleHostKeys)
    .map((key) => key.fingerprint)
    .join(' ');
}

function outcomeOf(line: string, targetUser: string, hostKeys: string): StepOutcome {
  const result = parseScriptResult(line);
  checkResult(result, ['added', 'alreadyPresent'], via);
  return {
    ...stepResult(stepText('userData.atBoot'), ...scriptOutcomeSentences(result, targetUser)),
    facts: {
      status: result.status,
      ...(result.file ? { file: result.file } : {}),
      ...(result.backup ? { backup: result.backup } : {}),
      ...(result.warnings.length ? { warnings: result.warnings.join(',') } : {}),
      ...(hostKeys ? { consoleHostKeys: hostKeys } : {}),
    },
  };
}

async function waitForResult(input: BootResultStepInput, ctx: StepContext): Promise<StepOutcome> {
  const { target } = input;
  const limits = { ...defaultConsoleWaitLimits, ...input.consoleLimits };
  const runId = ctx.facts.userDataRunId;
  if (!runId)
    throw new Error('The boot-result step needs the set-user-data step’s run id (fact userDataRunId).');
  const marker = markerLine(ctx.recoveryId, runId);
  const started = target.clock.now().getTime();
  for (;;) {
    if (ctx.signal.aborted) throw waitCancelledError(target, "the recovery script's result");
    const text = await readConsole(target);
    const found = findConsoleResult(text, marker);
    if (found.kind === 'result') return outcomeOf(found.line, input.targetUser, hostKeysOf(text, marker));
    const elapsed = target.clock.now().getTime() - started;
    const seconds = Math.round(elapsed / 1000);
    if (elapsed >= limits.maxWaitMs) {
      const waited = Math.round(limits.maxWaitMs / 1000);
      throw found.kind === 'started' ? partNoResultError(target, waited) : partNotRunError(target, waited);
    }
    ctx.note(
      found.kind === 'started'
        ? `The recovery script is running on ${target.instanceId}… ${seconds} s`
        : `Waiting for the recovery script in ${target.instanceId}'s console output… ${seconds} s`,
    );
    await target.sleep(nextPollDelay(limits, elapsed), ctx.signal);
  }
}

export function bootResultStep(input: BootResultStepInput): RecoveryStep {
  return {
    id: 'boot-result',
    ...stepDescription(
      stepText('userData.bootResult.does', { user: input.targetUser, instanceId: input.target.instanceId }),
      stepText('userData.bootResult.undo'),
    ),
    repeatable: true,
    apply: (ctx) => waitForResult(input, ctx),
  };
}
