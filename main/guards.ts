import type { Session, Shell, WebContents } from 'electron';
import { appOrigin } from './app-origin';
import { isAllowedExternalUrl } from './external-links';

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Locks down one web contents (checklist items 11–15): no navigation away from the app, no
 * redirects, no new windows (allow-listed AWS links go to the OS browser instead), no `<webview>`.
 * Installed from `app.on('web-contents-created')`, so every contents gets it, not just ours.
 */
export function installContentsGuards(contents: GuardedContents, shell: Pick<Shell, 'openExternal'>): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

type GuardedSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest'
>;

/** URL schemes the renderer may load; everything else (http, https, ws, file, ftp …) is cancelled. */
const allowedRequestProtocols = new Set(['app:', 'devtools:', 'data:', 'blob:']);

/** Whether the session lets a request for `url` through: only our own content, never the network. */
export function isAllowedRequestUrl(url: string): boolean {
  try {
    return allowedRequestProtocols.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/**
 * The one permission granted: writing sanitized text to the clipboard from our own page, so "copy
 * fingerprint / public key" buttons work. Everything else — camera, notifications, clipboard-read,
 * USB, geolocation … — is denied (checklist item 5).
 */
export function isPermissionAllowed(permission: string, origin: string): boolean {
  return permission === 'clipboard-sanitized-write' && origin === appOrigin;
}

/** `scheme://host[:port]`, also for `app:` URLs, whose WHATWG origin Node reports as "null". */
export function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '';
  }
}

/**
 * Denies permissions (see `isPermissionAllowed`) and cancels every network request from renderers
 * (Signal's rule: AWS is reached from main only, so a renderer never needs the network).
 */
export function installSessionGuards(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, originOf(details.requestingUrl))),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, originOf(requestingOrigin)),
  );
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAllowedRequestUrl(details.url) }),
  );
}
