import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createCurrentWindow,
  loadRenderer,
  mainWindowOptions,
  trackWindowState,
  type TrackedWindow,
} from './window';

const initial = { width: 1200, height: 800, x: 40, y: 50, maximized: false };

describe('mainWindowOptions', () => {
  it('sets every applicable item of the Electron security checklist', () => {
    const options = mainWindowOptions({
      preloadPath: '/app/out/preload/index.cjs',
      initial,
      dark: false,
      devTools: false,
    });
    expect(options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(options.webPreferences).not.toHaveProperty('additionalArguments');
  });

  it('uses the restored bounds, stays hidden until painted, and has a minimum size', () => {
    const options = mainWindowOptions({ preloadPath: '/p', initial, dark: false, devTools: true });
    expect(options).toMatchObject({
      x: 40,
      y: 50,
      width: 1200,
      height: 800,
      show: false,
      minWidth: 860,
      minHeight: 560,
      title: 'KeyRescue',
    });
    expect(options).not.toHaveProperty('center');
    expect(options.webPreferences?.devTools).toBe(true);
  });

  it('centres a window that has no trusted saved position and paints it dark on a dark OS', () => {
    const options = mainWindowOptions({
      preloadPath: '/p',
      initial: { width: 1000, height: 700, maximized: false },
      dark: true,
      devTools: false,
    });
    expect(options.center).toBe(true);
    expect(options).not.toHaveProperty('x');
    expect(options.backgroundColor).toBe('#14171c');
  });
});

// A stand-in for BrowserWindow (an EventEmitter with the few methods used), because no Electron
// binary can run here.
class FakeWindow extends EventEmitter {
  maximized = false;
  shown = false;
  getNormalBounds = () => ({ x: 11, y: 22, width: 1111, height: 777 });
  isMaximized = () => this.maximized;
  maximize = () => {
    this.maximized = true;
  };
  show = () => {
    this.shown = true;
  };
}

describe('trackWindowState', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-window-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the window when ready, maximised if it was', () => {
    const window = new FakeWindow();
    trackWindowState(
      window as unknown as TrackedWindow,
      { ...initial, maximized: true },
      join(dir, 's.json'),
    );
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
    expect(window.maximized).toBe(true);
  });

  it('saves the normal bounds and maximised flag on close', async () => {
    const window = new FakeWindow();
    const file = join(dir, 'window-state.json');
    const { saved } = trackWindowState(window as unknown as TrackedWindow, initial, file);
    window.maximized = true;
    window.emit('close');
    await saved;
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      bounds: { x: 11, y: 22, width: 1111, height: 777 },
      maximized: true,
    });
  });

  it('still settles when the state cannot be written', async () => {
    const window = new FakeWindow();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { saved } = trackWindowState(
      window as unknown as TrackedWindow,
      initial,
      join(dir, 'no-such-folder', 'state.json'),
    );
    window.emit('close');
    await saved;
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});

describe('loadRenderer', () => {
  it('loads our app:// page, never a file or remote URL', async () => {
    const window = { loadURL: vi.fn(async () => undefined) };
    await loadRenderer(window);
    expect(window.loadURL).toHaveBeenCalledWith('app://keyrescue/index.html');
  });
});

describe('createCurrentWindow', () => {
  class HeldFake extends EventEmitter {
    readonly webContents = { id: Math.random() };
  }

  it('answers the window that exists now; an old window closing late does not hide its successor', () => {
    const current = createCurrentWindow<HeldFake>();
    expect(current.contents()).toBeUndefined();
    const first = new HeldFake();
    current.set(first);
    expect(current.contents()).toBe(first.webContents);
    // macOS: the window was closed (app still running) and re-created on activate.
    first.emit('closed');
    expect(current.get()).toBeUndefined();
    const second = new HeldFake();
    current.set(second);
    const third = new HeldFake();
    current.set(third);
    second.emit('closed');
    expect(current.get()).toBe(third);
    expect(current.contents()).toBe(third.webContents);
    third.emit('closed');
    expect(current.contents()).toBeUndefined();
  });
});
