import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { describeInput } from '../ipc/user-input';
import { keyError, keyErrorCodes } from './key-errors';
import { curveInfo, makePrivateKey, publicKeyFromBlob } from './key-model';
import type { Argon2Options, Ppk3Derivation, PrivateKey, PrivateParams, PublicKey } from './key-types';
import { wrapBase64 } from './key-text';
import { derivePpk2Keys, derivePpk3Keys, ppkMac, type PpkKeys } from './ppk-crypto';
import { parsePpkLayout, PPK_LIMITS, type PpkArgon2, type PpkLayout } from './ppk-layout';
import { SshReader, SshWriter } from './ssh-wire';

/** puttygen 0.78 defaults; passes is what its 100 ms calibration typically lands on. */
export const PPK3_DEFAULTS: Required<Omit<Argon2Options, 'salt'>> = {
  flavour: 'argon2id',
  memoryKiB: 8192,
  passes: 13,
  parallelism: 1,
};

/** Reads the cleartext parts of a PPK file (no passphrase needed). */
export function inspectPpk(text: string, source?: string): { layout: PpkLayout; publicKey: PublicKey } {
  const layout = parsePpkLayout(text, source);
  const publicKey = publicKeyFromBlob(layout.publicBlob, layout.comment, source);
  if (publicKey.sshType !== layout.algorithm) {
    throw keyError(
      keyErrorCodes.mismatchedHalves,
      source,
      'the key type in the first line does not match the public key data (the file was edited).',
    );
  }
  return { layout, publicKey };
}

/** Parses the private blob fields for the key type; `null` when the bytes do not fit the layout. */
function parsePrivateBlob(pub: PublicKey, blob: Buffer, source?: string): PrivateParams | null {
  try {
    const pr = new SshReader(pub.blob, source);
    pr.text();
    const r = new SshReader(blob, source);
    let params: PrivateParams;
    if (pub.type === 'rsa') {
      const e = pr.mpint();
      const n = pr.mpint();
      params = { type: 'rsa', n, e, d: r.mpint(), p: r.mpint(), q: r.mpint(), iqmp: r.mpint() };
    } else if (pub.type === 'ed25519') {
      const pubBytes = pr.string();
      const seed = r.string();
      if (seed.length !== 32) return null;
      params = { type: 'ed25519', seed, pub: pubBytes };
    } else {
      pr.text();
      const q = pr.string();
      const dBytes = r.string();
      if (dBytes.length > curveInfo[pub.curve!].size + 1) return null;
      params = {
        type: 'ecdsa',
        curve: pub.curve!,
        q,
        d: BigInt(dBytes.length ? `0x${dBytes.toString('hex')}` : 0),
      };
    }
    // Whatever follows the fields is padding: less than one AES block.
    return r.remaining < 16 ? params : null;
  } catch {
    return null;
  }
}

/**
 * Decodes PPK v2/v3. The MAC is always verified. When it fails on an encrypted file we look at
 * the decrypted bytes: if they still have the exact field layout the passphrase was right and
 * the file was altered (`keys.macMismatch`); random-looking bytes mean `keys.wrongPassphrase`.
 */
export async function decodePpk(
  text: string,
  passphrase: string | undefined,
  source?: string,
  signal?: AbortSignal,
): Promise<PrivateKey> {
  const { layout, publicKey } = inspectPpk(text, source);
  const encrypted = layout.encryption !== 'none';
  if (encrypted && !passphrase)
    throw keyError(keyErrorCodes.passphraseRequired, source, 'the key is encrypted; a passphrase is needed.');
  const pass = encrypted ? passphrase! : '';
  const keys: PpkKeys =
    layout.version === 3 ? await derivePpk3Keys(pass, layout.argon2, signal, source) : derivePpk2Keys(pass);
  let plain = layout.privateBlob;
  if (encrypted) {
    if (plain.length === 0 || plain.length % 16 !== 0)
      throw keyError(
        keyErrorCodes.malformed,
        source,
        'the encrypted private data has an impossible length (damaged file).',
      );
    const d = createDecipheriv('aes-256-cbc', keys.cipherKey, keys.iv);
    d.setAutoPadding(false);
    plain = Buffer.concat([d.update(plain), d.final()]);
  }
  const mac = ppkMac(
    layout.version,
    keys.macKey,
    layout.algorithm,
    layout.encryption,
    layout.comment,
    layout.publicBlob,
    plain,
  );
  const params = parsePrivateBlob(publicKey, plain, source);
  if (!timingSafeEqual(mac, layout.mac)) {
    if (encrypted && params === null)
      throw keyError(keyErrorCodes.wrongPassphrase, source, 'the passphrase is wrong.');
    throw keyError(
      keyErrorCodes.macMismatch,
      source,
      'the file failed its integrity check (MAC): it was modified or damaged after it was saved.',
    );
  }
  if (params === null)
    throw keyError(
      keyErrorCodes.malformed,
      source,
      'the private key data does not have the layout its key type needs.',
    );
  return makePrivateKey(params, layout.comment, source, layout.publicBlob);
}

function privateBlobOf(params: PrivateParams): Buffer {
  const w = new SshWriter();
  if (params.type === 'rsa') w.mpint(params.d).mpint(params.p).mpint(params.q).mpint(params.iqmp);
  else if (params.type === 'ed25519') w.string(params.seed);
  else w.mpint(params.d);
  return w.toBuffer();
}

/**
 * Starts the Argon2 derivation of an encrypted PPK v3 output before its key is at hand: it depends
 * only on the passphrase, the settings and a fresh salt, and runs on libuv's thread pool, so a
 * caller can read and decode the key meanwhile (puttygen takes ~100 ms for its defaults, most of
 * what a single encrypted conversion waits for). Throws as encodePpk would for bad settings.
 */
export function startPpk3Derivation(
  passphrase: string,
  options: Argon2Options | undefined,
  signal?: AbortSignal,
  source?: string,
): Ppk3Derivation {
  const argon2 = resolveArgon2(options);
  const keys = derivePpk3Keys(passphrase, argon2, signal, source);
  // Observed here too: a caller that fails before encoding (an unreadable input) never awaits it.
  keys.catch(() => undefined);
  return { passphrase, argon2, keys };
}

export interface PpkWriteOptions {
  version: 2 | 3;
  comment: string;
  passphrase?: string;
  argon2?: Argon2Options;
  /** Where the key came from, for the error a comment with a line break gets. */
  source?: string;
  /** Cancels the Argon2 derivation of an encrypted v3 file (`keys.cancelled`). */
  signal?: AbortSignal;
  /** From startPpk3Derivation with this very passphrase: used instead of deriving here (v3 only). */
  derivation?: Ppk3Derivation;
}

/** Validates caller-chosen Argon2 settings against the same limits the reader enforces. */
export function resolveArgon2(opts: Argon2Options = {}): PpkArgon2 {
  const a = { ...PPK3_DEFAULTS, ...opts };
  const bad = (what: string) => keyError(keyErrorCodes.badOption, undefined, `Argon2 ${what}.`);
  if (
    !Number.isInteger(a.memoryKiB) ||
    a.memoryKiB < 8 * a.parallelism ||
    a.memoryKiB > PPK_LIMITS.maxMemoryKiB
  )
    throw bad(`memory must be 8×parallelism…${PPK_LIMITS.maxMemoryKiB} KiB`);
  if (!Number.isInteger(a.passes) || a.passes < 1 || a.passes > PPK_LIMITS.maxPasses)
    throw bad(`passes must be 1…${PPK_LIMITS.maxPasses}`);
  if (a.memoryKiB * a.passes > PPK_LIMITS.maxMemoryTimesPasses)
    throw bad(`memory × passes must be at most ${PPK_LIMITS.maxMemoryTimesPasses} (KiB × passes)`);
  if (!Number.isInteger(a.parallelism) || a.parallelism < 1 || a.parallelism > PPK_LIMITS.maxParallelism)
    throw bad(`parallelism must be 1…${PPK_LIMITS.maxParallelism}`);
  const salt = Buffer.from(opts.salt ?? randomBytes(16));
  if (salt.length < 8 || salt.length > 64) throw bad('salt must be 8–64 bytes');
  return { flavour: a.flavour, memoryKiB: a.memoryKiB, passes: a.passes, parallelism: a.parallelism, salt };
}

const kdfNames = { argon2id: 'Argon2id', argon2i: 'Argon2i', argon2d: 'Argon2d' } as const;

/**
 * Writes PPK exactly as puttygen 0.78: LF endings, 64-column base64, padding = SHA-1 prefix of the
 * plaintext blob (so unencrypted v2/v3 and encrypted v2 are byte-identical to puttygen's output).
 */
export async function encodePpk(key: PrivateKey, opts: PpkWriteOptions): Promise<string> {
  if (/[\r\n]/.test(opts.comment))
    throw keyError(
      keyErrorCodes.badOption,
      opts.source,
      `its comment ${describeInput(opts.comment.replace(/[\r\n]+/g, ' '))} has a line break, which a PuTTY key file cannot hold; give another comment (Comment field, or --comment in the CLI).`,
      { reason: 'commentLineBreak' },
    );
  const encrypted = Boolean(opts.passphrase);
  const encryption = encrypted ? 'aes256-cbc' : 'none';
  let plain = privateBlobOf(key.params);
  if (encrypted) {
    const padLen = (16 - (plain.length % 16)) % 16;
    plain = Buffer.concat([plain, createHash('sha1').update(plain).digest().subarray(0, padLen)]);
  }
  // A derivation started for another passphrase is never used (it would make an unreadable file).
  const early =
    opts.version === 3 && encrypted && opts.derivation?.passphrase === opts.passphrase
      ? opts.derivation
      : undefined;
  const argon2 = opts.version === 3 && encrypted ? (early?.argon2 ?? resolveArgon2(opts.argon2)) : undefined;
  const keys =
    opts.version === 3
      ? await (early?.keys ?? derivePpk3Keys(opts.passphrase ?? '', argon2, opts.signal, opts.source))
      : derivePpk2Keys(opts.passphrase ?? '');
  let stored = plain;
  if (encrypted) {
    const c = createCipheriv('aes-256-cbc', keys.cipherKey, keys.iv);
    c.setAutoPadding(false);
    stored = Buffer.concat([c.update(plain), c.final()]);
  }
  const mac = ppkMac(
    opts.version,
    keys.macKey,
    key.sshType,
    encryption,
    opts.comment,
    key.publicKey.blob,
    plain,
  );
  const pubLines = wrapBase64(key.publicKey.blob, 64);
  const privLines = wrapBase64(stored, 64);
  const lines = [
    `PuTTY-User-Key-File-${opts.version}: ${key.sshType}`,
    `Encryption: ${encryption}`,
    `Comment: ${opts.comment}`,
    `Public-Lines: ${pubLines.length}`,
    ...pubLines,
    ...(argon2
      ? [
          `Key-Derivation: ${kdfNames[argon2.flavour]}`,
          `Argon2-Memory: ${argon2.memoryKiB}`,
          `Argon2-Passes: ${argon2.passes}`,
          `Argon2-Parallelism: ${argon2.parallelism}`,
          `Argon2-Salt: ${argon2.salt.toString('hex')}`,
        ]
      : []),
    `Private-Lines: ${privLines.length}`,
    ...privLines,
    `Private-MAC: ${mac.toString('hex')}`,
  ];
  return `${lines.join('\n')}\n`;
}
