import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../app/core';
import type { DialogPort } from '../app/ports';
import { createClient, type IpcClient } from '../ipc/client';
import { makePeerDir, peer, sshKeygen, type PeerDir } from './test-support/peers';

/** The keys:* channels over the real router, as the renderer and the CLI use them. */
let d: PeerDir;
let api: IpcClient;
let core: Core;
const events: unknown[] = [];

/** A stand-in for Electron's native dialogs (none can run in tests); returns fixed paths. */
const fakeDialogs: DialogPort = {
  openKeyFiles: async ({ multiple }) => (multiple ? ['/keys/a.pem', '/keys/b.pem'] : ['/keys/a.pem']),
  chooseFolder: async () => '/keys/out',
  showItemInFolder: async () => undefined,
};

function clientFor(c: Core): IpcClient {
  return createClient({
    invoke: (channel, input) =>
      c.router.dispatch(channel, input, {
        caller: 'test',
        emit: (event, payload) => void events.push({ event, payload }),
      }),
    on: () => () => undefined,
  });
}

beforeAll(() => {
  d = makePeerDir();
  sshKeygen(d, 'ed', 'ed25519', undefined, 'ed-test');
  sshKeygen(d, 'rsa', 'rsa', 2048, 'rsa-test');
  peer('puttygen', [d.path('rsa'), '-O', 'private-openssh', '-o', d.path('rsa.pem')]);
  core = createCore({ userDataDir: d.path('home'), runtime: 'test', dialogs: fakeDialogs });
  api = clientFor(core);
});
afterAll(() => d.cleanup());

describe('keys channels', () => {
  it('keys:inspect describes files and pasted text without exposing private material', async () => {
    const info = await api.invoke('keys:inspect', { source: { kind: 'file', path: d.path('rsa.pem') } });
    expect(info).toMatchObject({
      source: d.path('rsa.pem'),
      kind: 'private',
      format: 'pkcs1',
      encrypted: false,
      type: 'rsa',
      bits: 2048,
    });
    expect(info.fingerprints?.awsCreated).toMatch(/^[0-9a-f:]{59}$/);
    expect(info.publicKey).toBe(d.read('rsa.pub').trim().replace(' rsa-test', ''));
    const pasted = await api.invoke('keys:inspect', { source: { kind: 'text', text: d.read('ed') } });
    expect(pasted).toMatchObject({
      source: 'pasted text',
      format: 'openssh',
      comment: 'ed-test',
      type: 'ed25519',
    });
    expect(JSON.stringify([info, pasted])).not.toMatch(/PRIVATE|PuTTY-User/);
  });

  it('keys:convert reports per item, emits progress, and names pasted keys in the chosen folder', async () => {
    mkdirSync(d.path('out'));
    events.length = 0;
    const { results } = await api.invoke('keys:convert', {
      operationId: 'op1',
      items: [
        { source: { kind: 'file', path: d.path('ed') } },
        { source: { kind: 'text', text: d.read('rsa.pem') } },
        { source: { kind: 'file', path: d.path('rsa.pub') } },
      ],
      target: 'ppk3',
      outDir: d.path('out'),
      newPassphrase: 'pw',
      argon2: { passes: 1 },
    });
    expect(results.map((r) => (r.ok ? r.outputPath : r.error.code))).toEqual([
      d.path('out/ed.ppk'),
      d.path('out/pasted-key-2.ppk'),
      'keys.publicNotPrivate',
    ]);
    expect(results[1]).toMatchObject({
      ok: true,
      comment: 'imported-key',
      writtenFormat: 'ppk3',
      encrypted: true,
    });
    expect(events).toEqual(
      [1, 2, 3].map((done) => ({
        event: 'operation:progress',
        payload: expect.objectContaining({
          operationId: 'op1',
          seq: done,
          kind: 'stepDone',
          step: 'keys:convert',
          done,
          total: 3,
        }),
      })),
    );
    expect(JSON.stringify(results)).not.toMatch(/PRIVATE|PuTTY-User/);
    await expect(
      api.invoke('keys:convert', {
        items: [{ source: { kind: 'text', text: d.read('ed') } }],
        target: 'pem',
      }),
    ).resolves.toMatchObject({
      results: [{ ok: false, error: { code: 'keys.outputPathRequired' } }],
    });
  });

  it('keys:generate leaves no half pair behind when the .pub cannot be written', async () => {
    mkdirSync(d.path('gen.pub'));
    await expect(
      api.invoke('keys:generate', {
        type: 'ed25519',
        format: 'openssh',
        outputPath: d.path('gen'),
        overwrite: true,
      }),
    ).rejects.toMatchObject({ code: 'file.isFolder' });
    expect(existsSync(d.path('gen'))).toBe(false);
    expect(readdirSync(d.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keys:publicKey returns RFC 4716 and fingerprints', async () => {
    const out = await api.invoke('keys:publicKey', {
      source: { kind: 'file', path: d.path('ed') },
      format: 'rfc4716',
    });
    expect(out.publicKey).toMatch(/^---- BEGIN SSH2 PUBLIC KEY ----\nComment: "ed-test"\n/);
    expect(out.fingerprints.sha256).toBe(peer('ssh-keygen', ['-l', '-f', d.path('ed')]).split(' ')[1]);
  });

  it('dialog channels go through the injected port, and answer dialog.unavailable without one', async () => {
    expect(await api.invoke('dialog:openKeyFiles', { multiple: true })).toEqual({
      paths: ['/keys/a.pem', '/keys/b.pem'],
    });
    expect(await api.invoke('dialog:chooseFolder', {})).toEqual({ path: '/keys/out' });
    const bare = clientFor(createCore({ userDataDir: d.path('home2'), runtime: 'cli' }));
    await expect(bare.invoke('dialog:openKeyFiles', { multiple: false })).rejects.toMatchObject({
      code: 'dialog.unavailable',
    });
  });
});
