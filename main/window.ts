import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { appEntryUrl } from './app-origin';
import { minimumWindowSize, writeWindowState, type InitialWindowState } from './window-state';

export interface MainWindowOptionsInput {
  preloadPath: string;
  initial: InitialWindowState;
  /** Dark OS theme: paint the window dark before the page loads, so it does not flash white. */
  dark: boolean;
  /** DevTools only in development builds (Bitwarden, Signal). */
  devTools: boolean;
}

/**
 * Options of the main window. Every applicable item of Electron's security checklist is set
 * explicitly, even where it is already the default, so a future default change cannot loosen it.
 */
export function mainWindowOptions(input: MainWindowOptionsInput): BrowserWindowConstructorOptions {
  const { initial } = input;
  return {
    title: 'KeyRescue',
    width: initial.width,
    height: initial.height,
    ...(initial.x !== undefined && initial.y !== undefined
      ? { x: initial.x, y: initial.y }
      : { center: true }),
    minWidth: minimumWindowSize.width,
    minHeight: minimumWindowSize.height,
    show: false,
    backgroundColor: input.dark ? '#14171c' : '#f6f7f9',
    webPreferences: {
      preload: input.preloadPath,
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
      devTools: input.devTools,
    },
  };
}

/** The part of `BrowserWindow` the state tracker needs; a small seam for tests. */
export type TrackedWindow = Pick<
  BrowserWindow,
  'on' | 'once' | 'getNormalBounds' | 'isMaximized' | 'maximize' | 'show'
>;

/**
 * Shows the window when its first paint is ready (maximised if it was), and saves its normal bounds
 * and maximised flag when it closes. Returns a promise for the save, so quitting can wait for it.
 */
export function trackWindowState(
  window: TrackedWindow,
  initial: InitialWindowState,
  stateFile: string,
): { saved: Promise<void> } {
  let resolveSaved: () => void = () => undefined;
  const saved = new Promise<void>((resolve) => {
    resolveSaved = resolve;
  });
  window.once('ready-to-show', () => {
    if (initial.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    const bounds: Rectangle = window.getNormalBounds();
    writeWindowState(stateFile, { bounds, maximized: window.isMaximized() })
      // Losing the window position is not worth an error dialog on the way out.
      .catch((error: unknown) => console.warn('KeyRescue: could not save the window state:', error))
      .finally(resolveSaved);
  });
  return { saved };
}

/** Loads our renderer (never a remote page) into the window. */
export function loadRenderer(window: Pick<BrowserWindow, 'loadURL'>): Promise<void> {
  return window.loadURL(appEntryUrl);
}

/** What the current-window holder needs of a window: its page, and to hear when it closed. */
export interface HeldWindow {
  webContents: unknown;
  once(event: 'closed', listener: () => void): unknown;
}

export interface CurrentWindow<W extends HeldWindow> {
  get(): W | undefined;
  /** The page of the window that exists now: requests are checked against it, events go to it. */
  contents(): W['webContents'] | undefined;
  /** A new main window (first start, or macOS re-created it on activate). */
  set(window: W): void;
}

/**
 * Holds the one main window. Closing a window forgets it only if it is still the current one, so an
 * old window closing late never hides the window that replaced it.
 */
export function createCurrentWindow<W extends HeldWindow>(): CurrentWindow<W> {
  let current: W | undefined;
  return {
    get: () => current,
    contents: () => current?.webContents as W['webContents'] | undefined,
    set(window) {
      current = window;
      window.once('closed', () => {
        if (current === window) current = undefined;
      });
    },
  };
}
