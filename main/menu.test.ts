import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { isAllowedExternalUrl } from './external-links';
import { buildMenuTemplate, helpLinks } from './menu';

const roles = (items: MenuItemConstructorOptions[] | undefined) =>
  (items ?? []).map((item) => item.role ?? item.type ?? item.label);
const submenu = (item: MenuItemConstructorOptions | undefined) =>
  item?.submenu as MenuItemConstructorOptions[] | undefined;

describe('buildMenuTemplate', () => {
  it('puts the app menu first on macOS', () => {
    const template = buildMenuTemplate({
      platform: 'darwin',
      appName: 'KeyRescue',
      development: false,
      openHelp: vi.fn(),
    });
    expect(template.map((item) => item.label ?? item.role)).toEqual([
      'KeyRescue',
      'File',
      'Edit',
      'View',
      'Window',
      'help',
    ]);
    expect(roles(submenu(template[0]))).toEqual([
      'about',
      'separator',
      'services',
      'separator',
      'hide',
      'hideOthers',
      'unhide',
      'separator',
      'quit',
    ]);
    expect(roles(submenu(template[1]))).toEqual(['close']);
    expect(roles(submenu(template[4]))).toEqual(['minimize', 'zoom', 'separator', 'front']);
  });

  it('has File → Quit and About under Help elsewhere', () => {
    const template = buildMenuTemplate({
      platform: 'linux',
      appName: 'KeyRescue',
      development: false,
      openHelp: vi.fn(),
    });
    expect(template.map((item) => item.label ?? item.role)).toEqual([
      'File',
      'Edit',
      'View',
      'Window',
      'help',
    ]);
    expect(roles(submenu(template[0]))).toEqual(['quit']);
    expect(roles(submenu(template[4])).slice(-2)).toEqual(['separator', 'about']);
  });

  it('offers reload and DevTools only in development', () => {
    const production = buildMenuTemplate({
      platform: 'win32',
      appName: 'KeyRescue',
      development: false,
      openHelp: vi.fn(),
    });
    const development = buildMenuTemplate({
      platform: 'win32',
      appName: 'KeyRescue',
      development: true,
      openHelp: vi.fn(),
    });
    expect(roles(submenu(production[2]))).toEqual([
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'separator',
      'togglefullscreen',
    ]);
    expect(roles(submenu(development[2])).slice(0, 3)).toEqual(['reload', 'forceReload', 'toggleDevTools']);
  });

  it('opens help pages that are all on the external-link allow-list', () => {
    const openHelp = vi.fn();
    const template = buildMenuTemplate({
      platform: 'linux',
      appName: 'KeyRescue',
      development: false,
      openHelp,
    });
    const help = submenu(template[4]) ?? [];
    for (const item of help.filter((entry) => entry.click)) item.click?.({} as never, undefined, {} as never);
    expect(openHelp.mock.calls.map(([url]) => url)).toEqual(helpLinks.map((link) => link.url));
    expect(helpLinks.every((link) => isAllowedExternalUrl(link.url))).toBe(true);
  });
});
