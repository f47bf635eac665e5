import { resolve } from 'node:path';
import type { RecoveryStartInput } from '../../ipc/contracts/recovery-run';
import { readPassphraseFile } from '../../keys/passphrase-file';
import { UsageError, type CliContext } from '../cli-types';

/** The other login's options of `keyrescue recover` (the target's login, or the rescue's). */
export interface LoginOptions {
  user: string | undefined;
  key: string | undefined;
  passphraseFile: string | undefined;
  passwordFile: string | undefined;
}

/**
 * The other login: `--login-user U` with `--login-key FILE` (and its passphrase file), or with
 * `--login-password-file F` (the password's first line, read as passphrases are: never on argv).
 */
export async function loginOf(options: LoginOptions, ctx: CliContext): Promise<RecoveryStartInput['login']> {
  const { user, key, passphraseFile, passwordFile } = options;
  if (!user && !key && !passwordFile) return undefined;
  if (key && passwordFile)
    throw new UsageError('give the other login --login-key FILE or --login-password-file F, not both.');
  if (user && passwordFile) {
    if (passphraseFile)
      throw new UsageError('--login-passphrase-file goes with --login-key FILE, not with a password.');
    const password = await readPassphraseFile(resolve(ctx.cwd, passwordFile));
    if (!password) throw new UsageError(`${resolve(ctx.cwd, passwordFile)} is empty: it holds no password.`);
    return { user, password };
  }
  if (!user || !key)
    throw new UsageError(
      'the other login needs --login-user U and --login-key FILE (or --login-password-file F).',
    );
  return {
    user,
    keyPath: resolve(ctx.cwd, key),
    ...(passphraseFile ? { keyPassphrase: await readPassphraseFile(resolve(ctx.cwd, passphraseFile)) } : {}),
  };
}
