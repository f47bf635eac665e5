import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../app/core';
import { channelNames } from './contract';
import type { HandlerContext } from './router';

const ctx: HandlerContext = { caller: 'test', emit: () => undefined };

function nestedArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

function nestedObject(depth: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = { source: value, items: [value] };
  return value;
}

const throwingGetter = Object.defineProperty({}, 'source', {
  enumerable: true,
  get() {
    throw new Error('getter says no');
  },
});
const throwingProxy = new Proxy(
  {},
  {
    get: () => {
      throw new Error('trap');
    },
    ownKeys: () => {
      throw new Error('trap');
    },
    getOwnPropertyDescriptor: () => {
      throw new Error('trap');
    },
    has: () => {
      throw new Error('trap');
    },
    getPrototypeOf: () => {
      throw new Error('trap');
    },
  },
);
const revoked = Proxy.revocable({}, {});
revoked.revoke();

/** Channel values the 35,000-call fuzz run sent: `String()` throws or overflows on some of them. */
const hostileChannels: Array<[string, unknown]> = [
  ['a 3,250-deep array', nestedArray(3250)],
  ['a 200,000-deep array', nestedArray(200_000)],
  ['a null-prototype object', Object.create(null)],
  ['an object whose toString throws', { toString: () => Symbol('x') }],
  ['a symbol', Symbol('settings:get')],
  ['a bigint', 10n],
  ['a throwing proxy', throwingProxy],
  ['a revoked proxy', revoked.proxy],
  ['undefined', undefined],
  ['a channel name with a NUL and escapes', 'settings:get\0\u001b]0;title\u0007'],
];

/** Payloads for every channel: deep nesting, null prototypes, throwing getters and proxies. */
const hostilePayloads: Array<[string, unknown]> = [
  ['a 3,250-deep array', nestedArray(3250)],
  ['a 3,250-deep object', nestedObject(3250)],
  ['a null-prototype object', Object.create(null)],
  ['a null-prototype source', { source: Object.create(null), path: Object.create(null) }],
  [
    'deep arrays in every list field',
    {
      items: nestedArray(3250),
      regions: nestedArray(3250),
      paths: nestedArray(3250),
      tags: nestedArray(3250),
    },
  ],
  ['a throwing getter', throwingGetter],
  ['a throwing proxy', throwingProxy],
  ['a revoked proxy', revoked.proxy],
  ['a symbol', Symbol('x')],
  ['a bigint', 1n],
  ['a function', () => undefined],
];

describe('the real router never throws', () => {
  let dir: string;
  let core: Core;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-router-hostile-'));
    core = createCore({ userDataDir: join(dir, 'user-data'), runtime: 'test' });
  });
  afterAll(async () => {
    await core.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(hostileChannels)('a channel that is %s is refused as unknown', async (_label, channel) => {
    const result = await core.router.dispatch(channel, {}, ctx);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('ipc.unknownChannel');
    // Printable and bounded, whatever the value was.
    expect(!result.ok && result.error.message).toMatch(/^Unknown channel: [\x20-\x7e]{1,80}$/);
  });

  it('every channel answers every hostile payload with an ipc.invalidInput envelope', async () => {
    const outcomes = new Map<string, number>();
    for (const channel of channelNames) {
      for (const [label, payload] of hostilePayloads) {
        const result = await core.router.dispatch(channel, payload, ctx);
        const code = result.ok ? 'ok' : result.error.code;
        // A channel with an empty (strict) input may accept an empty null-prototype object.
        const key = code === 'ipc.invalidInput' ? code : `${channel} ← ${label}: ${code}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
    }
    const unexpected = [...outcomes.keys()].filter(
      (key) =>
        key !== 'ipc.invalidInput' && !/← a null-prototype object: (ok|dialog\.unavailable)$/.test(key),
    );
    expect(unexpected).toEqual([]);
  });

  it('a payload that cannot be read says so instead of "Unexpected error"', async () => {
    expect(await core.router.dispatch('keys:inspect', throwingGetter, ctx)).toEqual({
      ok: false,
      error: {
        code: 'ipc.invalidInput',
        message: 'Invalid input for keys:inspect: it could not be read (a getter or proxy threw).',
      },
    });
  });

  it('settings:set with language: undefined leaves the language as it was', async () => {
    await core.router.dispatch('settings:set', { language: 'ja' }, ctx);
    expect(await core.router.dispatch('settings:set', { language: undefined, theme: 'dark' }, ctx)).toEqual({
      ok: true,
      value: { language: 'ja', theme: 'dark', lastProfile: null, lastRegion: null },
    });
  });

  it('a throwing log sink or internal-error hook does not make dispatch throw', async () => {
    const { createRouter } = await import('./router');
    const router = createRouter(
      {
        'app:info': async () => {
          throw new Error('bug');
        },
      } as never,
      {
        log: () => {
          throw new Error('log down');
        },
        onInternalError: () => {
          throw new Error('hook down');
        },
      },
    );
    expect(await router.dispatch('app:info', {}, ctx)).toEqual({
      ok: false,
      error: { code: 'ipc.internal', message: 'Unexpected error in app:info.' },
    });
  });
});
