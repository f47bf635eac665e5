import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../../app/clock';
import { operationErrorCodes } from '../../ipc/operations/operation-errors';
import { KeyFiles } from '../../keys/key-files';
import { failure } from '../engine/test-support/executor-fixtures';
import { prepareNewKey } from '../new-key/prepare-new-key';
import { testStepContext } from '../paths/test-support/step-context';
import { cleanupStepIds, ppkCopyStep, sshConfigEntryStep } from './cleanup-steps';

// The file-writing cleanup steps as the executor runs them: their outcome facts, a repeat that
// changes nothing, and cancellation before any write. The files are checked by the real peers.

let dir: string;
const clock = new TestClock('2026-03-04T05:06:07.000Z');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keyrescue-cleanup-steps-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function newKey() {
  return prepareNewKey(
    {
      choice: { kind: 'generate', type: 'ed25519', outputPath: join(dir, 'new'), format: 'openssh' },
      instanceId: 'i-0123456789abcdef0',
      caller: 'cli',
    },
    { keyFiles: new KeyFiles(), clock },
  );
}

describe('cleanup steps that write files', () => {
  it('ssh-config-entry: facts name the file and backup-less first write; a repeat changes nothing', async () => {
    const key = await newKey();
    const step = sshConfigEntryStep({
      entry: { alias: 'legacy', hostName: '203.0.113.10', user: 'ec2-user', identityFile: key.savedPath! },
      homeDir: dir,
      clock,
    });
    expect(step.id).toBe(cleanupStepIds.sshConfigEntry);
    const config = join(dir, '.ssh', 'config');
    const first = await step.apply(testStepContext('rec-c'));
    expect(first.facts).toEqual({ sshConfigPath: config });
    expect(first.result).toContain('"ssh legacy"');
    const resolved = execFileSync('ssh', ['-G', 'legacy', '-F', config], { encoding: 'utf8' });
    expect(resolved).toContain(`identityfile ${key.savedPath}`);
    const again = await step.apply(testStepContext('rec-c'));
    expect(again.result).toContain('nothing was changed');
  });

  it('ppk-copy: puttygen reads the copy; a repeat writes nothing', async () => {
    const key = await newKey();
    const path = join(dir, 'new.ppk');
    const step = ppkCopyStep({ keyFiles: new KeyFiles(), caller: 'cli', path, ...key });
    expect((await step.apply(testStepContext('rec-c'))).facts).toEqual({ ppkCopyPath: path });
    const text = readFileSync(path, 'utf8');
    expect(execFileSync('puttygen', [path, '-O', 'public-openssh'], { encoding: 'utf8' }).trim()).toBe(
      key.publicKeyLine,
    );
    expect((await step.apply(testStepContext('rec-c'))).result).toContain('nothing was written');
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('a cancelled cleanup writes nothing', async () => {
    const key = await newKey();
    const cancelled = new AbortController();
    cancelled.abort();
    const path = join(dir, 'never.ppk');
    const error = await failure(
      ppkCopyStep({ keyFiles: new KeyFiles(), caller: 'cli', path, ...key }).apply(
        testStepContext('rec-c', {}, cancelled.signal),
      ),
    );
    expect(error.code).toBe(operationErrorCodes.cancelled);
    expect(() => readFileSync(path)).toThrow();
  });
});
