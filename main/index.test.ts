import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The whole `electron` module is a hand-written mock: no Electron binary can run on the build
// machines. It records calls so the test can check the order of the app's lifecycle: what must
// happen before `ready`, what is wired on `ready`, and what a second instance does.

function createElectronMock(userData: string, singleInstance: boolean, userDataSwitch = '') {
  const calls: string[] = [];
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const app = Object.assign(new EventEmitter(), {
    name: 'KeyRescue',
    isPackaged: false,
    enableSandbox: vi.fn(() => calls.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => singleInstance),
    whenReady: vi.fn(() => ready),
    isReady: vi.fn(() => true),
    paths: { userData } as Record<string, string>,
    getPath: vi.fn((name: string) => app.paths[name] ?? '/nowhere'),
    setPath: vi.fn((name: string, value: string) => {
      calls.push(`setPath ${name}`);
      app.paths[name] = value;
    }),
    commandLine: {
      getSwitchValue: vi.fn((name: string) => (name === 'user-data-dir' ? userDataSwitch : '')),
    },
    quit: vi.fn(() => calls.push('quit')),
    exit: vi.fn(),
    getLocale: vi.fn(() => 'en-US'),
  });
  const windows: MockWindow[] = [];
  class MockWindow extends EventEmitter {
    static getAllWindows = () => windows;
    readonly webContents = { send: vi.fn(), isDestroyed: () => false };
    readonly loadURL = vi.fn(async (url: string) => {
      calls.push(`loadURL ${url}`);
    });
    constructor(readonly options: Record<string, unknown>) {
      super();
      calls.push('new BrowserWindow');
      windows.push(this);
    }
  }
  const mock = {
    app,
    BrowserWindow: MockWindow,
    ipcMain: {
      handle: vi.fn((channel: string) => calls.push(`ipcMain.handle ${channel}`)),
      removeHandler: vi.fn(),
      on: vi.fn((channel: string) => calls.push(`ipcMain.on ${channel}`)),
      removeListener: vi.fn(),
    },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown) => template),
      setApplicationMenu: vi.fn(() => calls.push('setApplicationMenu')),
    },
    nativeTheme: { shouldUseDarkColors: false },
    dialog: { showOpenDialog: vi.fn(), showMessageBox: vi.fn() },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => calls.push('registerSchemesAsPrivileged')),
      handle: vi.fn((scheme: string) => calls.push(`protocol.handle ${scheme}`)),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(() => calls.push('setPermissionRequestHandler')),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
        webRequest: { onBeforeRequest: vi.fn() },
      },
    },
    shell: { openExternal: vi.fn(), showItemInFolder: vi.fn() },
  };
  return { mock, calls, windows, markReady };
}

describe('main/index lifecycle (mocked electron)', () => {
  let userData: string;
  beforeEach(async () => {
    userData = await mkdtemp(join(tmpdir(), 'keyrescue-main-'));
    vi.resetModules();
  });
  afterEach(async () => {
    vi.doUnmock('electron');
    await rm(userData, { recursive: true, force: true });
  });

  it('sandboxes and registers app:// before ready, then wires protocol, guards, IPC, menu and the window', async () => {
    const electron = createElectronMock(userData, true);
    vi.doMock('electron', () => electron.mock);
    await import('./index');
    expect(electron.calls).toEqual(['enableSandbox', 'registerSchemesAsPrivileged']);

    electron.markReady();
    await vi.waitFor(() => expect(electron.calls).toContain('loadURL app://keyrescue/index.html'));
    expect(electron.calls).toEqual([
      'enableSandbox',
      'registerSchemesAsPrivileged',
      'setPermissionRequestHandler',
      'protocol.handle app',
      'ipcMain.handle keyrescue:invoke',
      'ipcMain.on keyrescue:dropped-file',
      'setApplicationMenu',
      'new BrowserWindow',
      'loadURL app://keyrescue/index.html',
    ]);
    const window = electron.windows[0];
    expect(window?.options).toMatchObject({
      show: false,
      center: true,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        preload: expect.stringMatching(/preload[\\/]index\.cjs$/),
      },
    });
  });

  it('guards every web contents that is created', async () => {
    const electron = createElectronMock(userData, true);
    vi.doMock('electron', () => electron.mock);
    await import('./index');
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    electron.mock.app.emit('web-contents-created', {}, contents);
    expect(contents.on.mock.calls.map(([name]) => name)).toEqual([
      'will-navigate',
      'will-redirect',
      'will-attach-webview',
    ]);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
  });

  it('holds the quit until the window state is saved, then quits once', async () => {
    const electron = createElectronMock(userData, true);
    vi.doMock('electron', () => electron.mock);
    await import('./index');
    electron.markReady();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const window = electron.windows[0] as unknown as EventEmitter & {
      getNormalBounds: () => object;
      isMaximized: () => boolean;
      close: () => void;
    };
    window.getNormalBounds = () => ({ x: 5, y: 6, width: 1000, height: 700 });
    window.isMaximized = () => false;
    window.close = vi.fn();
    window.emit('close', { preventDefault: vi.fn() });
    const quitEvent = { preventDefault: vi.fn() };
    electron.mock.app.emit('will-quit', quitEvent);
    expect(quitEvent.preventDefault).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(electron.calls.at(-1)).toBe('quit'));
    const { readFile } = await import('node:fs/promises');
    expect(JSON.parse(await readFile(join(userData, 'window-state.json'), 'utf8'))).toEqual({
      bounds: { x: 5, y: 6, width: 1000, height: 700 },
      maximized: false,
    });
    // The second will-quit (from that app.quit()) goes through.
    const second = { preventDefault: vi.fn() };
    electron.mock.app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('asks the quit blockers before quitting and, with nothing to lose, quits without a dialog', async () => {
    const electron = createElectronMock(userData, true);
    vi.doMock('electron', () => electron.mock);
    await import('./index');
    electron.markReady();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const beforeQuit = { preventDefault: vi.fn() };
    electron.mock.app.emit('before-quit', beforeQuit);
    expect(beforeQuit.preventDefault).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(electron.calls.at(-1)).toBe('quit'));
    expect(electron.mock.dialog.showMessageBox).not.toHaveBeenCalled();
    // The before-quit of that app.quit() goes through.
    const second = { preventDefault: vi.fn() };
    electron.mock.app.emit('before-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('keeps its files in the folder given with --user-data-dir', async () => {
    const electron = createElectronMock('/default/user-data', true, userData);
    vi.doMock('electron', () => electron.mock);
    await import('./index');
    expect(electron.calls).toEqual(['enableSandbox', 'registerSchemesAsPrivileged', 'setPath userData']);
    electron.markReady();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    expect(electron.mock.app.getPath('userData')).toBe(userData);
  });

  it('exits with status 1 when starting fails', async () => {
    const electron = createElectronMock(userData, true);
    electron.mock.screen.getAllDisplays = () => {
      throw new Error('no display');
    };
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.doMock('electron', () => electron.mock);
    await import('./index');
    electron.markReady();
    await vi.waitFor(() => expect(electron.mock.app.exit).toHaveBeenCalledWith(1));
    expect(error).toHaveBeenCalledWith('KeyRescue could not start:', expect.any(Error));
    error.mockRestore();
  });

  it('quits at once when another instance holds the lock', async () => {
    const electron = createElectronMock(userData, false);
    vi.doMock('electron', () => electron.mock);
    await import('./index');
    expect(electron.calls).toEqual(['enableSandbox', 'registerSchemesAsPrivileged', 'quit']);
    expect(electron.mock.app.whenReady).not.toHaveBeenCalled();
    expect(electron.mock.app.listenerCount('web-contents-created')).toBe(0);
  });
});
