import { AppError, isAppError } from '../../ipc/app-error';
import { inspectKey } from '../../keys';
import { keyErrorCodes } from '../../keys/key-errors';
import { loadKeySource } from '../../keys/key-source';
import { newKeyErrorCodes } from '../new-key/new-key-errors';
import { recoveryRunErrorCodes } from './service-errors';

/**
 * The key files a resume reads again — the new key (verification) and the other login's key — and
 * their passphrases, which are never journaled: the journal records only whether each file is
 * encrypted, so the window asks before resuming. These errors name the recovery and the file,
 * never the passphrase.
 */

export type ResumeKey = 'newKey' | 'loginKey';

const which: Record<ResumeKey, string> = { newKey: 'the new private key', loginKey: 'the login key' };

/** Whether a private key file is encrypted (read without a passphrase); unreadable counts as not. */
export async function keyFileEncrypted(path: string): Promise<boolean> {
  try {
    const { data } = await loadKeySource({ kind: 'file', path });
    const inspection = inspectKey(data, { source: path });
    return inspection.kind === 'private' && inspection.encrypted;
  } catch {
    return false;
  }
}

/** A missing or wrong passphrase of a resume's key file as its own error; others unchanged. */
export function resumeKeyError(
  error: unknown,
  context: { id: string; key: ResumeKey; path: string; passphraseGiven: boolean },
): unknown {
  if (!isAppError(error)) return error;
  const { id, key, path } = context;
  const details = { id, key, path };
  if (error.code === newKeyErrorCodes.passphraseNeeded || error.code === keyErrorCodes.passphraseRequired)
    return new AppError(
      recoveryRunErrorCodes.resumePassphraseNeeded,
      `${path} (${which[key]} of recovery ${id}) is encrypted: enter its passphrase to resume. It is used for this resume only and never stored.`,
      details,
    );
  // A PPK's MAC does not match when its passphrase is wrong (or the file was altered).
  const wrong =
    error.code === keyErrorCodes.wrongPassphrase ||
    (context.passphraseGiven && error.code === keyErrorCodes.macMismatch);
  if (wrong)
    return new AppError(
      recoveryRunErrorCodes.resumeWrongPassphrase,
      `The passphrase does not open ${path} (${which[key]} of recovery ${id}). Check it and try again; nothing was changed.`,
      details,
    );
  return error;
}
