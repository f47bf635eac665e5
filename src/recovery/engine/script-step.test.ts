import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../../app/clock';
import { AppError } from '../../ipc/app-error';
import { RecoveryJournals } from '../journal/recovery-journal';
import { stepPhrase, stepText } from '../journal/step-texts';
import { recoveryErrorCodes } from '../recovery-errors';
import { addKeyScript, removeKeyScript } from '../scripts/authorized-key-script';
import type { ScriptResult } from '../scripts/script-result';
import { runScript, shells } from '../scripts/test-support/run-script';
import { backupsOf, makeVolume, volumeUser, type Volume } from '../scripts/test-support/volume';
import { RecoveryExecutor } from './executor';
import type { RemoteScriptRunner } from './recovery-step';
import { checkResult, scriptStep } from './script-step';

// Script steps run the real authorized-keys script, as root under dash, on a mounted-system layout
// in a temp folder (the root-prefix mode needs no real account). The runner is the local shell:
// the paths' runners (ssh, Instance Connect, SSM) deliver the same script to the same shell.
let volume: Volume;
let newKey: string;
const executor = new RecoveryExecutor();

beforeAll(async () => {
  expect(process.getuid?.(), 'these tests run as root, as CI does').toBe(0);
});
beforeEach(async () => {
  volume = await makeVolume();
  const keyFile = join(volume.dir, 'new');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'new key', '-f', keyFile]);
  newKey = (await readFile(`${keyFile}.pub`, 'utf8')).trim();
});
afterEach(() => volume.remove());

const runner = (): RemoteScriptRunner => ({
  describe: 'a local dash (test)',
  run: async (script) => ({
    result: (await runScript(shells[1], script, volume.dir)).result,
    facts: { via: 'dash' },
  }),
});

const input = () => ({ targetUser: volumeUser.name, publicKey: newKey, rootPrefix: volume.root });

function appendKey(revert = true) {
  return scriptStep({
    id: 'append-key',
    text: {
      does: stepText('appendKey.does', { user: volumeUser.name, via: stepPhrase('via.ssh') }),
      undo: stepText('appendKey.undo', { user: volumeUser.name }),
    },
    runner: runner(),
    targetUser: volumeUser.name,
    script: addKeyScript(input()),
    accept: ['added', 'alreadyPresent'],
    ...(revert ? { revert: { script: removeKeyScript(input()), accept: ['removed', 'notPresent'] } } : {}),
  });
}

const journals = () => new RecoveryJournals(join(volume.dir, 'user-data'), new TestClock());
const start = {
  instanceId: 'i-0123456789abcdef0',
  region: 'us-east-1',
  accountLabel: 'Practice account',
  path: 'ssh' as const,
  targetUser: volumeUser.name,
  newKeyFingerprint: 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8',
};

describe('scriptStep through the executor', () => {
  it('adds the key with facts file, backup and status; run again it finds it present; rollback removes it', async () => {
    await mkdir(volume.ssh, { mode: 0o700 });
    await writeFile(volume.keysFile, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOld old\n');
    const journal = await journals().start(start);
    const { facts } = await executor.run(journal, [appendKey()]);
    const [backup] = await backupsOf(volume.ssh);
    const file = volume.keysFile;
    expect(facts).toEqual({ via: 'dash', status: 'added', file, backup });
    expect(journal.entries.at(-1)).toMatchObject({
      type: 'done',
      result: `Added the key to ${file} (backup: ${facts.backup}).`,
    });
    expect(
      (await readFile(volume.keysFile, 'utf8')).split('\n').filter((line) => line === newKey),
    ).toHaveLength(1);

    // Repeatable: the same script again changes nothing and says so.
    const step = appendKey();
    const again = await step.apply({
      recoveryId: journal.id,
      signal: new AbortController().signal,
      facts: {},
      note: () => {},
    });
    expect(again.facts).toMatchObject({ status: 'alreadyPresent' });

    await executor.rollback(journal, [appendKey()]);
    expect(await readFile(volume.keysFile, 'utf8')).not.toContain(newKey);
    expect(journal.entries.at(-1)).toMatchObject({
      type: 'undone',
      result: expect.stringMatching(/^Removed 1 line carrying the key from /),
    });
  });

  it('after a crash between the script and its `done`, resume runs it again: the key is there once', async () => {
    const store = journals();
    const journal = await store.start(start);
    const step = appendKey();
    // What the dead process did: the intent, then the script (its result never journaled).
    await journal.append({ type: 'intent', stepId: step.id, does: step.does, undo: step.undo });
    await runner().run(addKeyScript(input()), {
      recoveryId: journal.id,
      signal: new AbortController().signal,
      facts: {},
      note: () => {},
    });
    await executor.run(await store.open(journal.id), [appendKey()]);
    const keyLines = (await readFile(volume.keysFile, 'utf8')).split('\n').filter((line) => line === newKey);
    expect(keyLines).toHaveLength(1);
    const entries = (await store.read(journal.id)).entries;
    expect(entries.slice(1).map((entry) => entry.type)).toEqual(['intent', 'intent', 'done']);
    expect(entries.at(-1)).toMatchObject({ facts: { status: 'alreadyPresent' } });
  });

  it('warnings that may keep sshd from using the key are in the result and the facts', async () => {
    await chmod(volume.home, 0o777);
    const outcome = await appendKey().apply({
      recoveryId: 'r',
      signal: new AbortController().signal,
      facts: {},
      note: () => {},
    });
    expect(outcome.facts).toMatchObject({ status: 'added', warnings: 'homeWritable' });
    expect(outcome.result).toMatch(
      / Warning: the home folder is writable by others; sshd with StrictModes ignores the key\.$/,
    );
  });

  it('a refusal is recovery.scriptRefused naming the reason and the path, and nothing changed', async () => {
    const elsewhere = join(volume.dir, 'elsewhere');
    await mkdir(elsewhere);
    await symlink(elsewhere, volume.ssh);
    const journal = await journals().start(start);
    const error = (await executor.run(journal, [appendKey()]).catch((thrown: unknown) => thrown)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe(recoveryErrorCodes.scriptRefused);
    expect(error.details).toMatchObject({ via: 'a local dash (test)', status: 'refused', reason: 'symlink' });
    expect(error.message).toMatch(
      /^The authorized-keys script \(run through a local dash \(test\)\) refused and changed nothing: a symlink is in the way \(never followed as root\) \(.*\.ssh\)\. Fix that on the instance, or run the script yourself \(keyrescue authorize --print-script\), then resume\.$/,
    );
    expect(journal.entries.at(-1)).toMatchObject({ type: 'failed', errorCode: 'recovery.scriptRefused' });
    expect(existsSync(join(elsewhere, 'authorized_keys'))).toBe(false);
  });

  it('a status the step does not accept is recovery.scriptUnexpected', async () => {
    const step = scriptStep({
      id: 'remove-old-key',
      text: {
        does: stepText('removeOldKey.does', {
          keyName: 'old',
          fingerprint: 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8',
          user: volumeUser.name,
          via: 'a local dash (test)',
        }),
        undo: stepText('removeOldKey.undo', {
          fingerprint: 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8',
          user: volumeUser.name,
        }),
      },
      runner: runner(),
      script: removeKeyScript(input()),
      accept: ['removed'],
    });
    const error = (await step
      .apply({ recoveryId: 'r', signal: new AbortController().signal, facts: {}, note: () => {} })
      .catch((thrown: unknown) => thrown)) as AppError;
    expect(error.code).toBe(recoveryErrorCodes.scriptUnexpected);
    expect(error.message).toMatch(/reported "notPresent" where "removed" was expected/);
    expect(step.revert).toBeUndefined();
  });
});

describe('checkResult', () => {
  const failed: ScriptResult = {
    v: 1,
    action: 'add',
    status: 'failed',
    reason: 'verify',
    detail: 'the key is in the file 2 times after appending',
    file: '/home/ec2-user/.ssh/authorized_keys',
    backup: '/home/ec2-user/.ssh/authorized_keys.keyrescue-20260101T000000Z',
    lines: 2,
    keysFileFrom: 'sshd -T',
    warnings: [],
  };
  it('a failure part-way is recovery.scriptFailed pointing at the file and its backup', () => {
    let error: AppError | undefined;
    try {
      checkResult(failed, ['added', 'alreadyPresent'], 'SSM Run Command');
    } catch (thrown) {
      error = thrown as AppError;
    }
    expect(error?.code).toBe(recoveryErrorCodes.scriptFailed);
    expect(error?.message).toBe(
      'The authorized-keys script (run through SSM Run Command) stopped part-way: the file did not read back as written (the key is in the file 2 times after appending). Check /home/ec2-user/.ssh/authorized_keys against its backup /home/ec2-user/.ssh/authorized_keys.keyrescue-20260101T000000Z before going on.',
    );
  });
  it('an accepted status passes', () => {
    expect(() =>
      checkResult({ ...failed, status: 'added', reason: null, detail: null }, ['added'], 'x'),
    ).not.toThrow();
  });
});
