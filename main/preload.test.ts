import { describe, expect, it, vi } from 'vitest';

// `electron` is mocked by hand: no Electron binary can run on the build machines. The test checks that
// the preload exposes `api` with only `invoke` and `on`, and `keyrescueFiles.pathForFile`.
const exposeInMainWorld = vi.fn();
const ipcRenderer = {
  invoke: vi.fn(async () => ({ ok: true, value: null })),
  on: vi.fn(),
  removeListener: vi.fn(),
  send: vi.fn(),
};
const getPathForFile = vi.fn((file: { name: string }) => `/home/me/${file.name}`);
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld },
  ipcRenderer,
  webUtils: { getPathForFile },
}));

describe('preload', () => {
  it('exposes window.api with invoke and on only, and keyrescueFiles.pathForFile', async () => {
    await import('./preload');
    expect(exposeInMainWorld.mock.calls.map(([name]) => name)).toEqual(['api', 'keyrescueFiles']);
    const [name, api] = exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(name).toBe('api');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    await (api.invoke as (channel: string, input: unknown) => Promise<unknown>)('settings:get', {});
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('keyrescue:invoke', 'settings:get', {});
    const [, files] = exposeInMainWorld.mock.calls[1] as [string, Record<string, unknown>];
    expect(Object.keys(files)).toEqual(['pathForFile']);
    expect((files.pathForFile as (file: { name: string }) => string)({ name: 'id_ed25519' })).toBe(
      '/home/me/id_ed25519',
    );
    // Main learns the dropped file's path from the preload itself, so it may write beside it.
    expect(ipcRenderer.send).toHaveBeenCalledWith('keyrescue:dropped-file', '/home/me/id_ed25519');
  });
});
