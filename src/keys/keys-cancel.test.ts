import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../app/core';
import { maxCancellableRequests } from '../ipc/cancellable-requests';
import type { HandlerContext } from '../ipc/router';
import { keyErrorCodes } from './key-errors';
import { makePeerDir, peer, type PeerDir } from './test-support/peers';

/**
 * `keys:cancel` through the real router aborts a running `keys:inspect` by its `requestId`: a
 * real ssh-keygen bcrypt key (-a 256, the bound) and a real openssl PBKDF2 key at a high count.
 */
let d: PeerDir;
let core: Core;
const pass = 'correct horse';
const ctx: HandlerContext = { emit: () => undefined, caller: 'renderer' };
const dispatch = (channel: string, payload: unknown) => core.router.dispatch(channel, payload, ctx);
const inspect = (name: string, requestId: string) =>
  dispatch('keys:inspect', { source: { kind: 'file', path: d.path(name) }, passphrase: pass, requestId });

beforeAll(() => {
  d = makePeerDir('keyrescue-cancel-');
  peer('ssh-keygen', ['-q', '-t', 'ed25519', '-a', '256', '-N', pass, '-C', 'a256', '-f', d.path('a256')]);
  peer('ssh-keygen', ['-q', '-t', 'ed25519', '-a', '16', '-N', pass, '-C', 'a16', '-f', d.path('a16')]);
  peer('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', d.path('plain.pem')]);
  peer('openssl', [
    ...['pkcs8', '-topk8', '-in', d.path('plain.pem'), '-out', d.path('p8')],
    ...['-iter', '1000000', '-passout', `pass:${pass}`],
  ]);
  core = createCore({ userDataDir: d.path('home'), runtime: 'cli' });
});
afterAll(() => d.cleanup());

describe('keys:cancel', () => {
  for (const [file, kdf] of [
    ['a256', 'bcrypt'],
    ['p8', 'PBKDF2'],
  ] as const)
    it(`aborts a slow ${kdf} passphrase check promptly with keys.cancelled`, async () => {
      const start = performance.now();
      const call = inspect(file, `unlock-${file}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(await dispatch('keys:cancel', { requestId: `unlock-${file}` })).toEqual({
        ok: true,
        value: { cancelled: true },
      });
      expect(await call).toEqual({
        ok: false,
        error: {
          code: keyErrorCodes.cancelled,
          message: `${d.path(file)}: loading the key was cancelled.`,
          details: { path: d.path(file) },
        },
      });
      expect(performance.now() - start).toBeLessThan(1000);
      // Finished calls leave the registry: cancelling again finds nothing.
      expect(await dispatch('keys:cancel', { requestId: `unlock-${file}` })).toEqual({
        ok: true,
        value: { cancelled: false },
      });
    });

  it('an uncancelled call with a requestId completes; a cancel for another id touches nothing', async () => {
    const call = inspect('a16', 'mine');
    expect(await dispatch('keys:cancel', { requestId: 'other' })).toEqual({
      ok: true,
      value: { cancelled: false },
    });
    const result = await call;
    expect(result).toMatchObject({ ok: true, value: { comment: 'a16', type: 'ed25519' } });
  });

  it('validates the request id and refuses a duplicate in flight', async () => {
    for (const requestId of ['', 'x'.repeat(101), 'a b', 7])
      expect(await dispatch('keys:cancel', { requestId })).toMatchObject({
        ok: false,
        error: { code: 'ipc.invalidInput' },
      });
    const first = inspect('a256', 'twice');
    expect(await inspect('a256', 'twice')).toMatchObject({
      ok: false,
      error: { code: 'ipc.invalidInput', message: 'Request twice is already running.' },
    });
    await dispatch('keys:cancel', { requestId: 'twice' });
    expect(await first).toMatchObject({ ok: false, error: { code: keyErrorCodes.cancelled } });
  });

  it('bounds how many cancellable calls may be in flight', async () => {
    const calls = Array.from({ length: maxCancellableRequests }, (_, i) => inspect('a256', `n${i}`));
    expect(await inspect('a256', 'one-too-many')).toMatchObject({
      ok: false,
      error: { code: 'ipc.invalidInput', message: expect.stringContaining('at most 32') },
    });
    await Promise.all(calls.map((_, i) => dispatch('keys:cancel', { requestId: `n${i}` })));
    for (const call of calls)
      expect(await call).toMatchObject({ ok: false, error: { code: keyErrorCodes.cancelled } });
  });
});
