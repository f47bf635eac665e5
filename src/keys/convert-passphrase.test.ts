import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../app/core';
import { createClient, type IpcClient } from '../ipc/client';
import { IpcError } from '../ipc/client';
import { makePeerDir, peer, peerStatus, sshKeygen, type PeerDir } from './test-support/peers';

/**
 * What a conversion does with an encrypted input's passphrase, over the real router: kept by
 * default (as PuTTYgen does), replaced on request, removed only when asked. puttygen, ssh-keygen
 * and openssl check every output, with the old passphrase and without one.
 */
let d: PeerDir;
let api: IpcClient;

const OLD = 'old secret words';

beforeAll(() => {
  d = makePeerDir('keyrescue-convert-pass-');
  sshKeygen(d, 'ed-enc', 'ed25519', undefined, 'ed-enc-test', OLD);
  // Classic encrypted PEM (AES-128-CBC, as ssh-keygen -m PEM writes it).
  peer('ssh-keygen', [
    '-q',
    '-t',
    'rsa',
    '-b',
    '2048',
    '-m',
    'PEM',
    '-N',
    OLD,
    '-C',
    'x',
    '-f',
    d.path('rsa-enc.pem'),
  ]);
  sshKeygen(d, 'plain', 'ed25519', undefined, 'plain-test');
  d.write('old-pass', `${OLD}\n`);
  d.write('empty-pass', '\n');
  const core = createCore({ userDataDir: d.path('home'), runtime: 'test' });
  api = createClient({
    invoke: (channel, input) =>
      core.router.dispatch(channel, input, { caller: 'test', emit: () => undefined }),
    on: () => () => undefined,
  });
});
afterAll(() => d.cleanup());

const file = (name: string) => ({ kind: 'file' as const, path: d.path(name) });
/** The public line ssh-keygen derives from a key, without its comment. */
const publicOf = (path: string, passphrase: string) =>
  peer('ssh-keygen', ['-y', '-P', passphrase, '-f', path]).trim().split(' ').slice(0, 2).join(' ');

describe('keys:convert keeps, replaces or removes the passphrase', () => {
  it('keeps the input passphrase by default: PPK v3/v2 open in puttygen with it and not without', async () => {
    for (const target of ['ppk3', 'ppk2'] as const) {
      const out = d.path(`kept-${target}.ppk`);
      const { results } = await api.invoke('keys:convert', {
        items: [{ source: file('ed-enc'), passphrase: OLD, outputPath: out }],
        target,
      });
      expect(results[0]).toMatchObject({ ok: true, encrypted: true, passphrase: 'kept' });
      expect(d.read(`kept-${target}.ppk`)).toContain('Encryption: aes256-cbc\n');
      // puttygen decrypts it with the old passphrase and finds the original key.
      const opened = peer('puttygen', [out, '--old-passphrase', d.path('old-pass'), '-O', 'public-openssh']);
      expect(opened.trim().split(' ').slice(0, 2).join(' ')).toBe(publicOf(d.path('ed-enc'), OLD));
      const refused = peerStatus('puttygen', [
        out,
        '--old-passphrase',
        d.path('empty-pass'),
        '-O',
        'private-openssh',
        '-o',
        d.path('never'),
      ]);
      expect(refused.status).not.toBe(0);
    }
    expect(readdirSync(d.dir)).not.toContain('never');
  });

  it('keeps it for OpenSSH, PEM and PKCS#8 targets too (ssh-keygen and openssl need the old passphrase)', async () => {
    const { results } = await api.invoke('keys:convert', {
      items: [
        { source: file('rsa-enc.pem'), passphrase: OLD, outputPath: d.path('kept-openssh') },
        { source: file('ed-enc'), passphrase: OLD, outputPath: d.path('kept-ed') },
      ],
      target: 'openssh',
    });
    expect(results.map((r) => r.ok && r.passphrase)).toEqual(['kept', 'kept']);
    expect(d.read('kept-openssh')).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    expect(publicOf(d.path('kept-openssh'), OLD)).toBe(publicOf(d.path('rsa-enc.pem'), OLD));
    expect(peerStatus('ssh-keygen', ['-y', '-P', '', '-f', d.path('kept-openssh')]).status).not.toBe(0);

    // PEM: classic encrypted PKCS#1 for RSA (from a PPK this time), OpenSSH for Ed25519.
    const pem = await api.invoke('keys:convert', {
      items: [
        { source: file('kept-openssh'), passphrase: OLD, outputPath: d.path('kept-rsa.pem') },
        { source: file('kept-ppk3.ppk'), passphrase: OLD, outputPath: d.path('kept-ed.pem') },
      ],
      target: 'pem',
    });
    expect(pem.results.map((r) => r.ok && [r.writtenFormat, r.passphrase])).toEqual([
      ['pkcs1', 'kept'],
      ['openssh', 'kept'],
    ]);
    expect(d.read('kept-rsa.pem')).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n/);
    expect(publicOf(d.path('kept-rsa.pem'), OLD)).toBe(publicOf(d.path('rsa-enc.pem'), OLD));
    expect(publicOf(d.path('kept-ed.pem'), OLD)).toBe(publicOf(d.path('ed-enc'), OLD));

    const pkcs8 = await api.invoke('keys:convert', {
      items: [{ source: file('rsa-enc.pem'), passphrase: OLD, outputPath: d.path('kept.p8') }],
      target: 'pkcs8',
    });
    expect(pkcs8.results[0]).toMatchObject({ ok: true, passphrase: 'kept' });
    expect(d.read('kept.p8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    const spki = (args: string[]) => peer('openssl', ['pkey', '-pubout', ...args]);
    expect(spki(['-in', d.path('kept.p8'), '-passin', `pass:${OLD}`])).toBe(
      spki(['-in', d.path('rsa-enc.pem'), '-passin', `pass:${OLD}`]),
    );
    expect(peerStatus('openssl', ['pkey', '-in', d.path('kept.p8'), '-passin', 'pass:']).status).not.toBe(0);
  });

  it('an unencrypted input in the same batch stays unencrypted', async () => {
    const { results } = await api.invoke('keys:convert', {
      items: [
        { source: file('plain'), passphrase: OLD, outputPath: d.path('mixed-plain.ppk') },
        { source: file('ed-enc'), passphrase: OLD, outputPath: d.path('mixed-enc.ppk') },
      ],
      target: 'ppk3',
      allOrNothing: true,
    });
    expect(results.map((r) => r.ok && [r.passphrase, r.encrypted])).toEqual([
      ['none', false],
      ['kept', true],
    ]);
    expect(d.read('mixed-plain.ppk')).toContain('Encryption: none\n');
    expect(d.read('mixed-enc.ppk')).toContain('Encryption: aes256-cbc\n');
  });

  it('removes it only when asked; a new passphrase replaces it', async () => {
    const removed = await api.invoke('keys:convert', {
      items: [{ source: file('ed-enc'), passphrase: OLD, outputPath: d.path('removed') }],
      target: 'openssh',
      removePassphrase: true,
    });
    expect(removed.results[0]).toMatchObject({ ok: true, encrypted: false, passphrase: 'removed' });
    expect(publicOf(d.path('removed'), '')).toBe(publicOf(d.path('ed-enc'), OLD));

    const replaced = await api.invoke('keys:convert', {
      items: [{ source: file('ed-enc'), passphrase: OLD, outputPath: d.path('replaced') }],
      target: 'openssh',
      newPassphrase: 'brand new one',
    });
    expect(replaced.results[0]).toMatchObject({ ok: true, encrypted: true, passphrase: 'new' });
    expect(publicOf(d.path('replaced'), 'brand new one')).toBe(publicOf(d.path('ed-enc'), OLD));
    expect(peerStatus('ssh-keygen', ['-y', '-P', OLD, '-f', d.path('replaced')]).status).not.toBe(0);
  });

  it('refuses a new passphrase and removing it at once, writing nothing', async () => {
    const error = await api
      .invoke('keys:convert', {
        items: [{ source: file('ed-enc'), passphrase: OLD, outputPath: d.path('both') }],
        target: 'openssh',
        newPassphrase: 'x',
        removePassphrase: true,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcError);
    expect((error as IpcError).code).toBe('keys.badOption');
    expect((error as IpcError).message).toBe(
      'Either set a new passphrase or remove the passphrase, not both.',
    );
    expect(readdirSync(d.dir)).not.toContain('both');
  });
});
