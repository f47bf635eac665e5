import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePrivateKey, encodePrivateKey, type OutputFormat, type PrivateKey } from './index';

/** Property tests: random keys × output formats × passphrases × comments round-trip to the same key. */
let pool: PrivateKey[];

beforeAll(async () => {
  const pems = [
    generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey,
    generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
    generateKeyPairSync('rsa', { modulusLength: 1536, publicExponent: 3 }).privateKey,
    generateKeyPairSync('ed25519').privateKey,
    generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
    generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey,
    generateKeyPairSync('ec', { namedCurve: 'P-521' }).privateKey,
  ].map((k) => k.export({ type: 'pkcs8', format: 'pem' }).toString());
  pool = await Promise.all(pems.map((p) => decodePrivateKey(p)));
});

const formats: OutputFormat[] = ['ppk3', 'ppk2', 'openssh', 'pem', 'pkcs8'];
const comment = fc
  .string({ unit: 'grapheme', maxLength: 40 })
  .filter((c) => !/[\r\n]/.test(c) && c.trim() === c);
const passphrase = fc.oneof(fc.constant(''), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }));

describe('round trips', () => {
  it('decode(encode(key)) is the same key, comment kept where the format stores one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 6 }),
        fc.constantFrom(...formats),
        passphrase,
        comment,
        async (i, format, pass, c) => {
          const key = pool[i]!;
          const text = await encodePrivateKey(key, {
            format,
            comment: c,
            ...(pass ? { passphrase: pass } : {}),
            argon2: { passes: 1, memoryKiB: 64 },
          });
          expect(text.endsWith('\n')).toBe(true);
          expect(text.includes('\r')).toBe(false);
          const back = await decodePrivateKey(text, pass ? { passphrase: pass } : {});
          expect(back.params).toEqual(key.params);
          const keepsComment =
            format.startsWith('ppk') || format === 'openssh' || (format === 'pem' && key.type === 'ed25519');
          if (keepsComment) expect(back.comment).toBe(c);
          // The same text with CRLF or CR line endings reads the same.
          expect(
            (await decodePrivateKey(text.replace(/\n/g, '\r\n'), pass ? { passphrase: pass } : {})).params,
          ).toEqual(key.params);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('any Ed25519 seed (leading 0x00, 0x80, 0xff …) survives PPK and OpenSSH', async () => {
    const prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.constantFrom<OutputFormat>('ppk3', 'ppk2', 'openssh', 'pkcs8'),
        async (seed, format) => {
          const pem = createPrivateKey({
            key: Buffer.concat([prefix, seed]),
            format: 'der',
            type: 'pkcs8',
          }).export({ type: 'pkcs8', format: 'pem' });
          const key = await decodePrivateKey(pem.toString());
          const back = await decodePrivateKey(await encodePrivateKey(key, { format, comment: 'x' }));
          expect(back.params.type === 'ed25519' && back.params.seed.equals(Buffer.from(seed))).toBe(true);
        },
      ),
      {
        numRuns: 25,
        examples: [
          [new Uint8Array(32), 'ppk3'],
          [Uint8Array.from({ length: 32 }, (_, j) => (j === 0 ? 0x80 : j)), 'ppk2'],
          [new Uint8Array(32).fill(0xff), 'openssh'],
        ],
      },
    );
  });
});
