import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertKeys } from './convert-service';
import { decodePrivateKey, encodePrivateKey, generatePrivateKey } from './index';
import type { PrivateKey } from './key-types';
import { encodePpk, startPpk3Derivation } from './ppk';
import { publicKeyToOpenSSH } from './public-key';

/**
 * An encrypted PPK v3 output's Argon2 derivation may start before its key is read (convertKeys
 * does, so the derivation runs while the key is decoded). It must change nothing but the timing:
 * the same file for the same salt, never a derivation meant for another passphrase, and an input's
 * own error still reported first.
 */
const cheap = { memoryKiB: 8, passes: 1, parallelism: 1 };
const salt = Buffer.from('00112233445566778899aabbccddeeff', 'hex');

let key: PrivateKey;
let dir: string;
beforeAll(async () => {
  key = await generatePrivateKey({ type: 'ed25519', comment: 'early' });
  dir = await mkdtemp(join(tmpdir(), 'keyrescue-early-kdf-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('startPpk3Derivation', () => {
  it('gives byte for byte the file encodePpk derives itself', async () => {
    const options = { version: 3 as const, comment: 'early', passphrase: 'pass words' };
    const derivation = startPpk3Derivation('pass words', { ...cheap, salt });
    const early = await encodePpk(key, { ...options, derivation });
    expect(early).toBe(await encodePpk(key, { ...options, argon2: { ...cheap, salt } }));
  });

  it('is ignored when it was started for another passphrase', async () => {
    const derivation = startPpk3Derivation('another passphrase', cheap);
    const text = await encodePpk(key, {
      version: 3,
      comment: 'early',
      passphrase: 'the real one',
      argon2: cheap,
      derivation,
    });
    const back = await decodePrivateKey(text, { passphrase: 'the real one' });
    expect(publicKeyToOpenSSH(back)).toBe(publicKeyToOpenSSH(key));
  });

  it('refuses bad settings as encodePpk does', () => {
    expect(() => startPpk3Derivation('p', { ...cheap, passes: 0 })).toThrow(/passes/);
  });
});

describe('convertKeys to an encrypted PPK v3', () => {
  it('writes a file that opens with the new passphrase', async () => {
    const input = join(dir, 'in');
    await writeFile(input, await encodePrivateKey(key, { format: 'openssh' }), { mode: 0o600 });
    const [result] = await convertKeys(
      {
        items: [{ source: { kind: 'file', path: input } }],
        target: 'ppk3',
        newPassphrase: 'new one',
        argon2: cheap,
      },
      () => undefined,
    );
    expect(result).toMatchObject({ ok: true, passphrase: 'new', encrypted: true });
    const text = await readFile(join(dir, 'in.ppk'), 'utf8');
    expect(text).toContain('Argon2-Passes: 1');
    const back = await decodePrivateKey(text, { passphrase: 'new one' });
    expect(publicKeyToOpenSSH(back)).toBe(publicKeyToOpenSSH(key));
  });

  it('reports a missing input, not the bad settings, and leaves no derivation unobserved', async () => {
    const [result] = await convertKeys(
      {
        items: [{ source: { kind: 'file', path: join(dir, 'missing') } }],
        target: 'ppk3',
        newPassphrase: 'new one',
        argon2: { ...cheap, passes: 0 },
      },
      () => undefined,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'keys.fileNotFound' } });
    const [other] = await convertKeys(
      {
        items: [{ source: { kind: 'file', path: join(dir, 'missing') } }],
        target: 'ppk3',
        newPassphrase: 'new one',
        argon2: cheap,
      },
      () => undefined,
    );
    // Its derivation was started and is never awaited (vitest would fail the run on a rejection).
    expect(other).toMatchObject({ ok: false, error: { code: 'keys.fileNotFound' } });
  });
});
