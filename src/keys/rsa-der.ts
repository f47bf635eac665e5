import type { RsaParams } from './key-types';
import { bigIntToBytes, bytesToBigInt } from './ssh-wire';

/**
 * RSA keys as DER, by hand, for the converter's hot path. Going through OpenSSL (createPrivateKey,
 * a JWK export, and two more imports and exports for the AWS fingerprints) cost most of a batch
 * conversion's time; RSA's DER structures are a few fixed fields, and DER is canonical, so the
 * bytes written here equal OpenSSL's (the tests compare them with Node's exports).
 */

// AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }.
const RSA_ALGORITHM = Buffer.from('300d06092a864886f70d0101010500', 'hex');

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

/** DER INTEGER of a non-negative value: minimal, with a 0x00 byte when the high bit is set. */
function derInteger(value: bigint): Buffer {
  const raw = bigIntToBytes(value);
  const body = raw.length === 0 || (raw[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.alloc(1), raw]) : raw;
  return tlv(0x02, body);
}

const sequence = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));

/** PKCS#1 RSAPrivateKey, with dp and dq derived from d (as OpenSSL does when it builds the key). */
export function rsaPrivateKeyDer(p: RsaParams): Buffer {
  return sequence(
    derInteger(0n),
    ...[p.n, p.e, p.d, p.p, p.q, p.d % (p.p - 1n), p.d % (p.q - 1n), p.iqmp].map(derInteger),
  );
}

/** PKCS#8 PrivateKeyInfo of an RSA key: what EC2 hashes (SHA-1) for the key pairs it creates. */
export function rsaPkcs8Der(p: RsaParams): Buffer {
  return sequence(derInteger(0n), RSA_ALGORITHM, tlv(0x04, rsaPrivateKeyDer(p)));
}

/** SubjectPublicKeyInfo of an RSA public key: what EC2 hashes (MD5) for imported key pairs. */
export function rsaSpkiDer(n: bigint, e: bigint): Buffer {
  const bitString = Buffer.concat([Buffer.alloc(1), sequence(derInteger(n), derInteger(e))]);
  return sequence(RSA_ALGORITHM, tlv(0x03, bitString));
}

/** A strict DER reader over one buffer; any surprise returns `null` so the caller can fall back. */
class DerReader {
  private offset = 0;
  constructor(private readonly data: Buffer) {}

  get done(): boolean {
    return this.offset === this.data.length;
  }

  /** The content of the next element if it has `tag`, with a minimal definite length. */
  next(tag: number): Buffer | null {
    const d = this.data;
    if (this.offset + 2 > d.length || d[this.offset] !== tag) return null;
    let length = d[this.offset + 1]!;
    let at = this.offset + 2;
    if (length & 0x80) {
      const count = length & 0x7f;
      // 1–3 length bytes are plenty for any key file (the reader caps files far below 16 MiB).
      if (count < 1 || count > 3 || at + count > d.length || d[at] === 0) return null;
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + d[at + i]!;
      if (length < 0x80) return null;
      at += count;
    }
    if (at + length > d.length) return null;
    this.offset = at + length;
    return d.subarray(at, at + length);
  }

  /** A non-negative INTEGER in minimal form. */
  integer(): bigint | null {
    const body = this.next(0x02);
    if (!body || body.length === 0 || (body[0]! & 0x80) !== 0) return null;
    if (body.length > 1 && body[0] === 0 && (body[1]! & 0x80) === 0) return null;
    return bytesToBigInt(body);
  }
}

/**
 * The fields of a PKCS#1 RSAPrivateKey (two-prime, version 0), or `null` for anything else —
 * multi-prime keys, odd encodings, trailing bytes — which then goes through OpenSSL as before.
 */
export function parseRsaPrivateKeyDer(der: Buffer): RsaParams | null {
  const outer = new DerReader(der);
  const body = outer.next(0x30);
  if (!body || !outer.done) return null;
  const r = new DerReader(body);
  if (r.integer() !== 0n) return null;
  const [n, e, d, p, q, dp, dq, iqmp] = Array.from({ length: 8 }, () => r.integer());
  if (!r.done || [n, e, d, p, q, dp, dq, iqmp].some((v) => v === null)) return null;
  return { type: 'rsa', n: n!, e: e!, d: d!, p: p!, q: q!, iqmp: iqmp! };
}

/** The RSAPrivateKey inside a PKCS#8 PrivateKeyInfo of an RSA key (no attributes), or `null`. */
export function rsaPrivateKeyFromPkcs8Der(der: Buffer): RsaParams | null {
  const outer = new DerReader(der);
  const body = outer.next(0x30);
  if (!body || !outer.done) return null;
  const r = new DerReader(body);
  if (r.integer() !== 0n) return null;
  const algorithm = r.next(0x30);
  if (!algorithm || !RSA_ALGORITHM.subarray(2).equals(algorithm)) return null;
  const key = r.next(0x04);
  return key && r.done ? parseRsaPrivateKeyDer(key) : null;
}
