import { describe, expect, it, vi } from 'vitest';
import {
  installContentsGuards,
  installSessionGuards,
  isAllowedRequestUrl,
  isPermissionAllowed,
  originOf,
} from './guards';

// Hand-written stand-ins for Electron's WebContents, Session and shell: no Electron binary can run
// on the build machines, so the guards are driven through the same callbacks Electron would call.
function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault: () => void }) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  return {
    on: vi.fn((name: string, listener: (event: { preventDefault: () => void }) => void) => {
      listeners.set(name, listener);
    }),
    setWindowOpenHandler: vi.fn((handler: (details: { url: string }) => { action: string }) => {
      openHandler = handler;
    }),
    fire(name: string) {
      const event = { preventDefault: vi.fn() };
      listeners.get(name)?.(event);
      return event;
    },
    open(url: string) {
      return openHandler?.({ url });
    },
  };
}

describe('installContentsGuards', () => {
  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (name) => {
    const contents = fakeContents();
    installContentsGuards(contents as never, { openExternal: vi.fn() });
    expect(contents.fire(name).preventDefault).toHaveBeenCalledTimes(1);
  });

  it('denies every new window and hands only allow-listed AWS pages to the OS browser', () => {
    const contents = fakeContents();
    const shell = { openExternal: vi.fn(async () => undefined) };
    installContentsGuards(contents as never, shell);
    expect(contents.open('https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-key-pairs.html')).toEqual({
      action: 'deny',
    });
    expect(contents.open('https://example.com/phish')).toEqual({ action: 'deny' });
    expect(contents.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(contents.open('app://keyrescue/index.html')).toEqual({ action: 'deny' });
    expect(shell.openExternal.mock.calls).toEqual([
      ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-key-pairs.html'],
    ]);
  });
});

describe('permissions', () => {
  it('grants only sanitized clipboard writes from our own page', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://keyrescue')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://example.com')).toBe(false);
    for (const permission of [
      'media',
      'notifications',
      'clipboard-read',
      'geolocation',
      'openExternal',
      'usb',
      'hid',
      'serial',
      'fullscreen',
    ]) {
      expect(isPermissionAllowed(permission, 'app://keyrescue')).toBe(false);
    }
  });

  it('reads the origin of app: URLs, which Node reports as "null"', () => {
    expect(originOf('app://keyrescue/index.html')).toBe('app://keyrescue');
    expect(originOf('https://example.com:8443/x')).toBe('https://example.com:8443');
    expect(originOf('garbage')).toBe('');
  });
});

describe('network requests', () => {
  it('lets through only our own content', () => {
    expect(isAllowedRequestUrl('app://keyrescue/assets/index.js')).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequestUrl('devtools://devtools/bundled/inspector.html')).toBe(true);
    for (const url of [
      'https://ec2.us-east-1.amazonaws.com/',
      'http://127.0.0.1:4566/',
      'wss://example.com/',
      'file:///etc/passwd',
      'ftp://x/',
    ]) {
      expect(isAllowedRequestUrl(url)).toBe(false);
    }
  });
});

describe('installSessionGuards', () => {
  it('installs deny-by-default handlers and a request filter', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn() },
    };
    installSessionGuards(session as never);

    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (...args: unknown[]) => void;
    const granted: boolean[] = [];
    request({}, 'media', (allowed: boolean) => granted.push(allowed), {
      requestingUrl: 'app://keyrescue/index.html',
    });
    request({}, 'clipboard-sanitized-write', (allowed: boolean) => granted.push(allowed), {
      requestingUrl: 'app://keyrescue/index.html',
    });
    request({}, 'clipboard-sanitized-write', (allowed: boolean) => granted.push(allowed), {
      requestingUrl: 'https://example.com/',
    });
    expect(granted).toEqual([false, true, false]);

    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    expect(check(null, 'notifications', 'app://keyrescue')).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', 'app://keyrescue')).toBe(true);

    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (details: unknown) => boolean;
    expect(device({ deviceType: 'usb', origin: 'app://keyrescue' })).toBe(false);

    const filter = session.webRequest.onBeforeRequest.mock.calls[0]?.[0] as (
      details: { url: string },
      callback: (response: { cancel: boolean }) => void,
    ) => void;
    const decisions: boolean[] = [];
    filter({ url: 'https://example.com/' }, (response) => decisions.push(response.cancel));
    filter({ url: 'app://keyrescue/index.html' }, (response) => decisions.push(response.cancel));
    expect(decisions).toEqual([true, false]);
  });
});
