import { randomBytes } from 'node:crypto';
import { keyError, keyErrorCodes } from './key-errors';
import { classifySshType, makePrivateKey, publicKeyFromBlob } from './key-model';
import type { PrivateKey, PrivateParams, PublicKey } from './key-types';
import { wrapBase64 } from './key-text';
import { bcryptKdf, cipherSpec, decryptSection, encryptSection } from './openssh-cipher';
import type { PemBlock } from './pem-armor';
import { SshReader, SshWriter } from './ssh-wire';

const MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');
export const OPENSSH_LABEL = 'OPENSSH PRIVATE KEY';

interface OpensshContainer {
  cipher: string;
  kdf: string;
  kdfOptions: Buffer;
  publicKey: PublicKey;
  section: Buffer;
  tag?: Buffer;
}

/** Parses the cleartext container (everything a passphrase is not needed for). */
export function readOpensshContainer(block: PemBlock, source?: string): OpensshContainer {
  const data = block.body;
  if (data.length < MAGIC.length || !data.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw keyError(
      keyErrorCodes.malformed,
      source,
      'the OpenSSH key does not start with "openssh-key-v1" (damaged file).',
    );
  }
  const r = new SshReader(data.subarray(MAGIC.length), source, 'OpenSSH key');
  const cipher = r.text();
  const kdf = r.text();
  const kdfOptions = r.string();
  const nkeys = r.uint32();
  if (nkeys !== 1) {
    throw keyError(
      keyErrorCodes.multipleKeys,
      source,
      `the file claims to hold ${nkeys} keys; exactly one is supported.`,
    );
  }
  const publicBlob = r.string();
  const publicKey = publicKeyFromBlob(publicBlob, undefined, source);
  const section = r.string();
  if (cipher !== 'none') cipherSpec(cipher, source);
  const tagLen = cipher === 'none' ? 0 : cipherSpec(cipher, source).tagLen;
  const tag = tagLen ? r.bytes(tagLen) : undefined;
  if (cipher === 'none' ? kdf !== 'none' : kdf !== 'bcrypt') {
    throw keyError(
      keyErrorCodes.unsupportedKdf,
      source,
      `the key derivation "${kdf.slice(0, 40)}" is not supported with cipher "${cipher.slice(0, 40)}".`,
    );
  }
  return { cipher, kdf, kdfOptions, publicKey, section, ...(tag ? { tag } : {}) };
}

/** Comment of an unencrypted OpenSSH key, without full validation (for inspection). */
export function opensshPlainComment(container: OpensshContainer, source?: string): string | undefined {
  if (container.cipher !== 'none') return undefined;
  try {
    return parseSection(container.section, false, source).comment;
  } catch {
    return undefined;
  }
}

/** Decodes an `openssh-key-v1` private key (unencrypted or bcrypt + AES). */
export async function decodeOpensshPrivateKey(
  block: PemBlock,
  passphrase: string | undefined,
  source?: string,
  signal?: AbortSignal,
): Promise<PrivateKey> {
  const c = readOpensshContainer(block, source);
  let section = c.section;
  const encrypted = c.cipher !== 'none';
  if (encrypted) {
    if (!passphrase)
      throw keyError(
        keyErrorCodes.passphraseRequired,
        source,
        'the key is encrypted; a passphrase is needed.',
      );
    const spec = cipherSpec(c.cipher, source);
    if (section.length % spec.blockSize !== 0)
      throw keyError(
        keyErrorCodes.malformed,
        source,
        'the encrypted section has an impossible length (damaged file).',
      );
    const opts = new SshReader(c.kdfOptions, source, 'bcrypt options');
    const salt = opts.string();
    const rounds = opts.uint32();
    section = decryptSection(
      c.cipher,
      await bcryptKdf(passphrase, salt, rounds, spec.keyLen + spec.ivLen, source, signal),
      section,
      c.tag,
      source,
    );
  } else if (section.length % 8 !== 0) {
    throw keyError(
      keyErrorCodes.malformed,
      source,
      'the private section has an impossible length (damaged file).',
    );
  }
  const { params, comment } = parseSection(section, encrypted, source);
  return makePrivateKey(params, comment, source, c.publicKey.blob);
}

function parseSection(
  section: Buffer,
  encrypted: boolean,
  source: string | undefined,
): { params: PrivateParams; comment: string } {
  const r = new SshReader(section, source, 'private key section');
  const check1 = r.uint32();
  const check2 = r.uint32();
  if (check1 !== check2) {
    throw encrypted
      ? keyError(keyErrorCodes.wrongPassphrase, source, 'the passphrase is wrong.')
      : keyError(keyErrorCodes.malformed, source, 'the private section check numbers differ (damaged file).');
  }
  const kind = classifySshType(r.text(), source);
  let params: PrivateParams;
  if (kind.type === 'rsa') {
    const n = r.mpint();
    const e = r.mpint();
    const d = r.mpint();
    const iqmp = r.mpint();
    const p = r.mpint();
    const q = r.mpint();
    params = { type: 'rsa', n, e, d, p, q, iqmp };
  } else if (kind.type === 'ed25519') {
    const pub = r.string();
    const both = r.string();
    if (pub.length !== 32 || both.length !== 64 || !both.subarray(32).equals(pub)) {
      throw keyError(keyErrorCodes.malformed, source, 'the Ed25519 private fields have the wrong layout.');
    }
    params = { type: 'ed25519', seed: both.subarray(0, 32), pub };
  } else {
    const curve = r.text();
    if (curve !== kind.curve)
      throw keyError(keyErrorCodes.malformed, source, 'the ECDSA curve name does not match the key type.');
    params = { type: 'ecdsa', curve: kind.curve, q: r.string(), d: r.mpint() };
  }
  const comment = r.text();
  const padding = r.rest();
  if (!padding.every((b, i) => b === i + 1)) {
    throw keyError(keyErrorCodes.malformed, source, 'the private section padding is wrong (damaged file).');
  }
  return { params, comment };
}

function writeParams(w: SshWriter, p: PrivateParams): void {
  if (p.type === 'rsa') w.mpint(p.n).mpint(p.e).mpint(p.d).mpint(p.iqmp).mpint(p.p).mpint(p.q);
  else if (p.type === 'ed25519') w.string(p.pub).string(Buffer.concat([p.seed, p.pub]));
  else w.string(p.curve).string(p.q).mpint(p.d);
}

export interface OpensshWriteOptions {
  passphrase?: string;
  comment: string;
  rounds?: number;
  /** Fixed randomness for tests; random otherwise. */
  salt?: Uint8Array;
  checkInt?: number;
  /** Cancels the bcrypt derivation (`keys.cancelled`); `source` is named in that error. */
  signal?: AbortSignal;
  source?: string;
}

/** Writes `openssh-key-v1`: unencrypted, or bcrypt (16 rounds) + aes256-ctr, as ssh-keygen does. */
export async function encodeOpensshPrivateKey(key: PrivateKey, opts: OpensshWriteOptions): Promise<string> {
  const encrypted = Boolean(opts.passphrase);
  const cipher = encrypted ? 'aes256-ctr' : 'none';
  const blockSize = encrypted ? 16 : 8;
  const check = opts.checkInt ?? randomBytes(4).readUInt32BE();
  const sw = new SshWriter().uint32(check).uint32(check).string(key.sshType);
  writeParams(sw, key.params);
  sw.string(opts.comment);
  let section = sw.toBuffer();
  const padLen = (blockSize - (section.length % blockSize)) % blockSize;
  section = Buffer.concat([section, Buffer.from(Array.from({ length: padLen }, (_, i) => i + 1))]);
  let kdfOptions: Buffer = Buffer.alloc(0);
  if (encrypted) {
    const salt = Buffer.from(opts.salt ?? randomBytes(16));
    const rounds = opts.rounds ?? 16;
    kdfOptions = new SshWriter().string(salt).uint32(rounds).toBuffer();
    section = encryptSection(
      cipher,
      await bcryptKdf(opts.passphrase!, salt, rounds, 48, opts.source, opts.signal),
      section,
    );
  }
  const body = new SshWriter()
    .raw(MAGIC)
    .string(cipher)
    .string(encrypted ? 'bcrypt' : 'none')
    .string(kdfOptions)
    .uint32(1)
    .string(key.publicKey.blob)
    .string(section)
    .toBuffer();
  return [
    `-----BEGIN ${OPENSSH_LABEL}-----`,
    ...wrapBase64(body, 70),
    `-----END ${OPENSSH_LABEL}-----`,
    '',
  ].join('\n');
}
