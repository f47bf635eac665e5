import { AppError } from '../../ipc/app-error';
import { englishOf, stepPhrase, stepText, type StepText } from '../journal/step-texts';
import { scriptReasonText } from '../paths/script-outcome-text';
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
  /** What the step does and its undo, structured (journal/step-texts.ts); the English derives from them. */
  text: { does: StepText; undo: StepText };
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
    does: englishOf(input.text.does),
    undo: englishOf(input.text.undo),
    text: input.text,
    repeatable: true,
    ...(input.revertOnFailure ? { revertOnFailure: true } : {}),
    apply: (ctx) => runScript(input, input, ctx),
    ...(revert ? { revert: (ctx: StepContext) => runScript(input, revert, ctx) } : {}),
  };
}

async function runScript(input: ScriptStepInput, run: ScriptRun, ctx: StepContext): Promise<StepOutcome> {
  const { result, facts } = await input.runner.run(run.script, ctx);
  checkResult(result, run.accept, input.runner.describe);
  const text = scriptOutcomeSentences(result, input.targetUser);
  return {
    result: englishOf(text),
    text,
    facts: {
      ...facts,
      status: result.status,
      ...(result.file ? { file: result.file } : {}),
      ...(result.backup ? { backup: result.backup } : {}),
      ...(result.warnings.length ? { warnings: result.warnings.join(',') } : {}),
    },
  };
}

/**
 * What an accepted script run did, as journal sentences: the change (or none), then one sentence
 * per warning (sshd may still ignore the key). Refusals and failures are errors (checkResult).
 */
export function scriptOutcomeSentences(result: ScriptResult, targetUser: string | undefined): StepText[] {
  const file =
    result.file ??
    (targetUser
      ? stepPhrase('script.usersFile', { user: targetUser })
      : stepPhrase('script.targetUsersFile'));
  const backup = result.backup;
  const lines = String(result.lines);
  const one = result.lines === 1;
  const main = (() => {
    switch (result.status) {
      case 'added':
        return backup
          ? stepText('script.addedWithBackup', { file, backup })
          : stepText('script.added', { file });
      case 'alreadyPresent':
        return one
          ? stepText('script.alreadyPresentOne', { file })
          : stepText('script.alreadyPresent', { file, lines });
      case 'removed':
        if (one)
          return backup
            ? stepText('script.removedOneWithBackup', { file, backup })
            : stepText('script.removedOne', { file });
        return backup
          ? stepText('script.removedWithBackup', { file, lines, backup })
          : stepText('script.removed', { file, lines });
      default:
        return stepText('script.notPresent', { file });
    }
  })();
  return [main, ...result.warnings.map((warning) => stepText(`script.warning.${warning}`))];
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
