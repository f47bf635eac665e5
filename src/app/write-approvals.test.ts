import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../ipc/envelope';
import type { HandlerContext } from '../ipc/router';
import { encodePrivateKey, generatePrivateKey } from '../keys';
import { createCore, type Core } from './core';
import type { DialogPort } from './ports';

/**
 * C5: paths the window sends are written only where the user pointed through something main saw (a
 * dialog, a drop) or, for new files, the key folder. Everything goes through the real router with a
 * temporary HOME, as the audit's attack did.
 */
describe('where the window may have keys written', () => {
  let root: string;
  let home: string;
  let core: Core;
  /** What the fake native dialogs answer next (no native dialog can run in a test). */
  const answers: { folder: string | null; files: string[]; save: string | null } = {
    folder: null,
    files: [],
    save: null,
  };
  const dialogs: DialogPort = {
    chooseFolder: async () => answers.folder,
    openKeyFiles: async () => answers.files,
    saveKeyFile: async () => answers.save,
    showItemInFolder: async () => undefined,
  };

  const call = (
    caller: HandlerContext['caller'],
    channel: string,
    input: unknown,
  ): Promise<Envelope<unknown>> => core.router.dispatch(channel, input, { caller, emit: () => undefined });
  const codeOf = (envelope: Envelope<unknown>) => (envelope.ok ? 'ok' : envelope.error.code);
  const generate = (caller: HandlerContext['caller'], outputPath: string, overwrite = false) =>
    call(caller, 'keys:generate', {
      type: 'ed25519',
      format: 'ppk3',
      comment: '$(touch pwned)',
      outputPath,
      overwrite,
    });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'keyrescue-approvals-'));
    home = join(root, 'home');
    await mkdir(join(home, '.ssh'), { recursive: true });
    core = createCore({
      userDataDir: join(root, 'user-data'),
      runtime: 'test',
      dialogs,
      accounts: { homeDir: home },
    });
    answers.folder = null;
    answers.files = [];
    answers.save = null;
  });
  afterEach(async () => {
    await core.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('refuses the audit’s attack: keys:generate over ~/.bashrc (or any file the user never chose)', async () => {
    const bashrc = join(home, '.bashrc');
    const notes = join(home, 'notes.txt');
    await writeFile(bashrc, 'export PATH=$PATH:~/bin\n');
    await writeFile(notes, 'my notes\n');
    const attack = await generate('renderer', bashrc, true);
    expect(attack).toMatchObject({
      ok: false,
      error: { code: 'file.reservedName', details: { path: bashrc } },
    });
    expect(codeOf(await generate('renderer', notes, true))).toBe('file.notChosen');
    expect(codeOf(await generate('renderer', join(home, 'new-file')))).toBe('file.notChosen');
    expect(codeOf(await generate('renderer', 'relative/key'))).toBe('file.notChosen');
    // Convert too: into the home folder, or over a named file there.
    const input = join(root, 'input');
    await writeFile(
      input,
      await encodePrivateKey(await generatePrivateKey({ type: 'ed25519' }), { format: 'openssh' }),
    );
    const converted = await call('renderer', 'keys:convert', {
      items: [
        { source: { kind: 'file', path: input }, outputPath: notes },
        { source: { kind: 'file', path: input } },
      ],
      target: 'ppk3',
      outDir: home,
      overwrite: true,
    });
    expect(converted).toMatchObject({
      ok: true,
      value: {
        results: [
          { ok: false, error: { code: 'file.notChosen' } },
          { ok: false, error: { code: 'file.notChosen' } },
        ],
      },
    });
    expect(await readFile(bashrc, 'utf8')).toBe('export PATH=$PATH:~/bin\n');
    expect(await readFile(notes, 'utf8')).toBe('my notes\n');
    expect((await readdir(home)).sort()).toEqual(['.bashrc', '.ssh', 'notes.txt']);
  });

  it('creates new keys in the key folder but replaces none there, and never uses names SSH acts on', async () => {
    const ssh = join(home, '.ssh');
    const existing = join(ssh, 'id_ed25519');
    await writeFile(existing, 'the user’s only key');
    expect(codeOf(await generate('renderer', join(ssh, 'laptop')))).toBe('ok');
    expect(codeOf(await generate('renderer', existing, true))).toBe('file.replaceNotChosen');
    expect(codeOf(await generate('renderer', existing))).toBe('file.exists');
    for (const name of ['rc', 'authorized_keys', 'config', 'environment', '.hidden'])
      expect(codeOf(await generate('renderer', join(ssh, name)))).toBe('file.reservedName');
    expect(await readFile(existing, 'utf8')).toBe('the user’s only key');
    expect((await readdir(ssh)).sort()).toEqual(['id_ed25519', 'laptop', 'laptop.pub']);
  });

  it('replaces a file in the key folder once the user picked it in the save dialog, and only that key (and its .pub)', async () => {
    const ssh = join(home, '.ssh');
    for (const name of ['web', 'web.pub', 'other']) await writeFile(join(ssh, name), `old ${name}`);
    expect(codeOf(await generate('renderer', join(ssh, 'web'), true))).toBe('file.replaceNotChosen');
    answers.save = join(ssh, 'web');
    expect(await call('renderer', 'dialog:saveKeyFile', { defaultPath: join(ssh, 'web') })).toEqual({
      ok: true,
      value: { path: join(ssh, 'web') },
    });
    // The key and its .pub are replaced; a file the user did not pick is not.
    expect(codeOf(await generate('renderer', join(ssh, 'web'), true))).toBe('ok');
    expect(await readFile(join(ssh, 'web.pub'), 'utf8')).toMatch(/^ssh-ed25519 /);
    const input = join(root, 'input');
    await writeFile(
      input,
      await encodePrivateKey(await generatePrivateKey({ type: 'ed25519' }), { format: 'openssh' }),
    );
    const convert = (outputPath: string) =>
      call('renderer', 'keys:convert', {
        items: [{ source: { kind: 'file', path: input }, outputPath }],
        target: 'openssh',
        overwrite: true,
      });
    expect(await convert(join(ssh, 'web'))).toMatchObject({ ok: true, value: { results: [{ ok: true }] } });
    expect(await readFile(join(ssh, 'web'), 'utf8')).toContain('BEGIN OPENSSH PRIVATE KEY');
    expect(await convert(join(ssh, 'other'))).toMatchObject({
      ok: true,
      value: { results: [{ ok: false, error: { code: 'file.replaceNotChosen' } }] },
    });
    expect(await readFile(join(ssh, 'other'), 'utf8')).toBe('old other');
  });

  it('writes and replaces inside a folder from the folder dialog, and nowhere its symlinks or .. lead', async () => {
    const chosen = join(home, 'keys');
    await mkdir(join(chosen, 'sub'), { recursive: true });
    await symlink(home, join(chosen, 'up'));
    await writeFile(join(home, 'notes.txt'), 'my notes\n');
    expect(codeOf(await generate('renderer', join(chosen, 'a')))).toBe('file.notChosen');
    answers.folder = chosen;
    expect(await call('renderer', 'dialog:chooseFolder', {})).toEqual({ ok: true, value: { path: chosen } });
    expect(codeOf(await generate('renderer', join(chosen, 'a')))).toBe('ok');
    expect(codeOf(await generate('renderer', join(chosen, 'a'), true))).toBe('ok');
    expect(codeOf(await generate('renderer', join(chosen, 'up', 'notes.txt'), true))).toBe('file.notChosen');
    expect(codeOf(await generate('renderer', join(chosen, '..', 'notes.txt'), true))).toBe('file.notChosen');
    expect(codeOf(await generate('renderer', join(chosen, 'sub', 'b')))).toBe('file.notChosen');
    expect(await readFile(join(home, 'notes.txt'), 'utf8')).toBe('my notes\n');
    expect((await readdir(chosen)).sort()).toEqual(['a', 'a.pub', 'sub', 'up']);
  });

  it('converts beside a file from the open dialog or dropped on the window; the CLI writes where the user typed', async () => {
    const downloads = join(home, 'Downloads');
    const desktop = join(home, 'Desktop');
    await mkdir(downloads);
    await mkdir(desktop);
    const text = await encodePrivateKey(await generatePrivateKey({ type: 'ed25519' }), { format: 'openssh' });
    await writeFile(join(downloads, 'web.pem'), text);
    await writeFile(join(desktop, 'db.pem'), text);
    const convert = (caller: HandlerContext['caller'], path: string) =>
      call(caller, 'keys:convert', { items: [{ source: { kind: 'file', path } }], target: 'ppk3' });
    const resultCode = (envelope: Envelope<unknown>) => {
      const value = envelope.ok
        ? (envelope.value as { results: { ok: boolean; error?: { code: string } }[] })
        : undefined;
      return value?.results[0]?.ok ? 'ok' : (value?.results[0]?.error?.code ?? 'request failed');
    };
    expect(resultCode(await convert('renderer', join(downloads, 'web.pem')))).toBe('file.notChosen');
    answers.files = [join(downloads, 'web.pem')];
    await call('renderer', 'dialog:openKeyFiles', { multiple: true });
    expect(resultCode(await convert('renderer', join(downloads, 'web.pem')))).toBe('ok');
    // A drop: main's preload bridge registers the real path of a dropped file.
    core.approvals.approveFile(join(desktop, 'db.pem'));
    expect(resultCode(await convert('renderer', join(desktop, 'db.pem')))).toBe('ok');
    expect((await readdir(downloads)).sort()).toEqual(['web.pem', 'web.ppk']);
    expect((await readdir(desktop)).sort()).toEqual(['db.pem', 'db.ppk']);
    // The CLI is not the window: the user typed the path.
    expect(codeOf(await generate('cli', join(home, 'typed-by-user')))).toBe('ok');
  });
});
