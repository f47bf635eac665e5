import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../src/app/core';
import {
  isTrustedSender,
  pushToCurrentWindow,
  registerDroppedFileBridge,
  registerIpcBridge,
} from './ipc-bridge';

// ipcMain, WebContents and WebFrameMain are hand-written stand-ins: no Electron binary can run here.
// The router behind the bridge is the real one from createCore.
function fakeContents() {
  return { send: vi.fn(), isDestroyed: vi.fn(() => false) };
}
const topFrame = (url: string) => ({ url, parent: null });

describe('isTrustedSender', () => {
  const ours = fakeContents();
  it('accepts the top frame of our window showing our page', () => {
    expect(isTrustedSender({ sender: ours, senderFrame: topFrame('app://keyrescue/index.html') }, ours)).toBe(
      true,
    );
  });
  it.each([
    ['another web contents', { sender: fakeContents(), senderFrame: topFrame('app://keyrescue/index.html') }],
    ['a remote page in our window', { sender: ours, senderFrame: topFrame('https://evil.example/') }],
    ['a file page', { sender: ours, senderFrame: topFrame('file:///tmp/x.html') }],
    ['another app:// host', { sender: ours, senderFrame: topFrame('app://other/index.html') }],
    ['a sub-frame', { sender: ours, senderFrame: { url: 'app://keyrescue/index.html', parent: {} } }],
    ['a frame that is gone', { sender: ours, senderFrame: null }],
  ])('refuses %s', (_name, event) => {
    expect(isTrustedSender(event, ours)).toBe(false);
  });
  it('refuses everything while there is no window', () => {
    expect(isTrustedSender({ sender: undefined, senderFrame: topFrame('app://keyrescue/') }, undefined)).toBe(
      false,
    );
  });
});

describe('registerIpcBridge with the real router', () => {
  let dir: string;
  const cores: Core[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-bridge-'));
  });
  afterEach(async () => {
    await Promise.all(cores.splice(0).map((core) => core.dispose()));
    await rm(dir, { recursive: true, force: true });
  });

  function setUp() {
    const core = createCore({ userDataDir: dir, runtime: 'electron' });
    cores.push(core);
    const contents = fakeContents();
    let handler: ((event: unknown, channel: unknown, input: unknown) => Promise<unknown>) | undefined;
    const ipcMain = {
      handle: vi.fn((channel: string, listener: typeof handler) => {
        expect(channel).toBe('keyrescue:invoke');
        handler = listener;
      }),
      removeHandler: vi.fn(),
    };
    const dispose = registerIpcBridge({
      ipcMain: ipcMain as never,
      router: core.router,
      trustedContents: () => contents as never,
    });
    const call = (event: unknown, channel: unknown, input: unknown) => {
      if (!handler) throw new Error('no handler registered');
      return handler(event, channel, input);
    };
    return { contents, ipcMain, dispose, call };
  }

  it('dispatches a trusted request to the router and returns its envelope', async () => {
    const { contents, call } = setUp();
    const result = await call(
      { sender: contents, senderFrame: topFrame('app://keyrescue/index.html') },
      'app:info',
      {},
    );
    expect(result).toMatchObject({
      ok: true,
      value: { name: 'KeyRescue', runtime: 'electron', mode: 'sandbox', platform: process.platform },
    });
  });

  it('returns the router error envelope for bad input, unchanged', async () => {
    const { contents, call } = setUp();
    const result = await call(
      { sender: contents, senderFrame: topFrame('app://keyrescue/') },
      'settings:set',
      { language: 'xx' },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'ipc.invalidInput' } });
  });

  it('answers an untrusted sender with ipc.forbiddenSender and runs no service', async () => {
    const { call } = setUp();
    const result = await call(
      { sender: fakeContents(), senderFrame: topFrame('app://keyrescue/') },
      'settings:set',
      { theme: 'dark' },
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'ipc.forbiddenSender', message: 'This request did not come from the KeyRescue window.' },
    });
    const { contents, call: trustedCall } = setUp();
    expect(
      await trustedCall({ sender: contents, senderFrame: topFrame('app://keyrescue/') }, 'settings:get', {}),
    ).toMatchObject({
      ok: true,
      value: { theme: 'system' },
    });
  });

  it('pushes a call’s events to the window that exists when they happen, not the one that called', async () => {
    const core = createCore({ userDataDir: dir, runtime: 'electron' });
    cores.push(core);
    const calling = fakeContents();
    const recreated = fakeContents();
    let handler: ((event: unknown, channel: unknown, input: unknown) => Promise<unknown>) | undefined;
    let asked = 0;
    registerIpcBridge({
      ipcMain: {
        handle: (_channel: string, listener: typeof handler) => (handler = listener),
        removeHandler: vi.fn(),
      } as never,
      router: core.router,
      // The sender check sees the calling window; by the time settings:set pushes, it was re-created.
      trustedContents: () => (asked++ === 0 ? calling : recreated) as never,
    });
    const result = await handler?.(
      { sender: calling, senderFrame: topFrame('app://keyrescue/') },
      'settings:set',
      { theme: 'dark' },
    );
    expect(result).toMatchObject({ ok: true });
    expect(calling.send).not.toHaveBeenCalled();
    expect(recreated.send).toHaveBeenCalledWith('keyrescue:event', 'settings:changed', {
      language: null,
      theme: 'dark',
    });
  });

  it('removes its handler when disposed', () => {
    const { ipcMain, dispose } = setUp();
    dispose();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith('keyrescue:invoke');
  });
});

describe('pushToCurrentWindow', () => {
  const entry = { operationId: 'op1', seq: 1, kind: 'step' as const, step: 'us-east-1', at: 5 };

  it('sends on the one event channel to the window of the moment, and nothing to a destroyed page', () => {
    const first = fakeContents();
    const second = fakeContents();
    let current: ReturnType<typeof fakeContents> | undefined = first;
    expect(pushToCurrentWindow(() => current, 'operation:progress', entry)).toBe(true);
    expect(first.send).toHaveBeenCalledWith('keyrescue:event', 'operation:progress', entry);
    current = second; // macOS re-created the window
    expect(pushToCurrentWindow(() => current, 'operation:progress', { ...entry, seq: 2 })).toBe(true);
    expect(first.send).toHaveBeenCalledTimes(1);
    expect(second.send).toHaveBeenCalledWith('keyrescue:event', 'operation:progress', { ...entry, seq: 2 });
    second.isDestroyed.mockReturnValue(true);
    expect(pushToCurrentWindow(() => current, 'operation:progress', entry)).toBe(false);
    current = undefined;
    expect(pushToCurrentWindow(() => current, 'operation:progress', entry)).toBe(false);
    expect(second.send).toHaveBeenCalledTimes(1);
  });
});

describe('registerDroppedFileBridge', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-drop-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lets the window write beside a file the preload saw dropped from our window, and nothing else', async () => {
    const core = createCore({ userDataDir: join(dir, 'user-data'), runtime: 'electron' });
    const contents = fakeContents();
    let listener: ((event: unknown, path: unknown) => void) | undefined;
    const ipcMain = {
      on: vi.fn((channel: string, registered: typeof listener) => {
        expect(channel).toBe('keyrescue:dropped-file');
        listener = registered;
      }),
      removeListener: vi.fn(),
    };
    const dispose = registerDroppedFileBridge({
      ipcMain: ipcMain as never,
      approvals: core.approvals,
      trustedContents: () => contents as never,
    });
    const dropped = join(dir, 'dropped');
    const elsewhere = join(dir, 'elsewhere');
    await mkdir(dropped);
    await mkdir(elsewhere);
    const generate = (outputPath: string) =>
      core.router.dispatch(
        'keys:generate',
        { type: 'ed25519', format: 'openssh', outputPath },
        { caller: 'renderer', emit: () => undefined },
      );
    await writeFile(join(dropped, 'web.pem'), 'the dropped key');
    // Another web contents, a relative path and a non-string are ignored.
    listener!(
      { sender: fakeContents(), senderFrame: topFrame('app://keyrescue/') },
      join(elsewhere, 'x.pem'),
    );
    listener!({ sender: contents, senderFrame: topFrame('app://keyrescue/') }, 'relative/x.pem');
    listener!({ sender: contents, senderFrame: topFrame('app://keyrescue/') }, { path: elsewhere });
    expect(await generate(join(elsewhere, 'new'))).toMatchObject({
      ok: false,
      error: { code: 'file.notChosen' },
    });
    listener!({ sender: contents, senderFrame: topFrame('app://keyrescue/') }, join(dropped, 'web.pem'));
    expect(await generate(join(dropped, 'new'))).toMatchObject({ ok: true });
    expect((await readdir(dropped)).sort()).toEqual(['new', 'new.pub', 'web.pem']);
    expect(await readdir(elsewhere)).toEqual([]);
    dispose();
    expect(ipcMain.removeListener).toHaveBeenCalledWith('keyrescue:dropped-file', listener);
    await core.dispose();
  });
});
