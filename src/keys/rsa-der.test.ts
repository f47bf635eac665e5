import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodePrivateKey } from './codec';
import { paramsFromKeyObject } from './key-model';
import type { RsaParams } from './key-types';
import {
  parseRsaPrivateKeyDer,
  rsaPkcs8Der,
  rsaPrivateKeyDer,
  rsaPrivateKeyFromPkcs8Der,
  rsaSpkiDer,
} from './rsa-der';

/** The hand-written RSA DER against OpenSSL (Node's crypto), which it replaces on the hot path. */
const keys = [1024, 2048, 3072, 4096, 2048, 2048].map((modulusLength) => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength });
  return {
    pkcs1: privateKey.export({ type: 'pkcs1', format: 'der' }),
    pkcs8: privateKey.export({ type: 'pkcs8', format: 'der' }),
    spki: publicKey.export({ type: 'spki', format: 'der' }),
    params: paramsFromKeyObject(privateKey) as RsaParams,
  };
});

describe('RSA DER by hand', () => {
  it('reads PKCS#1 and PKCS#8 into the same parameters OpenSSL finds', () => {
    for (const key of keys) {
      expect(parseRsaPrivateKeyDer(key.pkcs1)).toEqual(key.params);
      expect(rsaPrivateKeyFromPkcs8Der(key.pkcs8)).toEqual(key.params);
    }
  });

  it('writes PKCS#8 and SPKI byte for byte as OpenSSL does (what the AWS fingerprints hash)', () => {
    for (const key of keys) {
      expect(rsaPkcs8Der(key.params).equals(key.pkcs8)).toBe(true);
      expect(rsaSpkiDer(key.params.n, key.params.e).equals(key.spki)).toBe(true);
    }
  });

  it('leaves anything unusual to OpenSSL: trailing bytes, non-minimal integers, other versions', () => {
    const der = keys[1]!.pkcs1;
    expect(parseRsaPrivateKeyDer(Buffer.concat([der, Buffer.from([0])]))).toBeNull();
    // Version 1 (multi-prime) instead of 0.
    const v1 = Buffer.from(der);
    const versionAt = der.indexOf(Buffer.from([0x02, 0x01, 0x00]));
    v1[versionAt + 2] = 1;
    expect(parseRsaPrivateKeyDer(v1)).toBeNull();
    // A sequence cut short, and PKCS#8 holding something other than RSA.
    expect(parseRsaPrivateKeyDer(der.subarray(0, der.length - 10))).toBeNull();
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' });
    expect(rsaPrivateKeyFromPkcs8Der(ed)).toBeNull();
    // A length written with a needless extra byte (0x81 0x05 for 5) is not DER.
    expect(parseRsaPrivateKeyDer(Buffer.from('3081050201000000', 'hex'))).toBeNull();
  });

  it('decodes PEM through the fast path and still refuses a key whose halves disagree', async () => {
    const key = keys[1]!;
    const pem = (der: Buffer) =>
      `-----BEGIN RSA PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END RSA PRIVATE KEY-----\n`;
    const decoded = await decodePrivateKey(pem(key.pkcs1));
    expect(decoded.params).toEqual(key.params);
    // Same structure, another key's q: well-formed DER, but p·q ≠ n.
    const swapped = rsaPrivateKeyDer({ ...key.params, q: keys[4]!.params.q });
    expect(parseRsaPrivateKeyDer(swapped)?.q).toBe(keys[4]!.params.q);
    await expect(decodePrivateKey(pem(swapped))).rejects.toMatchObject({ code: 'keys.mismatchedHalves' });
  });
});
