// Electron main process: lifecycle and composition only. Every capability lives in src/ behind the
// router; the modules imported here each own one concern (window, guards, protocol, IPC, menu).
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import { createCore, type Core } from '../src/app/core';
import { quitLanguage } from '../src/app/quit-prompt';
import { createDialogPort } from './dialog-port';
import { isAllowedExternalUrl } from './external-links';
import { installContentsGuards, installSessionGuards } from './guards';
import { registerDroppedFileBridge, registerIpcBridge } from './ipc-bridge';
import { buildMenuTemplate } from './menu';
import { registerAppSchemeAsPrivileged, serveRenderer } from './protocol';
import { createQuitGuard } from './quit-guard';
import { createCurrentWindow, loadRenderer, mainWindowOptions, trackWindowState } from './window';
import { readWindowState, restoreWindowState } from './window-state';

// out/main/index.cjs → out/renderer and out/preload (inside app.asar once packaged).
const rendererRoot = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, '..', 'preload', 'index.cjs');

// The window that exists now: requests are checked against it and events go to it (ipc-bridge).
const mainWindow = createCurrentWindow<BrowserWindow>();
let core: Core | undefined;
const pendingStateSaves: Promise<void>[] = [];
// Quitting or closing the window asks first when something would be lost (an unsaved AWS key, …).
const quitGuard = createQuitGuard({
  blockers: async () => (core ? core.quitBlockers.list() : []),
  language: async () => quitLanguage(core ? (await core.settings.get()).language : null, app.getLocale()),
  ask: async (prompt) => {
    const window = mainWindow.get();
    return (window ? await dialog.showMessageBox(window, prompt) : await dialog.showMessageBox(prompt))
      .response;
  },
});

async function openMainWindow(): Promise<void> {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const initial = restoreWindowState(await readWindowState(stateFile), workAreas);
  const window = new BrowserWindow(
    mainWindowOptions({
      preloadPath,
      initial,
      dark: nativeTheme.shouldUseDarkColors,
      devTools: !app.isPackaged,
    }),
  );
  pendingStateSaves.push(trackWindowState(window, initial, stateFile).saved);
  window.on(
    'close',
    quitGuard.windowCloseHandler(() => window.close()),
  );
  mainWindow.set(window);
  await loadRenderer(window);
}

function focusMainWindow(): void {
  const window = mainWindow.get();
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}

async function start(): Promise<void> {
  installSessionGuards(session.defaultSession);
  serveRenderer(protocol, rendererRoot);
  core = createCore({
    userDataDir: app.getPath('userData'),
    runtime: 'electron',
    dialogs: createDialogPort({ dialog, shell, parentWindow: () => mainWindow.get() }),
    onInternalError: (channel, error) => console.error(`KeyRescue: unexpected error in ${channel}:`, error),
  });
  registerIpcBridge({ ipcMain, router: core.router, trustedContents: mainWindow.contents });
  registerDroppedFileBridge({
    ipcMain,
    approvals: core.approvals,
    trustedContents: mainWindow.contents,
  });
  const template = buildMenuTemplate({
    platform: process.platform,
    appName: app.name,
    development: !app.isPackaged,
    openHelp: (url) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  await openMainWindow();
}

// All before `ready`: sandbox every renderer, make app:// a privileged scheme, and let Chromium's
// --user-data-dir switch move our files too (the Electron e2e specs use a fresh folder per test).
app.enableSandbox();
registerAppSchemeAsPrivileged(protocol);
const userDataSwitch = app.commandLine.getSwitchValue('user-data-dir');
if (userDataSwitch) app.setPath('userData', userDataSwitch);

if (!app.requestSingleInstanceLock()) {
  // Another KeyRescue is running; it gets focus through its `second-instance` event.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => installContentsGuards(contents, shell));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) void openMainWindow();
  });
  app.on('before-quit', (event) => quitGuard.beforeQuit(event, () => app.quit()));
  // Quitting closes windows, which starts their state saves; hold the quit until those are written
  // and the core has stopped what it started (the practice sandbox), then quit for real.
  let cleanedUp = false;
  app.on('will-quit', (event) => {
    if (cleanedUp) return;
    event.preventDefault();
    void Promise.allSettled([...pendingStateSaves, core?.dispose()]).then(() => {
      cleanedUp = true;
      app.quit();
    });
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('KeyRescue could not start:', error);
      app.exit(1);
    });
}
