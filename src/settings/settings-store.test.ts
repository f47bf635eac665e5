import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../app/core';
import { SettingsStore } from './settings-store';

describe('SettingsStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-settings-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('starts from defaults when no file exists', async () => {
    expect(await new SettingsStore(dir).get()).toEqual({
      language: null,
      theme: 'system',
      lastProfile: null,
      lastRegion: null,
    });
  });

  it('persists changes atomically as JSON, owner-only, with no temp files left', async () => {
    const store = new SettingsStore(dir);
    await store.update({ language: 'ja', lastRegion: 'ap-northeast-1' });
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toEqual({
      language: 'ja',
      theme: 'system',
      lastProfile: null,
      lastRegion: 'ap-northeast-1',
    });
    expect(await readdir(dir)).toEqual(['settings.json']);
    if (process.platform !== 'win32')
      expect((await stat(join(dir, 'settings.json'))).mode & 0o777).toBe(0o600);
    expect((await new SettingsStore(dir).get()).language).toBe('ja');
  });

  it('falls back to defaults for a damaged file and keeps the valid fields of a partial one', async () => {
    await writeFile(join(dir, 'settings.json'), '{not json');
    expect((await new SettingsStore(dir).get()).theme).toBe('system');
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ theme: 'dark' }));
    expect(await new SettingsStore(dir).get()).toEqual({
      language: null,
      theme: 'dark',
      lastProfile: null,
      lastRegion: null,
    });
  });

  it('settings:set pushes settings:changed to the caller', async () => {
    const core = createCore({ userDataDir: dir, runtime: 'test' });
    const events: unknown[] = [];
    const result = await core.router.dispatch(
      'settings:set',
      { theme: 'dark' },
      { caller: 'test', emit: (name, payload) => events.push([name, payload]) },
    );
    expect(result.ok).toBe(true);
    expect(events).toEqual([['settings:changed', { language: null, theme: 'dark' }]]);
  });
});
