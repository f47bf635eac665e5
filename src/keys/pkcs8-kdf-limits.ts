import { keyError, keyErrorCodes } from './key-errors';

/**
 * Bounds for encrypted PKCS#8 (`BEGIN ENCRYPTED PRIVATE KEY`), checked before any derivation runs.
 * OpenSSL (`openssl pkcs8 -topk8`, `genpkey`) and ssh-keygen write PBKDF2 with 2048 iterations;
 * the highest default we know of is OWASP's 600,000 for PBKDF2-HMAC-SHA256, so 1,000,000 (about
 * a second) is the bound. scrypt: OpenSSL's default is N=16384, r=8, p=1 (16 MiB); its own memory
 * limit is 32 MiB, so 128·N·r ≤ 64 MiB and p ≤ 16 leave room for hand-tuned keys.
 */
export const PKCS8_LIMITS = { maxIterations: 1_000_000, maxScryptBytes: 64 * 1024 * 1024, maxScryptP: 16 };

const OID_PBES2 = '2a864886f70d01050d';
const OID_PBKDF2 = '2a864886f70d01050c';
const OID_SCRYPT = '2b06010401da47040b';
// PBES1 (1.2.840.113549.1.5.x) and PKCS#12 PBE (1.2.840.113549.1.12.1.x): params are salt + iterations.
const PBES1_PREFIXES = ['2a864886f70d0105', '2a864886f70d010c01'];

interface Tlv {
  tag: number;
  value: Buffer;
  end: number;
}

function readTlv(buf: Buffer, at: number): Tlv {
  if (at + 2 > buf.length) throw new RangeError('short');
  const tag = buf[at]!;
  let len = buf[at + 1]!;
  let pos = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 4 || pos + n > buf.length) throw new RangeError('length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos + i]!;
    pos += n;
  }
  if (pos + len > buf.length) throw new RangeError('overrun');
  return { tag, value: buf.subarray(pos, pos + len), end: pos + len };
}

function children(tlv: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = 0; at < tlv.value.length && out.length < 8;) {
    const child = readTlv(tlv.value, at);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** A DER INTEGER as a number, or Infinity when it has more than 6 bytes (beyond any bound). */
function intOf(tlv: Tlv | undefined): number {
  if (!tlv || tlv.tag !== 0x02) throw new RangeError('int');
  const bytes = tlv.value[0] === 0 ? tlv.value.subarray(1) : tlv.value;
  if (bytes.length > 6) return Infinity;
  return bytes.length ? Number(`0x${bytes.toString('hex')}`) : 0;
}

/** Refuses (fast, before deriving anything) an encrypted PKCS#8 key whose KDF settings exceed the bounds. */
export function checkPkcs8KdfLimits(der: Buffer, source?: string): void {
  const over = (what: string, value: number, bound: number) =>
    keyError(
      keyErrorCodes.kdfLimits,
      source,
      `the key's ${what} is ${Number.isFinite(value) ? value : 'astronomically large'}, above the ${bound} this app accepts (real tools write far less); refusing to run it.`,
      { parameter: what, bound },
    );
  let alg: Tlv[];
  try {
    alg = children(children(readTlv(der, 0))[0]!);
  } catch {
    throw keyError(keyErrorCodes.malformed, source, 'the encrypted PKCS#8 structure is damaged.');
  }
  const oid = alg[0]?.tag === 0x06 ? alg[0].value.toString('hex') : '';
  try {
    if (oid === OID_PBES2) {
      const [kdf] = children(alg[1]!);
      const [kdfOid, kdfParams] = children(kdf!);
      const kdfName = kdfOid?.value.toString('hex');
      const p = children(kdfParams!);
      if (kdfName === OID_PBKDF2) {
        const iterations = intOf(p[1]);
        if (iterations < 1 || iterations > PKCS8_LIMITS.maxIterations)
          throw over('PBKDF2 iteration count', iterations, PKCS8_LIMITS.maxIterations);
      } else if (kdfName === OID_SCRYPT) {
        const [n, r, par] = [intOf(p[1]), intOf(p[2]), intOf(p[3])];
        if (128 * n * r > PKCS8_LIMITS.maxScryptBytes)
          throw over('scrypt memory (128·N·r bytes)', 128 * n * r, PKCS8_LIMITS.maxScryptBytes);
        if (par > PKCS8_LIMITS.maxScryptP) throw over('scrypt parallelism p', par, PKCS8_LIMITS.maxScryptP);
      }
    } else if (PBES1_PREFIXES.some((prefix) => oid.startsWith(prefix))) {
      const iterations = intOf(children(alg[1]!)[1]);
      if (iterations > PKCS8_LIMITS.maxIterations)
        throw over('PBE iteration count', iterations, PKCS8_LIMITS.maxIterations);
    }
  } catch (error) {
    if (error instanceof RangeError)
      throw keyError(keyErrorCodes.malformed, source, 'the encrypted PKCS#8 key settings are damaged.');
    throw error;
  }
}
