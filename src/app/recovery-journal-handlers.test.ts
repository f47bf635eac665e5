import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from './clock';
import { createCore, type Core } from './core';
import type { DialogPort } from './ports';

// The journal channels through the router as the window calls them, on real journal files.
let root: string;
let core: Core;
const clock = new TestClock('2026-12-02T04:00:00.000Z');
const publicKey =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl new@laptop';
const fingerprint = 'SHA256:' + 'A'.repeat(43);

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'keyrescue-journal-router-'));
  core = createCore({ userDataDir: join(root, 'user-data'), runtime: 'test', clock });
});
afterEach(async () => {
  await core.dispose();
  await rm(root, { recursive: true, force: true });
});

const dispatch = (channel: Parameters<Core['router']['dispatch']>[0], payload: unknown) =>
  core.router.dispatch(channel, payload, { caller: 'renderer', emit: () => undefined });

async function startedRecovery(): Promise<string> {
  const journal = await core.journals.start({
    instanceId: 'i-0123456789abcdef0',
    region: 'us-east-1',
    accountLabel: 'Practice account',
    path: 'eic',
    targetUser: 'ec2-user',
    newKeyFingerprint: fingerprint,
  });
  await journal.append({
    type: 'intent',
    stepId: 'append-key',
    does: 'Adds the new key.',
    undo: 'Remove it.',
  });
  return journal.id;
}

describe('recovery journal channels', () => {
  it('lists an unfinished recovery with its last step, reports it, and abandons it', async () => {
    const id = await startedRecovery();
    const listed = await dispatch('recovery:unfinished', {});
    expect(listed).toEqual({
      ok: true,
      value: {
        recoveries: [
          {
            id,
            instanceId: 'i-0123456789abcdef0',
            region: 'us-east-1',
            accountLabel: 'Practice account',
            path: 'eic',
            targetUser: 'ec2-user',
            startedAt: '2026-12-02T04:00:00.000Z',
            updatedAt: '2026-12-02T04:00:00.000Z',
            lastStep: { stepId: 'append-key', state: 'intent' },
            verified: false,
            encryptedKeys: {},
          },
        ],
        damaged: [],
        omitted: 0,
      },
    });
    const report = await dispatch('recovery:report', { recoveryId: id, language: 'ja' });
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    const { markdown, suggestedName } = report.value as { markdown: string; suggestedName: string };
    expect(suggestedName).toBe(`keyrescue-${id}.md`);
    expect(markdown).toContain(`\`${id}\``);
    expect(markdown).toContain('append-key');
    expect(await dispatch('recovery:abandon', { recoveryId: id, reason: 'Did it by hand.' })).toEqual({
      ok: true,
      value: { recoveryId: id },
    });
    expect(await dispatch('recovery:unfinished', {})).toEqual({
      ok: true,
      value: { recoveries: [], damaged: [], omitted: 0 },
    });
    const lines = (await readFile(join(root, 'user-data', 'journals', `${id}.jsonl`), 'utf8'))
      .trim()
      .split('\n');
    expect(JSON.parse(lines.at(-1) ?? '{}')).toMatchObject({ type: 'abandoned', reason: 'Did it by hand.' });
  });

  it('saves the report as Markdown where the Save dialog says, and writes nothing when it is cancelled', async () => {
    // No Electron here, so no native dialog: a fake port answers as the user would (main's real
    // one is main/dialog-port.ts, tested over a fake Electron dialog in main/dialog-port.test.ts).
    const home = join(root, 'home');
    const downloads = join(home, 'Downloads');
    await mkdir(downloads, { recursive: true });
    const openedAt: string[] = [];
    let answer: (defaultPath: string) => string | null = (defaultPath) => defaultPath;
    const dialogs: DialogPort = {
      openKeyFiles: async () => [],
      chooseFolder: async () => null,
      saveReportFile: async ({ defaultPath }) => {
        openedAt.push(defaultPath);
        return answer(defaultPath);
      },
      showItemInFolder: async () => undefined,
    };
    await core.dispose();
    core = createCore({
      userDataDir: join(root, 'user-data'),
      runtime: 'test',
      clock,
      dialogs,
      accounts: { homeDir: home },
    });
    const id = await startedRecovery();
    const offered = join(downloads, `keyrescue-${id}.md`);

    expect(await dispatch('recovery:saveReport', { recoveryId: id, language: 'ja' })).toEqual({
      ok: true,
      value: { status: 'saved', path: offered },
    });
    const shown = await dispatch('recovery:report', { recoveryId: id, language: 'ja' });
    expect(shown.ok && (shown.value as { markdown: string }).markdown).toBe(await readFile(offered, 'utf8'));

    // Elsewhere, over an existing file (the OS dialog asked before replacing it): replaced whole.
    const chosen = join(root, 'reports', 'mine.md');
    await mkdir(dirname(chosen));
    await writeFile(chosen, 'old notes\n');
    answer = () => chosen;
    expect(await dispatch('recovery:saveReport', { recoveryId: id, language: 'en' })).toEqual({
      ok: true,
      value: { status: 'saved', path: chosen },
    });
    expect((await readFile(chosen, 'utf8')).split('\n')[0]).toBe('# KeyRescue recovery report');
    expect(await readdir(dirname(chosen))).toEqual(['mine.md']);

    // The next dialog opens in that folder; cancelled, nothing is written.
    answer = () => null;
    expect(await dispatch('recovery:saveReport', { recoveryId: id, language: 'en' })).toEqual({
      ok: true,
      value: { status: 'cancelled' },
    });
    expect(openedAt).toEqual([offered, offered, join(dirname(chosen), `keyrescue-${id}.md`)]);
    expect(await readdir(downloads)).toEqual([`keyrescue-${id}.md`]);

    // A folder that cannot be written says which file (the file error's code and path).
    answer = () => join(root, 'missing-folder', 'r.md');
    const failed = await dispatch('recovery:saveReport', { recoveryId: id, language: 'en' });
    expect(failed.ok).toBe(false);
    if (!failed.ok) {
      expect(failed.error.code).toMatch(/^file\./);
      expect(failed.error.message).toContain(join(root, 'missing-folder', 'r.md'));
    }
  });

  it('saveReport without a dialog port (the CLI) is dialog.unavailable', async () => {
    const id = await startedRecovery();
    const result = await dispatch('recovery:saveReport', { recoveryId: id, language: 'en' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('dialog.unavailable');
  });

  it('refuses an id that is not a recovery id, and a recovery that does not exist', async () => {
    const bad = await dispatch('recovery:report', { recoveryId: '../../etc/passwd', language: 'en' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('ipc.invalidInput');
    const missing = await dispatch('recovery:abandon', { recoveryId: 'rec-20261202-040000-00000000' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.code).toBe('journal.notFound');
  });

  it('prints the add script for a public key, and refuses a private key or a shell-ish user', async () => {
    const script = await dispatch('recovery:script', { targetUser: 'ec2-user', publicKey });
    expect(script.ok).toBe(true);
    if (script.ok) {
      const text = (script.value as { script: string }).script;
      expect(text.startsWith('#!/bin/sh\n')).toBe(true);
      expect(text).toContain("KR_USER='ec2-user'");
    }
    const privateKey = await dispatch('recovery:script', {
      targetUser: 'ec2-user',
      publicKey: '-----BEGIN OPENSSH PRIVATE KEY-----',
    });
    expect(privateKey.ok).toBe(false);
    const user = await dispatch('recovery:script', { targetUser: 'x;rm -rf /', publicKey });
    expect(user.ok).toBe(false);
    if (!user.ok) expect(user.error.code).toBe('ipc.invalidInput');
  });
});
