import { hostKeyPolicyFor } from '../paths/script-over-ssh';
import { AppError, isAppError } from '../../ipc/app-error';
import type { HostKeyChoice } from '../../ipc/contracts/recovery-run';
import { stepDescription, stepResult, stepText } from '../journal/step-texts';
import { recoveryErrorCodes } from '../recovery-errors';
import type { HostKeyPolicy, SshConnector } from '../ssh/ssh-port';
import type { RecoveryStep, StepContext, StepOutcome } from './recovery-step';

export interface VerifyStepInput {
  connector: SshConnector;
  /** Where to log in: the SSH target the path used (it may be known only from earlier facts). */
  target: (ctx: StepContext) => { host: string; port: number };
  targetUser: string;
  /** The NEW private key as unencrypted OpenSSH text, in memory only (never journaled or logged). */
  privateKey: string;
  /** The user's host key rule; a fingerprint an earlier step journaled overrides it (pinned). */
  hostKey: HostKeyChoice;
  /** Limit on connect + login (default: the connector's). */
  timeoutMs?: number;
}

/** `true` returns at once; a login that does not is a shell or forced command problem, not a slow net. */
const commandTimeoutMs = 30_000;

/**
 * The verification (issue 10 §6): a FRESH SSH login as the target user with the new key, running
 * `true`, exit 0 required. Only this marks a recovery done: the executor journals `verified` from
 * its facts `host` and `hostKeyFingerprint`. The host key seen earlier in this recovery (fact
 * `hostKeyFingerprint`, from the path's own login) is pinned: a different key now is a loud
 * mismatch, never accepted. Without one, the user's pin, then the fingerprints the instance printed
 * to its console at this boot (fact `consoleHostKeys`), then the user's choice (accept-new, whose
 * fingerprint is reported and journaled so every later login pins it). Changes nothing: repeatable.
 */
export function verifyStep(input: VerifyStepInput): RecoveryStep {
  return {
    id: 'verify',
    kind: 'verify',
    ...stepDescription(stepText('verify.does', { user: input.targetUser }), stepText('verify.undo')),
    repeatable: true,
    apply: (ctx) => verify(input, ctx),
  };
}

async function verify(input: VerifyStepInput, ctx: StepContext): Promise<StepOutcome> {
  const { host, port } = input.target(ctx);
  // The fingerprint an earlier step journaled is pinned; before any, the user's rule (refuse-unknown
  // included: the CLI without a pin stops with the key's fingerprint).
  const policy: HostKeyPolicy = hostKeyPolicyFor(input.hostKey, ctx.facts);
  const where = { host, port, user: input.targetUser };
  let session;
  try {
    session = await input.connector.connect({
      host,
      port,
      username: input.targetUser,
      credentials: { privateKey: input.privateKey },
      hostKey: policy,
      signal: ctx.signal,
      ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}),
    });
  } catch (error) {
    if (isAppError(error) && error.code === recoveryErrorCodes.sshAuthFailed)
      throw new AppError(
        recoveryErrorCodes.verifyAuthFailed,
        `${host}:${port} refused the login as ${input.targetUser} with the new key. The key is not in the file sshd reads (its AuthorizedKeysFile), sshd ignores that file because of its owner or modes (StrictModes), or the user is not the one whose file got the key. The journal says which file was changed.`,
        where,
      );
    throw error;
  }
  try {
    const accepted = policy.kind === 'accept-new';
    if (accepted)
      ctx.note(
        `Accepted the host key of ${host}:${port} on first connect: ${session.hostKeyFingerprint}. Compare it with the instance's console output.`,
      );
    const run = await session.exec('true', { timeoutMs: commandTimeoutMs, signal: ctx.signal });
    if (run.exitCode !== 0) {
      const status = run.exitCode === null ? `signal ${run.exitSignal ?? 'unknown'}` : String(run.exitCode);
      throw new AppError(
        recoveryErrorCodes.verifyCommandFailed,
        `The new key logged in to ${host} as ${input.targetUser}, but the check command true ended with ${run.exitCode === null ? status : `exit status ${status}`}. Look at the account's shell and at forced commands (ForceCommand, a command= option on the key's line).`,
        { ...where, exitCode: status },
      );
    }
    const how = accepted
      ? 'verify.loggedInAccepted'
      : policy.kind === 'console'
        ? 'verify.loggedInConsole'
        : 'verify.loggedInPinned';
    return {
      ...stepResult(
        stepText(how, {
          host,
          port: String(port),
          user: input.targetUser,
          fingerprint: session.hostKeyFingerprint,
        }),
      ),
      facts: { host, port: String(port), hostKeyFingerprint: session.hostKeyFingerprint },
    };
  } finally {
    await session.close();
  }
}
