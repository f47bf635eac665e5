import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../../app/clock';
import { createCore, type Core } from '../../app/core';
import { runCliCaptured } from '../test-support/run-cli-captured';

// `keyrescue journal list/show/abandon` (and rollback's refusals) on real journal files in a private user-data folder.
let root: string;
let core: Core;
const clock = new TestClock('2026-12-02T04:00:00.000Z');

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'keyrescue-cli-journal-'));
  core = createCore({ userDataDir: join(root, 'user-data'), runtime: 'cli', clock });
});
afterEach(async () => {
  await core.dispose();
  await rm(root, { recursive: true, force: true });
});

const cli = (args: string[]) => runCliCaptured(args, { env: {}, cwd: root, createCore: () => core });

async function recovery(): Promise<string> {
  const journal = await core.journals.start({
    instanceId: 'i-0123456789abcdef0',
    region: 'us-east-1',
    accountLabel: 'Practice account',
    path: 'ssm',
    targetUser: 'ubuntu',
    newKeyFingerprint: `SHA256:${'B'.repeat(43)}`,
  });
  await journal.append({ type: 'intent', stepId: 'append-key', does: 'Adds the key.', undo: 'Remove it.' });
  await journal.append({ type: 'done', stepId: 'append-key', result: 'Added.', facts: { commandId: 'c-1' } });
  return journal.id;
}

describe('keyrescue journal', () => {
  it('lists an unfinished recovery with id, instance, path and last step; abandon removes it from the list', async () => {
    expect((await cli(['journal', 'list'])).stdout).toBe('No unfinished recoveries.\n');
    const id = await recovery();
    const listed = await cli(['journal', 'list']);
    expect(listed).toEqual({
      code: 0,
      stdout: `${id}  i-0123456789abcdef0 (us-east-1)  SSM Run Command as ubuntu  last step: append-key (done)\n`,
      stderr: '',
    });
    const json = JSON.parse((await cli(['journal', 'list', '--json'])).stdout) as {
      recoveries: { id: string }[];
    };
    expect(json.recoveries.map((entry) => entry.id)).toEqual([id]);
    const abandoned = await cli(['journal', 'abandon', id, '--reason', 'Fixed by hand.']);
    expect(abandoned.code).toBe(0);
    expect((await cli(['journal', 'list'])).stdout).toBe('No unfinished recoveries.\n');
  });

  it('shows the report, or the entries as JSON', async () => {
    const id = await recovery();
    const report = await cli(['journal', 'show', id]);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain(`\`${id}\``);
    const shown = JSON.parse((await cli(['journal', 'show', id, '--json'])).stdout) as {
      entries: { type: string; facts?: unknown }[];
    };
    expect(shown.entries.map((entry) => entry.type)).toEqual(['started', 'intent', 'done']);
    expect(shown.entries[2]?.facts).toEqual({ commandId: 'c-1' });
  });

  it('writes the report to a file with -o (whole, atomically), never over an existing one without --force', async () => {
    const id = await recovery();
    const printed = (await cli(['journal', 'show', id, '--language', 'ja'])).stdout;
    expect(printed.split('\n')[0]).toBe('# KeyRescue 復旧レポート');
    const file = join(root, 'report.md');
    expect(await cli(['journal', 'show', id, '--language', 'ja', '-o', 'report.md'])).toEqual({
      code: 0,
      stdout: `wrote ${file} (the recovery report, ja)\n`,
      stderr: '',
    });
    expect(await readFile(file, 'utf8')).toBe(printed);

    await writeFile(file, 'my notes\n');
    expect(await cli(['journal', 'show', id, '-o', file])).toEqual({
      code: 1,
      stdout: '',
      stderr: `keyrescue journal: ${file} already exists; nothing was written. Give another file with -o, or add --force to replace it.\n`,
    });
    expect(await readFile(file, 'utf8')).toBe('my notes\n');

    expect(await cli(['journal', 'show', id, '-o', file, '--force'])).toEqual({
      code: 0,
      stdout: `wrote ${file} (the recovery report, en)\n`,
      stderr: '',
    });
    expect(await readFile(file, 'utf8')).toBe((await cli(['journal', 'show', id])).stdout);
    const json = join(root, 'entries.json');
    expect((await cli(['journal', 'show', id, '--json', '-o', json])).stdout).toBe(
      `wrote ${json} (the journal entries as JSON)\n`,
    );
    expect(JSON.parse(await readFile(json, 'utf8'))).toMatchObject({ id, tornBytes: 0 });
    // No temp file is left beside them.
    expect((await readdir(root)).sort()).toEqual(['entries.json', 'report.md', 'user-data']);
    expect((await cli(['journal', 'show', id, '--force'])).code).toBe(2);
  });

  it('says which id is unknown or malformed, with exit 1, and usage mistakes with exit 2', async () => {
    const missing = await cli(['journal', 'show', 'rec-20261202-040000-00000000']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no recovery journal rec-20261202-040000-00000000.');
    const malformed = await cli(['journal', 'abandon', '../x']);
    expect(malformed.code).not.toBe(0);
    expect((await cli(['journal', 'frobnicate'])).code).toBe(2);
    expect((await cli(['journal', 'show'])).code).toBe(2);
  });
  it('rollback lists what it will undo and changes nothing without --yes (exit 2), nor in another region', async () => {
    const id = await recovery();
    const lines = async () => (await readFile(join(core.journals.folder, `${id}.jsonl`), 'utf8')).split('\n');
    const before = await lines();
    expect(await cli(['journal', 'rollback', id])).toEqual({
      code: 2,
      stdout: '',
      stderr: `Rolling back ${id} (i-0123456789abcdef0) undoes, last step first:\n  append-key (done): Remove it.\nkeyrescue journal: nothing was changed: run again with --yes to roll back.\n`,
    });
    const elsewhere = await cli(['journal', 'rollback', id, '--yes', '--region', 'eu-west-1']);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain(
      `recovery ${id} ran in us-east-1, not eu-west-1; nothing was changed.`,
    );
    expect(await lines()).toEqual(before);
    expect((await cli(['journal', 'list'])).stdout).toContain(`${id}  i-0123456789abcdef0`);
  });
});
