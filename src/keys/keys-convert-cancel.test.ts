import { mkdirSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../app/core';
import type { DialogPort } from '../app/ports';
import type { HandlerContext } from '../ipc/router';
import { keyErrorCodes } from './key-errors';
import { makePeerDir, peer, type PeerDir } from './test-support/peers';

/**
 * `keys:cancel` through the real router aborts a running `keys:convert` by its `requestId`: while
 * it derives the key of a real ssh-keygen bcrypt key (-a 256, the bound) or encrypts its output
 * with a slow Argon2. Nothing is written in either case.
 */
let d: PeerDir;
let core: Core;
const pass = 'correct horse';
const ctx: HandlerContext = { emit: () => undefined, caller: 'renderer' };
const dispatch = (channel: string, payload: unknown) => core.router.dispatch(channel, payload, ctx);
const file = (name: string) => ({ kind: 'file', path: d.path(name) });

beforeAll(async () => {
  d = makePeerDir('keyrescue-convert-cancel-');
  peer('ssh-keygen', ['-q', '-t', 'ed25519', '-a', '256', '-N', pass, '-C', 'a256', '-f', d.path('a256')]);
  peer('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'plain', '-f', d.path('plain')]);
  mkdirSync(d.path('out'));
  // The native folder dialog is the one thing faked (no real one can run here): it picks `out`.
  const dialogs: DialogPort = {
    openKeyFiles: async () => [],
    chooseFolder: async () => d.path('out'),
    showItemInFolder: async () => undefined,
  };
  core = createCore({ userDataDir: d.path('home'), runtime: 'cli', dialogs });
  expect(await dispatch('dialog:chooseFolder', {})).toEqual({ ok: true, value: { path: d.path('out') } });
});
afterAll(() => d.cleanup());

/** Starts a conversion, cancels it 150 ms later, and returns its answer and how long it all took. */
async function convertThenCancel(request: Record<string, unknown>, requestId: string) {
  const start = performance.now();
  const call = dispatch('keys:convert', { ...request, requestId });
  await new Promise((resolve) => setTimeout(resolve, 150));
  const cancel = await dispatch('keys:cancel', { requestId });
  const result = await call;
  return { cancel, result, ms: performance.now() - start };
}

describe('keys:cancel of keys:convert', () => {
  it('aborts an all-or-nothing batch during a slow bcrypt passphrase check; nothing is written', async () => {
    const { cancel, result, ms } = await convertThenCancel(
      {
        items: [{ source: file('plain') }, { source: file('a256'), passphrase: pass }],
        target: 'ppk3',
        outDir: d.path('out'),
        allOrNothing: true,
      },
      'convert-bcrypt',
    );
    expect(cancel).toEqual({ ok: true, value: { cancelled: true } });
    expect(result).toEqual({
      ok: false,
      error: {
        code: keyErrorCodes.convertCancelled,
        message: 'Converting was cancelled; nothing was written.',
        details: {},
      },
    });
    // 256 bcrypt rounds take seconds here: the derivation was stopped, not awaited.
    expect(ms).toBeLessThan(1000);
    expect(readdirSync(d.path('out'))).toEqual([]);
    expect(await dispatch('keys:cancel', { requestId: 'convert-bcrypt' })).toEqual({
      ok: true,
      value: { cancelled: false },
    });
  });

  it('aborts the Argon2 encryption of a new passphrase (PPK v3)', async () => {
    const { result, ms } = await convertThenCancel(
      {
        items: [{ source: file('plain') }],
        target: 'ppk3',
        newPassphrase: 'new secret',
        argon2: { memoryKiB: 65536, passes: 10 },
        outDir: d.path('out'),
        allOrNothing: true,
      },
      'convert-argon2',
    );
    expect(result).toMatchObject({ ok: false, error: { code: keyErrorCodes.convertCancelled } });
    expect(ms).toBeLessThan(1000);
    expect(readdirSync(d.path('out'))).toEqual([]);
  });

  it('item by item: the key being derived and those after it report keys.cancelled, unwritten', async () => {
    const { result } = await convertThenCancel(
      {
        items: [{ source: file('a256'), passphrase: pass }, { source: file('plain') }],
        target: 'openssh',
        outDir: d.path('out'),
      },
      'convert-items',
    );
    expect(result).toEqual({
      ok: true,
      value: {
        results: ['a256', 'plain'].map((name) => ({
          ok: false,
          source: d.path(name),
          error: {
            code: keyErrorCodes.cancelled,
            message: `${d.path(name)}: loading the key was cancelled.`,
            details: { path: d.path(name) },
          },
        })),
      },
    });
    expect(readdirSync(d.path('out'))).toEqual([]);
  });

  it('a conversion with a requestId that is not cancelled writes its files', async () => {
    const result = await dispatch('keys:convert', {
      items: [{ source: file('plain') }],
      target: 'ppk3',
      outDir: d.path('out'),
      allOrNothing: true,
      requestId: 'convert-done',
    });
    expect(result).toMatchObject({
      ok: true,
      value: { results: [{ ok: true, outputPath: d.path('out/plain.ppk') }] },
    });
    expect(readdirSync(d.path('out'))).toEqual(['plain.ppk']);
  });
});
