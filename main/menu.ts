import type { MenuItemConstructorOptions } from 'electron';

export interface MenuTemplateOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Reload and DevTools entries only in development builds. */
  development: boolean;
  /** Opens an allow-listed help page in the OS browser. */
  openHelp: (url: string) => void;
}

/** Help links shown in the Help menu; each is on the external-link allow-list. */
export const helpLinks = [
  {
    label: 'Amazon EC2 key pairs',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-key-pairs.html',
  },
  {
    label: 'Connect with EC2 Instance Connect',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/connect-linux-inst-eic.html',
  },
  {
    label: 'AWS Systems Manager Session Manager',
    url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html',
  },
] as const;

/**
 * The native menu, built from Electron roles so the OS supplies the behaviour, shortcuts and (on
 * macOS) translations. macOS gets the app menu first and a Window menu; others put Quit under File.
 */
export function buildMenuTemplate(options: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    { label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'delete' },
        { type: 'separator' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        ...(options.development
          ? ([
              { role: 'reload' },
              { role: 'forceReload' },
              { role: 'toggleDevTools' },
              { type: 'separator' },
            ] as const)
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Window',
      submenu: mac
        ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'close' }],
    },
    {
      role: 'help',
      submenu: [
        ...helpLinks.map((link) => ({ label: link.label, click: () => options.openHelp(link.url) })),
        ...(mac ? [] : ([{ type: 'separator' }, { role: 'about' }] as const)),
      ],
    },
  );
  return template;
}
