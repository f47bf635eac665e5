import { AppError } from '../../ipc/app-error';
import { scriptOutcomeText, scriptReasonText, scriptWarningText } from '../paths/script-outcome-text';
import { recoveryErrorCodes } from '../recovery-errors';
import type { ScriptResult } from '../scripts/script-result';
import type { RecoveryStep, RemoteScriptRunner, StepContext, StepOutcome } from './recovery-step';

type Status = ScriptResult['status'];

/** An authorized-keys script (src/recovery/scripts) and the statuses that count as success. */
export interface ScriptRun {
  script: string;
  /** `['added', 'alreadyPresent']` for the add; `['removed', 'notPresent']` for a removal. */
  accept: readonly Status[];
}

export interface ScriptStepInput extends ScriptRun {
  id: string;
  does: string;
  undo: string;
  /** The path's runner (another login, Instance Connect, SSM); the undo runs through it too. */
  runner: RemoteScriptRunner;
  /** Names the file in sentences when the script could not say which it was. */
  targetUser?: string;
  /** The undo, when there is one: another script (removeKeyScript) through the same runner. */
  revert?: ScriptRun;
  revertOnFailure?: boolean;
}

/**
 * A step that runs one authorized-keys script on the instance. It is repeatable: the scripts are
 * idempotent by construction (the add appends only when the key's blob is absent, the removal
 * removes only lines carrying it), so after a crash mid-step running it again is the check — it
 * says `alreadyPresent` when the first run got that far. Facts: `file`, `backup`, `status` (and
 * `warnings` when sshd may still ignore the key), after the runner's own (a host key, a command id).
 */
export function scriptStep(input: ScriptStepInput): RecoveryStep {
  const { revert } = input;
  return {
    id: input.id,
    does: input.does,
    undo: input.undo,
    repeatable: true,
    ...(input.revertOnFailure ? { revertOnFailure: true } : {}),
    apply: (ctx) => runScript(input, input, ctx),
    ...(revert ? { revert: async (ctx: StepContext) => (await runScript(input, revert, ctx)).result } : {}),
  };
}

async function runScript(input: ScriptStepInput, run: ScriptRun, ctx: StepContext): Promise<StepOutcome> {
  const { result, facts } = await input.runner.run(run.script, ctx);
  checkResult(result, run.accept, input.runner.describe);
  const warnings = result.warnings.map((warning) => scriptWarningText[warning]);
  const sentence = scriptOutcomeText(result, input.targetUser ?? 'the target user');
  return {
    result: warnings.length ? `${sentence} Warning: ${warnings.join('; ')}.` : sentence,
    facts: {
      ...facts,
      status: result.status,
      ...(result.file ? { file: result.file } : {}),
      ...(result.backup ? { backup: result.backup } : {}),
      ...(result.warnings.length ? { warnings: result.warnings.join(',') } : {}),
    },
  };
}

/** A refusal, a failure part-way, or a status the step does not accept, as an explained error. */
export function checkResult(result: ScriptResult, accept: readonly Status[], via: string): void {
  if (accept.includes(result.status)) return;
  const reason = result.reason ?? 'unexpected';
  const details = {
    via,
    status: result.status,
    reason,
    detail: result.detail ?? '-',
    file: result.file ?? '-',
    backup: result.backup ?? '-',
  };
  const why = `${scriptReasonText[reason]}${result.detail ? ` (${result.detail})` : ''}`;
  if (result.status === 'refused')
    throw new AppError(
      recoveryErrorCodes.scriptRefused,
      `The authorized-keys script (run through ${via}) refused and changed nothing: ${why}. Fix that on the instance, or run the script yourself (keyrescue authorize --print-script), then resume.`,
      details,
    );
  if (result.status === 'failed')
    throw new AppError(
      recoveryErrorCodes.scriptFailed,
      `The authorized-keys script (run through ${via}) stopped part-way: ${why}. Check ${result.file ?? 'the authorized_keys file'}${result.backup ? ` against its backup ${result.backup}` : ''} before going on.`,
      details,
    );
  throw new AppError(
    recoveryErrorCodes.scriptUnexpected,
    `The authorized-keys script (run through ${via}) reported "${result.status}" where ${accept.map((status) => `"${status}"`).join(' or ')} was expected${result.file ? ` for ${result.file}` : ''}; nothing more was done.`,
    { ...details, expected: accept.join(',') },
  );
}
