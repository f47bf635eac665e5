import { AppError, ipcErrorCodes } from '../../ipc/app-error';
import type { HostKeyChoice } from '../../ipc/contracts/recovery-run';
import type { RemoteScriptRunner } from '../engine/recovery-step';
import type { SshConnector, SshCredentials } from '../ssh/ssh-port';
import { readLoginKey, runScriptViaLogin } from './another-login';
import { stepPhrase } from '../journal/step-texts';
import { hostKeyPolicyFor } from './script-over-ssh';
import type { SshAddress } from './ssh-target';

/**
 * The "another working login" path as the recovery runs it: the user's other account on the
 * instance (root, or a user with passwordless sudo; a key or a password), the same code as
 * `keyrescue authorize --host` (runScriptViaLogin). The host key is pinned to what an earlier
 * step saw, else the user's choice. Facts: `hostKeyFingerprint`, `runAs` (`root` or `sudo`).
 */
export interface AnotherLoginRunnerInput {
  connector: SshConnector;
  /** Where SSH reaches the instance (ssh-target.ts). */
  endpoint: SshAddress;
  loginUser: string;
  /** The login key (decrypted, see {@link loginCredentials}) or the password; never journaled. */
  credentials: SshCredentials;
  hostKey: HostKeyChoice;
  /** Whose authorized_keys changes (for the "your own account" hint when sudo is missing). */
  targetUser?: string;
}

export function anotherLoginRunner(input: AnotherLoginRunnerInput): RemoteScriptRunner {
  const how = 'password' in input.credentials ? 'password' : 'key';
  return {
    describe: `SSH as ${input.loginUser} (${how} login, then root)`,
    describeText: stepPhrase(how === 'password' ? 'runner.anotherLoginPassword' : 'runner.anotherLoginKey', {
      user: input.loginUser,
    }),
    async run(script, ctx) {
      ctx.note(`Logging in to ${input.endpoint.host}:${input.endpoint.port} as ${input.loginUser}`);
      const { result, runAs, hostKeyFingerprint } = await runScriptViaLogin(
        input.connector,
        {
          ...input.endpoint,
          loginUser: input.loginUser,
          credentials: input.credentials,
          hostKey: hostKeyPolicyFor(input.hostKey, ctx.facts),
          signal: ctx.signal,
        },
        script,
        input.targetUser,
      );
      return { result, facts: { hostKeyFingerprint, runAs } };
    },
  };
}

/** The contract's `login` (recovery:start): a key file with its passphrase, or a password. */
export interface LoginChoice {
  keyPath?: string;
  keyPassphrase?: string;
  password?: string;
}

/**
 * Credentials from the user's choice: the key file read by the key module (PEM, OpenSSH, PPK;
 * decrypted in memory), else the password. Exactly one of them must be given.
 */
export async function loginCredentials(login: LoginChoice, signal?: AbortSignal): Promise<SshCredentials> {
  if (login.keyPath !== undefined && login.password !== undefined)
    throw new AppError(ipcErrorCodes.invalidInput, 'Give the login key file or the password, not both.');
  if (login.keyPath !== undefined)
    return { privateKey: await readLoginKey(login.keyPath, login.keyPassphrase, signal) };
  if (login.password !== undefined) return { password: login.password };
  throw new AppError(
    ipcErrorCodes.invalidInput,
    'Give the login key file or the password of the working login.',
  );
}
