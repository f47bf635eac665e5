import { z } from 'zod';
import { AppError } from '../../ipc/app-error';
import { remoteScriptErrorCodes } from './script-errors';

export const resultLinePrefix = 'KEYRESCUE-RESULT ';

/** Why the script changed nothing (refused) or stopped (failed); each is a fact about the target. */
export const scriptReasons = [
  'notRoot',
  'rootMissing',
  'userNotFound',
  'badPasswdEntry',
  'controlCharacters',
  'configTooDeep',
  'noAuthorizedKeysFile',
  'unsupportedToken',
  'badPath',
  'homeMissing',
  'outsideRoot',
  'symlink',
  'notADirectory',
  'folderMissing',
  'notRegularFile',
  'hardLinked',
  'immutable',
  'backupExists',
  'unexpected',
  'verify',
] as const;

/** Facts that did not stop the change but may stop sshd using it (StrictModes, SELinux). */
export const scriptWarnings = [
  'homeWritable',
  'homeOwner',
  'restoreconFailed',
  'selinuxRelabelNeeded',
] as const;

const path = z.string().min(1).max(4096).nullable();

/** The one line the script prints, exactly as it prints it: anything else is not our script's. */
export const scriptResultSchema = z.strictObject({
  v: z.literal(1),
  action: z.enum(['add', 'remove']),
  status: z.enum(['added', 'alreadyPresent', 'removed', 'notPresent', 'refused', 'failed']),
  reason: z.enum(scriptReasons).nullable(),
  detail: z.string().max(4096).nullable(),
  file: path,
  backup: path,
  /** Lines carrying the key: after adding (1), found (already present) or removed. */
  lines: z.number().int().min(0).max(1_000_000),
  /** Where the file name came from: `sshd -T`, the sshd_config path read, or `default`. */
  keysFileFrom: z.string().max(4096).nullable(),
  warnings: z.array(z.enum(scriptWarnings)).max(scriptWarnings.length),
});

export type ScriptResult = z.infer<typeof scriptResultSchema>;

/**
 * The result line from a run's stdout (other output, such as a login banner, is ignored). Exactly
 * one line must start with the prefix; a missing, repeated or malformed one is an error naming
 * what was wrong, never a guess.
 */
export function parseScriptResult(stdout: string): ScriptResult {
  const lines = stdout.split(/\r?\n/).filter((line) => line.startsWith(resultLinePrefix));
  if (lines.length === 0)
    throw new AppError(
      remoteScriptErrorCodes.noResult,
      'The script printed no KEYRESCUE-RESULT line: it did not run to the end (was it run with sh, as root?).',
    );
  if (lines.length > 1)
    throw new AppError(
      remoteScriptErrorCodes.badResult,
      `The script output has ${lines.length} KEYRESCUE-RESULT lines; exactly one was expected.`,
    );
  let json: unknown;
  try {
    json = JSON.parse(lines[0]!.slice(resultLinePrefix.length));
  } catch {
    throw new AppError(remoteScriptErrorCodes.badResult, 'The KEYRESCUE-RESULT line is not valid JSON.');
  }
  const parsed = scriptResultSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      remoteScriptErrorCodes.badResult,
      `The KEYRESCUE-RESULT line does not match its schema (${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}).`,
    );
  }
  const result = parsed.data;
  const failing = result.status === 'refused' || result.status === 'failed';
  if (failing !== (result.reason !== null))
    throw new AppError(
      remoteScriptErrorCodes.badResult,
      `The KEYRESCUE-RESULT line says "${result.status}" with ${result.reason === null ? 'no reason' : 'a reason'}.`,
    );
  return result;
}
