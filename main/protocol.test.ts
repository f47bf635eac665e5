import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  contentSecurityPolicy,
  createAppRequestHandler,
  mimeTypeFor,
  registerAppSchemeAsPrivileged,
  resolveAppPath,
  serveRenderer,
} from './protocol';

const root = resolve('/srv/renderer');

describe('resolveAppPath', () => {
  it('maps app://keyrescue URLs to files under the renderer folder', () => {
    expect(resolveAppPath(root, 'app://keyrescue/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://keyrescue/assets/index-abc123.js')).toBe(
      join(root, 'assets', 'index-abc123.js'),
    );
    expect(resolveAppPath(root, 'app://keyrescue/assets/a%20b.css?v=1#x')).toBe(
      join(root, 'assets', 'a b.css'),
    );
  });

  it('serves index.html for the bare origin', () => {
    expect(resolveAppPath(root, 'app://keyrescue/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://keyrescue')).toBe(join(root, 'index.html'));
  });

  it('keeps literal and %2e dot segments inside the folder (the URL parser resolves them first)', () => {
    expect(resolveAppPath(root, 'app://keyrescue/../../etc/passwd')).toBe(join(root, 'etc', 'passwd'));
    expect(resolveAppPath(root, 'app://keyrescue/%2e%2e/%2e%2e/etc/passwd')).toBe(
      join(root, 'etc', 'passwd'),
    );
  });

  it.each([
    ['encoded slashes', 'app://keyrescue/..%2f..%2fetc%2fpasswd'],
    ['encoded backslashes', 'app://keyrescue/..%5c..%5cwindows%5cwin.ini'],
    ['a Windows drive', 'app://keyrescue/C:%5cWindows%5cwin.ini'],
    ['a NUL byte', 'app://keyrescue/index.html%00.png'],
    ['malformed escapes', 'app://keyrescue/%E0%A4%A'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///srv/renderer/index.html'],
    ['https', 'https://keyrescue/index.html'],
    ['not a URL', 'index.html'],
  ])('refuses %s', (_name, url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('mimeTypeFor', () => {
  it('gives the type browsers need for module scripts, styles, pages and images', () => {
    expect(mimeTypeFor('a/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('a/index-1.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('a/style.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('a/logo.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('a/icon.png')).toBe('image/png');
    expect(mimeTypeFor('a/font.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('a/unknown.bin')).toBe('application/octet-stream');
    expect(mimeTypeFor('a/no-extension')).toBe('application/octet-stream');
  });
});

describe('createAppRequestHandler (real files in a temporary folder)', () => {
  let dir: string;
  let rendererDir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-protocol-'));
    rendererDir = join(dir, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>KeyRescue</title>');
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
    // A secret beside the renderer folder that traversal must not reach.
    await writeFile(join(dir, 'secret.txt'), 'do not serve');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves a file with its MIME type, the CSP and nosniff', async () => {
    const handler = createAppRequestHandler(rendererDir);
    const response = await handler(new Request('app://keyrescue/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1);');
  });

  it('serves index.html at the root', async () => {
    const response = await createAppRequestHandler(rendererDir)(new Request('app://keyrescue/'));
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe('<!doctype html><title>KeyRescue</title>');
  });

  it('answers 404 for missing files and traversal, never the file outside', async () => {
    const handler = createAppRequestHandler(rendererDir);
    const missing = await handler(new Request('app://keyrescue/nope.js'));
    expect(missing.status).toBe(404);
    const traversal = await handler(new Request('app://keyrescue/..%2fsecret.txt'));
    expect(traversal.status).toBe(404);
    expect(await traversal.text()).toBe('Not found');
  });

  it('answers 405 to anything but GET and HEAD', async () => {
    const response = await createAppRequestHandler(rendererDir)(
      new Request('app://keyrescue/index.html', { method: 'POST', body: 'x' }),
    );
    expect(response.status).toBe(405);
  });
});

describe('content security policy', () => {
  it('allows only our own scripts and styles and no network', () => {
    const directives = Object.fromEntries(
      contentSecurityPolicy.split('; ').map((directive) => {
        const [name, ...values] = directive.split(' ');
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'font-src': "'self'",
      'connect-src': "'none'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
  });
});

describe('scheme registration (Electron protocol module replaced by a spy: no Electron binary can run here)', () => {
  it('registers app:// as standard, secure and fetch-capable, without CSP bypass or service workers', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppSchemeAsPrivileged(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'app',
        privileges: {
          standard: true,
          secure: true,
          supportFetchAPI: true,
          corsEnabled: true,
          allowServiceWorkers: false,
          bypassCSP: false,
        },
      },
    ]);
  });

  it('installs the request handler for the app scheme', async () => {
    const protocol = { handle: vi.fn() };
    serveRenderer(protocol, '/nowhere');
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = protocol.handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>;
    expect((await handler(new Request('app://keyrescue/index.html'))).status).toBe(404);
  });
});
