import { AppError } from '../../ipc/app-error';
import type { HostKeyChoice } from '../../ipc/contracts/recovery-run';
import type { StepFacts } from '../engine/recovery-step';
import { recoveryErrorCodes } from '../recovery-errors';
import { parseScriptResult, type ScriptResult } from '../scripts/script-result';
import type { HostKeyPolicy, SshSession } from '../ssh/ssh-port';

/**
 * What the SSH paths share once logged in (another login, Instance Connect): become root (root as
 * is, else passwordless sudo), feed the authorized-keys script to `sh` on stdin, read its one
 * result line. Also which host key a path's connection trusts.
 */

/** How the script became root: it was root already, or passwordless sudo. */
export type RunAs = 'root' | 'sudo';

export interface ScriptOverSshInput {
  script: string;
  /** Who the session is logged in as. */
  loginUser: string;
  /** Whose authorized_keys the script changes (only for the "own account" hint). */
  targetUser?: string;
  /** Named in errors. */
  host: string;
  signal?: AbortSignal;
}

export interface ScriptOverSshResult {
  runAs: RunAs;
  result: ScriptResult;
}

/** Stays far below the SSH limits; sudo's refusal is one or two lines. */
const maxReasonChars = 300;

export function firstLines(text: string): string {
  return text.trim().split(/\r?\n/).slice(0, 3).join(' ').slice(0, maxReasonChars);
}

function signalOf(input: { signal?: AbortSignal }): { signal?: AbortSignal } {
  return input.signal ? { signal: input.signal } : {};
}

/**
 * Root as is; else sudo when it works without a password. Never the login user's own shell, even
 * for their own account: the script refuses non-root on a live system (it needs `sshd -T`, chown
 * and the backup rules as root), so that run could only fail; ssh-copy-id is the tool for that.
 */
async function chooseRunAs(session: SshSession, input: ScriptOverSshInput): Promise<RunAs> {
  if (input.loginUser === 'root') return 'root';
  const probe = await session.exec('sudo -n true', { timeoutMs: 30_000, ...signalOf(input) });
  if (probe.exitCode === 0) return 'sudo';
  const reason = firstLines(probe.stderr) || `sudo -n true exited with ${probe.exitCode ?? probe.exitSignal}`;
  const own =
    input.targetUser === input.loginUser ? ' For your own account, ssh-copy-id does it without root.' : '';
  throw new AppError(
    recoveryErrorCodes.sudoUnavailable,
    `${input.loginUser} on ${input.host} cannot run commands as root without a password (${reason}). Log in as root or as a user with passwordless sudo, or run the script as root yourself (keyrescue authorize --print-script). Nothing was changed.${own}`,
    { host: input.host, user: input.loginUser, reason },
  );
}

const commandFor: Record<RunAs, string> = { root: 'sh', sudo: 'sudo -n sh' };

/** Runs the script as root on a logged-in session and returns what its result line says. */
export async function runScriptOverSsh(
  session: SshSession,
  input: ScriptOverSshInput,
): Promise<ScriptOverSshResult> {
  const runAs = await chooseRunAs(session, input);
  const run = await session.exec(commandFor[runAs], { stdin: input.script, ...signalOf(input) });
  try {
    return { runAs, result: parseScriptResult(run.stdout) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const stderr = firstLines(run.stderr);
    throw new AppError(
      error.code,
      `${error.message} It ran as "${commandFor[runAs]}" on ${input.host} and exited with ${run.exitCode ?? run.exitSignal}${stderr ? `: ${stderr}` : ''}.`,
      { host: input.host },
    );
  }
}

/**
 * The host key rule of one connection in a recovery: the fingerprint an earlier step saw (a fact,
 * this run's or the journal's) is pinned, so every later connection — and a resume days later —
 * must meet the same server; before any was seen, the user's pin, else the fingerprints the
 * instance printed to its console at this boot (fact `consoleHostKeys`), else the user's choice
 * (accept-new, or refuse-unknown, which stops with the key's fingerprint for the user to compare).
 */
export function hostKeyPolicyFor(choice: HostKeyChoice, facts: StepFacts): HostKeyPolicy {
  const seen = facts.hostKeyFingerprint;
  if (seen) return { kind: 'pinned', fingerprint: seen };
  if (choice.kind === 'pinned') return { kind: 'pinned', fingerprint: choice.fingerprint };
  // What the instance printed at this boot (user data path) beats trusting the first key seen.
  const printed = facts.consoleHostKeys?.split(' ').filter(Boolean) ?? [];
  return printed.length > 0 ? { kind: 'console', fingerprints: printed } : { kind: choice.kind };
}
