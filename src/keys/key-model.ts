import { createECDH, createPrivateKey, type KeyObject } from 'node:crypto';
import { keyError, keyErrorCodes } from './key-errors';
import type {
  EcCurve,
  EcdsaParams,
  Ed25519Params,
  PrivateKey,
  PrivateParams,
  PublicKey,
  RsaParams,
} from './key-types';
import { bigIntToBytes, bytesToBigInt, SshReader, SshWriter } from './ssh-wire';

export const curveInfo: Record<EcCurve, { bits: number; size: number; jwk: string; ecdh: string }> = {
  nistp256: { bits: 256, size: 32, jwk: 'P-256', ecdh: 'prime256v1' },
  nistp384: { bits: 384, size: 48, jwk: 'P-384', ecdh: 'secp384r1' },
  nistp521: { bits: 521, size: 66, jwk: 'P-521', ecdh: 'secp521r1' },
};

export const MIN_RSA_BITS = 1024;
export const MAX_RSA_BITS = 16384;

/**
 * An Ed25519 KeyObject from its seed and public key. Through JWK, Node imports the raw key directly,
 * ~9× faster than decoding the same key as PKCS#8 DER (which converting a batch of keys notices).
 * Node builds the key from `d` alone, so the public half it reports is derived, not copied.
 */
function ed25519KeyObject(seed: Buffer, pub: Buffer): KeyObject {
  return createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', d: seed.toString('base64url'), x: pub.toString('base64url') },
    format: 'jwk',
  });
}

function bitLength(n: bigint): number {
  if (n === 0n) return 0;
  // From the hex digits: a 2048-bit modulus as a binary string is 2 KB of garbage per key.
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16)));
}

/** The SSH public blob for a set of private parameters. */
export function publicBlobOf(params: PrivateParams): Buffer {
  switch (params.type) {
    case 'rsa':
      return new SshWriter().string('ssh-rsa').mpint(params.e).mpint(params.n).toBuffer();
    case 'ed25519':
      return new SshWriter().string('ssh-ed25519').string(params.pub).toBuffer();
    case 'ecdsa':
      return new SshWriter()
        .string(`ecdsa-sha2-${params.curve}`)
        .string(params.curve)
        .string(params.q)
        .toBuffer();
  }
}

export function sshTypeOf(params: PrivateParams): string {
  return params.type === 'rsa'
    ? 'ssh-rsa'
    : params.type === 'ed25519'
      ? 'ssh-ed25519'
      : `ecdsa-sha2-${params.curve}`;
}

function isCurve(name: string): name is EcCurve {
  return name === 'nistp256' || name === 'nistp384' || name === 'nistp521';
}

/** Identifies an SSH key-type name, refusing DSA and certificates with their own codes. */
export function classifySshType(
  name: string,
  source?: string,
): { type: 'rsa' } | { type: 'ed25519' } | { type: 'ecdsa'; curve: EcCurve } {
  if (name === 'ssh-rsa') return { type: 'rsa' };
  if (name === 'ssh-ed25519') return { type: 'ed25519' };
  if (name.startsWith('ecdsa-sha2-')) {
    const curve = name.slice('ecdsa-sha2-'.length);
    if (isCurve(curve)) return { type: 'ecdsa', curve };
    throw keyError(
      keyErrorCodes.unsupportedCurve,
      source,
      `ECDSA curve "${curve.slice(0, 40)}" is not supported (only P-256, P-384, P-521).`,
    );
  }
  if (name === 'ssh-dss') throw dsaError(source);
  if (name.startsWith('sk-')) {
    throw keyError(
      keyErrorCodes.unsupportedKeyType,
      source,
      `"${name.slice(0, 60)}" is a hardware security-key (FIDO) key; its private half lives on the device and cannot be converted.`,
    );
  }
  if (name.includes('-cert-v0')) {
    throw keyError(
      keyErrorCodes.certificate,
      source,
      `this is an SSH certificate (${name.slice(0, 60)}), not a key; convert the key it was issued for instead.`,
    );
  }
  throw keyError(
    keyErrorCodes.unsupportedKeyType,
    source,
    `key type "${name.slice(0, 60)}" is not supported (RSA, Ed25519 and ECDSA are).`,
  );
}

export function dsaError(source?: string) {
  return keyError(
    keyErrorCodes.dsa,
    source,
    'this is a DSA key. DSA is obsolete, OpenSSH no longer accepts it and AWS never did; create a new RSA or Ed25519 key instead.',
  );
}

/** An exponent of 1 makes "encryption" the identity, an even one is no RSA key: crafted, whatever its size. */
function checkRsaExponent(e: bigint, n: bigint, source?: string): void {
  if (e >= 3n && e % 2n === 1n && e < n) return;
  const shown = e < 2n ** 32n ? String(e) : `a ${bitLength(e)}-bit number`;
  throw keyError(
    keyErrorCodes.rsaExponent,
    source,
    `the RSA public exponent is ${shown}, which no real key has (it must be odd, at least 3 and below the modulus); the key is damaged or crafted.`,
    { exponent: shown },
  );
}

/** Parses an SSH public blob into a PublicKey (validating lengths). */
export function publicKeyFromBlob(blob: Uint8Array, comment?: string, source?: string): PublicKey {
  const r = new SshReader(blob, source, 'public key');
  const sshType = r.text();
  const kind = classifySshType(sshType, source);
  let bits: number;
  if (kind.type === 'rsa') {
    const e = r.mpint();
    const n = r.mpint();
    bits = bitLength(n);
    checkRsaExponent(e, n, source);
    if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
      throw keyError(
        keyErrorCodes.rsaSize,
        source,
        `RSA key of ${bits} bits is outside the supported ${MIN_RSA_BITS}–${MAX_RSA_BITS} range.`,
        { bits },
      );
    }
  } else if (kind.type === 'ed25519') {
    const pub = r.string();
    if (pub.length !== 32)
      throw keyError(keyErrorCodes.malformed, source, 'the Ed25519 public key is not 32 bytes long.');
    bits = 256;
  } else {
    const curve = r.text();
    if (curve !== kind.curve)
      throw keyError(keyErrorCodes.malformed, source, 'the ECDSA curve name does not match the key type.');
    const q = r.string();
    const size = curveInfo[kind.curve].size;
    if (q.length !== 1 + 2 * size || q[0] !== 4)
      throw keyError(keyErrorCodes.malformed, source, 'the ECDSA public point is malformed.');
    bits = curveInfo[kind.curve].bits;
  }
  if (r.remaining !== 0)
    throw keyError(keyErrorCodes.malformed, source, 'the public key has unexpected trailing data.');
  return {
    kind: 'public',
    type: kind.type,
    sshType,
    ...(kind.type === 'ecdsa' ? { curve: kind.curve } : {}),
    bits,
    blob: Buffer.from(blob),
    ...(comment !== undefined ? { comment } : {}),
  };
}

/**
 * Builds a PrivateKey from raw parameters after checking the halves belong together, so a file
 * whose public part was swapped or whose private part is garbage is never accepted.
 */
export function makePrivateKey(
  params: PrivateParams,
  comment: string,
  source?: string,
  expectedBlob?: Uint8Array,
): PrivateKey {
  checkConsistency(params, source);
  const blob = publicBlobOf(params);
  if (expectedBlob && !blob.equals(Buffer.from(expectedBlob))) {
    throw keyError(
      keyErrorCodes.mismatchedHalves,
      source,
      'the public and private parts of the file do not belong to the same key.',
    );
  }
  const publicKey = publicKeyFromBlob(blob, comment, source);
  return {
    kind: 'private',
    type: params.type,
    sshType: publicKey.sshType,
    ...(publicKey.curve ? { curve: publicKey.curve } : {}),
    bits: publicKey.bits,
    comment,
    params,
    publicKey,
  };
}

function checkConsistency(params: PrivateParams, source?: string): void {
  const bad = (what: string) =>
    keyError(
      keyErrorCodes.mismatchedHalves,
      source,
      `the public and private parts of the file do not belong to the same key (${what}); it was damaged or altered.`,
    );
  if (params.type === 'rsa') {
    const { n, e, d, p, q, iqmp } = params;
    checkRsaExponent(e, n, source);
    if (p < 2n || q < 2n || p * q !== n) throw bad('p·q ≠ n');
    if (d < 2n || e < 2n) throw bad('bad exponent');
    if ((q * iqmp) % p !== 1n) throw bad('wrong CRT coefficient');
    // e·d ≡ 1 modulo p−1 and q−1 is exactly "d inverts e", and costs two multiplications.
    if ((e * d) % (p - 1n) !== 1n || (e * d) % (q - 1n) !== 1n) throw bad('d does not match e');
  } else if (params.type === 'ed25519') {
    if (params.seed.length !== 32 || params.pub.length !== 32) throw bad('wrong Ed25519 field length');
    // The public half Node reports is derived from the seed, so this compares it with the file's.
    const jwk = ed25519KeyObject(params.seed, params.pub).export({ format: 'jwk' });
    if (!Buffer.from(jwk.x ?? '', 'base64url').equals(params.pub))
      throw bad('the public key does not match the seed');
  } else {
    const info = curveInfo[params.curve];
    if (params.d <= 0n || bigIntToBytes(params.d).length > info.size) throw bad('bad ECDSA scalar');
    const ecdh = createECDH(info.ecdh);
    try {
      ecdh.setPrivateKey(bigIntToBytes(params.d, info.size));
    } catch {
      throw bad('bad ECDSA scalar');
    }
    if (!ecdh.getPublicKey().equals(params.q))
      throw bad('the public point does not match the private scalar');
  }
}

/** Node KeyObject for a private key (for PEM/PKCS#8 export, SPKI and fingerprints). */
export function toKeyObject(key: PrivateKey): KeyObject {
  const p = key.params;
  if (p.type === 'rsa') {
    const b = (v: bigint) => bigIntToBytes(v).toString('base64url');
    return createPrivateKey({
      key: {
        kty: 'RSA',
        n: b(p.n),
        e: b(p.e),
        d: b(p.d),
        p: b(p.p),
        q: b(p.q),
        dp: b(p.d % (p.p - 1n)),
        dq: b(p.d % (p.q - 1n)),
        qi: b(p.iqmp),
      },
      format: 'jwk',
    });
  }
  if (p.type === 'ed25519') return ed25519KeyObject(p.seed, p.pub);
  const size = curveInfo[p.curve].size;
  return createPrivateKey({
    key: {
      kty: 'EC',
      crv: curveInfo[p.curve].jwk,
      x: p.q.subarray(1, 1 + size).toString('base64url'),
      y: p.q.subarray(1 + size).toString('base64url'),
      d: bigIntToBytes(p.d, size).toString('base64url'),
    },
    format: 'jwk',
  });
}

/** Reads parameters out of a Node private KeyObject (PEM/PKCS#8/SEC1 input, generated keys). */
export function paramsFromKeyObject(obj: KeyObject, source?: string): PrivateParams {
  const kind = obj.asymmetricKeyType;
  if (kind === 'dsa') throw dsaError(source);
  const jwk = obj.export({ format: 'jwk' });
  const big = (s: string | undefined) => bytesToBigInt(Buffer.from(s ?? '', 'base64url'));
  if (kind === 'rsa') {
    const params: RsaParams = {
      type: 'rsa',
      n: big(jwk.n),
      e: big(jwk.e),
      d: big(jwk.d),
      p: big(jwk.p),
      q: big(jwk.q),
      iqmp: big(jwk.qi),
    };
    return params;
  }
  if (kind === 'ed25519') {
    const params: Ed25519Params = {
      type: 'ed25519',
      seed: Buffer.from(jwk.d ?? '', 'base64url'),
      pub: Buffer.from(jwk.x ?? '', 'base64url'),
    };
    return params;
  }
  if (kind === 'ec') {
    const curve = (Object.keys(curveInfo) as EcCurve[]).find((c) => curveInfo[c].jwk === jwk.crv);
    if (!curve)
      throw keyError(
        keyErrorCodes.unsupportedCurve,
        source,
        `ECDSA curve ${String(jwk.crv).slice(0, 30)} is not supported (only P-256, P-384, P-521).`,
      );
    const size = curveInfo[curve].size;
    const params: EcdsaParams = {
      type: 'ecdsa',
      curve,
      q: Buffer.concat([
        Buffer.from([4]),
        Buffer.from(jwk.x ?? '', 'base64url'),
        Buffer.from(jwk.y ?? '', 'base64url'),
      ]),
      d: big(jwk.d),
    };
    if (params.q.length !== 1 + 2 * size)
      throw keyError(keyErrorCodes.malformed, source, 'the ECDSA public point is malformed.');
    return params;
  }
  throw keyError(
    keyErrorCodes.unsupportedKeyType,
    source,
    `key type ${String(kind)} is not supported (RSA, Ed25519 and ECDSA are).`,
  );
}

/** A PrivateKey from a Node KeyObject. */
export function privateKeyFromKeyObject(obj: KeyObject, comment: string, source?: string): PrivateKey {
  return makePrivateKey(paramsFromKeyObject(obj, source), comment, source);
}
