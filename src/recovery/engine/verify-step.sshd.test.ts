import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../app/clock';
import { AppError } from '../../ipc/app-error';
import type { HostKeyChoice } from '../../ipc/contracts/recovery-run';
import type { StepReport } from '../../ipc/operations/operation-registry';
import { RecoveryJournals } from '../journal/recovery-journal';
import { recoveryErrorCodes } from '../recovery-errors';
import { ssh2Connector } from '../ssh/ssh2-session';
import { startTestSshd, type TestSshd } from '../ssh/test-support/openssh-server';
import { RecoveryExecutor } from './executor';
import type { StepContext } from './recovery-step';
import { start } from './test-support/executor-fixtures';
import { verifyStep } from './verify-step';

// The verification login against a real OpenSSH sshd on a loopback high port (CI runs as root:
// the server's account is made with useradd). Its authorized_keys holds the "new" key, and a
// second key whose line forces `exit 3`; the "wrong" key is in no file.
const dir = mkdtempSync(join(tmpdir(), 'kr-verify-'));
let sshd: TestSshd;
let hostFingerprint: string;
const keys: Record<'new' | 'wrong' | 'forced', string> = { new: '', wrong: '', forced: '' };

function keygen(name: string): string {
  const path = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', path]);
  return path;
}

beforeAll(async () => {
  for (const name of ['new', 'wrong', 'forced'] as const) keys[name] = readFileSync(keygen(name), 'utf8');
  const pub = (name: string) => readFileSync(join(dir, `${name}.pub`), 'utf8');
  sshd = await startTestSshd(dir, `${pub('new')}command="exit 3" ${pub('forced')}`);
  hostFingerprint = execFileSync('ssh-keygen', ['-lf', sshd.hostPublicKeyFile], { encoding: 'utf8' }).split(
    ' ',
  )[1]!;
});
afterAll(async () => {
  try {
    await sshd?.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function step(privateKey: string, hostKey: HostKeyChoice = { kind: 'accept-new' }) {
  return verifyStep({
    connector: ssh2Connector,
    target: () => ({ host: sshd.host, port: sshd.port }),
    targetUser: sshd.user,
    privateKey,
    hostKey,
    timeoutMs: 10_000,
  });
}

function context(facts: Record<string, string> = {}, notes: string[] = []): StepContext {
  return { recoveryId: 'r', signal: new AbortController().signal, facts, note: (text) => notes.push(text) };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('verifyStep against a real sshd', () => {
  it('logs in with the new key; through the executor that journals `verified` with the host', async () => {
    const journals = new RecoveryJournals(join(dir, 'user-data'), new TestClock());
    const journal = await journals.start({ ...start, targetUser: sshd.user });
    const reports: StepReport[] = [];
    const result = await new RecoveryExecutor().run(journal, [step(keys.new)], {
      onProgress: (entry) => reports.push(entry),
    });
    expect(result).toEqual({
      verified: true,
      facts: { host: '127.0.0.1', port: String(sshd.port), hostKeyFingerprint: hostFingerprint },
    });
    expect(journal.entries.at(-2)).toMatchObject({
      type: 'done',
      stepId: 'verify',
      result: `Logged in to 127.0.0.1:${sshd.port} as ${sshd.user} with the new key (host key ${hostFingerprint}, accepted on first connect).`,
    });
    expect(journal.entries.at(-1)).toMatchObject({
      type: 'verified',
      host: '127.0.0.1',
      targetUser: sshd.user,
      newKeyFingerprint: start.newKeyFingerprint,
    });
    expect(reports).toContainEqual({
      kind: 'note',
      step: 'verify',
      detail: `Accepted the host key of 127.0.0.1:${sshd.port} on first connect: ${hostFingerprint}. Compare it with the instance's console output.`,
    });
    expect(JSON.stringify(journal.entries)).not.toContain('PRIVATE KEY');
  });

  it('pins the host key an earlier step journaled, whatever the choice; the user’s pin works too', async () => {
    const outcome = await step(keys.new).apply(context({ hostKeyFingerprint: hostFingerprint }));
    expect(outcome.result).toContain(`host key ${hostFingerprint}, pinned)`);
    const pinnedByUser = await step(keys.new, { kind: 'pinned', fingerprint: hostFingerprint }).apply(
      context(),
    );
    expect(pinnedByUser.facts).toMatchObject({ hostKeyFingerprint: hostFingerprint });
  });

  it('a different host key than the journaled one is a loud mismatch, even with accept-new chosen', async () => {
    const other = execFileSync('ssh-keygen', ['-lf', `${keygen('impostor')}.pub`], {
      encoding: 'utf8',
    }).split(' ')[1]!;
    const notes: string[] = [];
    const error = await failure(step(keys.new).apply(context({ hostKeyFingerprint: other }, notes)));
    expect(error.code).toBe(recoveryErrorCodes.sshHostKeyMismatch);
    expect(error.details).toMatchObject({ expected: other, actual: hostFingerprint });
    expect(notes).toEqual([]);
  });

  it('a key sshd does not accept is recovery.verifyAuthFailed, explaining where to look', async () => {
    const error = await failure(step(keys.wrong).apply(context()));
    expect(error.code).toBe(recoveryErrorCodes.verifyAuthFailed);
    expect(error.details).toEqual({ host: '127.0.0.1', port: sshd.port, user: sshd.user });
    expect(error.message).toBe(
      `127.0.0.1:${sshd.port} refused the login as ${sshd.user} with the new key. The key is not in the file sshd reads (its AuthorizedKeysFile), sshd ignores that file because of its owner or modes (StrictModes), or the user is not the one whose file got the key. The journal says which file was changed.`,
    );
    expect(error.message).not.toContain('PRIVATE');
  });

  it('a login whose `true` does not exit 0 (a forced command) is recovery.verifyCommandFailed', async () => {
    const error = await failure(step(keys.forced).apply(context()));
    expect(error.code).toBe(recoveryErrorCodes.verifyCommandFailed);
    expect(error.details).toMatchObject({ exitCode: '3' });
    expect(error.message).toContain('ended with exit status 3');
  });
});
