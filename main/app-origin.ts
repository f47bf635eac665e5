/**
 * Where the renderer lives: a custom, privileged `app://` scheme instead of `file://` (Electron
 * security checklist item 18), with one fixed host so the page has a real, stable origin.
 */
export const appScheme = 'app';
export const appHost = 'keyrescue';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/** True when `url` is a page of our own renderer (same scheme and host), nothing else. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}
