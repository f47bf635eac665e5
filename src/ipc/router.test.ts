import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../app/core';
import { createClient, IpcError } from './client';
import { AppError } from './app-error';
import { channelNames } from './contract';
import { createRouter, type HandlerContext, type Handlers, type RouterLogEntry } from './router';
import { appVersion } from '../app/app-version';

const ctx: HandlerContext = { caller: 'test', emit: () => undefined };

describe('router', () => {
  let dir: string;
  let core: ReturnType<typeof createCore>;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-router-'));
    core = createCore({ userDataDir: dir, runtime: 'test' });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** A router whose handlers are the real ones except for the named channel. */
  function routerWith(overrides: Partial<Handlers>, log?: (entry: RouterLogEntry) => void) {
    const real = Object.fromEntries(
      channelNames.map((channel) => [
        channel,
        (input: unknown, c: HandlerContext) => core.router.dispatch(channel, input, c).then(unwrap),
      ]),
    ) as unknown as Handlers;
    return createRouter({ ...real, ...overrides } as Handlers, { log });
  }
  function unwrap(envelope: Awaited<ReturnType<typeof core.router.dispatch>>) {
    if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message);
    return envelope.value;
  }

  it('answers app:info with the package version inside an ok envelope', async () => {
    const result = await core.router.dispatch('app:info', {}, ctx);
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'KeyRescue',
        version: appVersion,
        platform: process.platform,
        arch: process.arch,
        mode: 'sandbox',
        runtime: 'test',
      },
    });
  });

  it('refuses an unknown channel with a typed error and no stack', async () => {
    const result = await core.router.dispatch('keys:steal', {}, ctx);
    expect(result).toEqual({
      ok: false,
      error: { code: 'ipc.unknownChannel', message: 'Unknown channel: keys:steal' },
    });
  });

  it('refuses inherited property names as channels', async () => {
    for (const name of ['toString', '__proto__', 'constructor', 42, null]) {
      const result = await core.router.dispatch(name, {}, ctx);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('ipc.unknownChannel');
    }
  });

  it('refuses invalid input, naming the field, without calling the handler', async () => {
    let called = false;
    const router = routerWith({
      'settings:set': async () => {
        called = true;
        throw new Error('must not run');
      },
    });
    const result = await router.dispatch('settings:set', { language: 'fr' }, ctx);
    expect(called).toBe(false);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('ipc.invalidInput');
      expect(result.error.message).toMatch(/^Invalid input for settings:set: language: /);
    }
  });

  it('refuses unknown keys (strict schemas)', async () => {
    const result = await core.router.dispatch('settings:set', { theme: 'dark', evil: true }, ctx);
    expect(!result.ok && result.error.code).toBe('ipc.invalidInput');
  });

  it('turns a throwing handler into an internal error without message or stack leaking', async () => {
    const seen: unknown[] = [];
    const router = createRouter(
      {
        'app:info': async () => {
          throw new Error('secret-passphrase-123 at /home/user/key.pem');
        },
      } as unknown as Handlers,
      { onInternalError: (_channel, error) => seen.push(error) },
    );
    const result = await router.dispatch('app:info', {}, ctx);
    expect(result).toEqual({
      ok: false,
      error: { code: 'ipc.internal', message: 'Unexpected error in app:info.' },
    });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(seen).toHaveLength(1);
  });

  it('passes AppError code, message and details through', async () => {
    const router = routerWith({
      'settings:get': async () => {
        throw new AppError('file.exists', '/tmp/x already exists.', { path: '/tmp/x' });
      },
    });
    expect(await router.dispatch('settings:get', {}, ctx)).toEqual({
      ok: false,
      error: { code: 'file.exists', message: '/tmp/x already exists.', details: { path: '/tmp/x' } },
    });
  });

  it('catches output drift: a handler returning the wrong shape yields invalidOutput', async () => {
    const router = routerWith({ 'settings:get': async () => ({ language: 'en', theme: 'neon' }) as never });
    const result = await router.dispatch('settings:get', {}, ctx);
    expect(result).toEqual({
      ok: false,
      error: { code: 'ipc.invalidOutput', message: 'The result of settings:get did not match its contract.' },
    });
  });

  it('validates pushed events against the event table', async () => {
    const pushed: unknown[] = [];
    const router = routerWith({
      'settings:get': async (_input, c) => {
        c.emit('operation:progress', { operationId: 'x', seq: 0, kind: 'step', step: 's', at: 0 });
        return core.settings.get();
      },
    });
    const result = await router.dispatch(
      'settings:get',
      {},
      { caller: 'test', emit: (...args) => pushed.push(args) },
    );
    expect(pushed).toEqual([]);
    expect(!result.ok && result.error.code).toBe('ipc.internal');
  });

  it('logs channel, outcome and code, never the payload', async () => {
    const entries: RouterLogEntry[] = [];
    const router = routerWith({}, (entry) => entries.push(entry));
    await router.dispatch('settings:set', { lastProfile: 'prod-admin-secret' }, ctx);
    await router.dispatch('nope', {}, ctx);
    expect(entries.map(({ channel, ok, code }) => ({ channel, ok, code }))).toEqual([
      { channel: 'settings:set', ok: true, code: undefined },
      { channel: 'nope', ok: false, code: 'ipc.unknownChannel' },
    ]);
    expect(JSON.stringify(entries)).not.toContain('prod-admin-secret');
  });

  it('typed client returns values and throws IpcError with the code', async () => {
    const api = createClient({
      invoke: (channel, input) => core.router.dispatch(channel, input, ctx),
      on: () => () => undefined,
    });
    expect((await api.invoke('settings:set', { language: 'ja' })).language).toBe('ja');
    const error = await api.invoke('settings:set', { theme: 'neon' as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcError);
    expect((error as IpcError).code).toBe('ipc.invalidInput');
  });
});
