import { keyError, keyErrorCodes } from './key-errors';
import { decodeBase64Strict } from './key-text';
import type { Argon2Flavour } from './key-types';

/** Argon2 parameters as stored in a PPK v3 file. */
export interface PpkArgon2 {
  flavour: Argon2Flavour;
  memoryKiB: number;
  passes: number;
  parallelism: number;
  salt: Buffer;
}

/** The outer (text) layout of a PPK file, before any decryption. */
export interface PpkLayout {
  version: 2 | 3;
  algorithm: string;
  encryption: 'none' | 'aes256-cbc';
  comment: string;
  publicBlob: Buffer;
  argon2?: PpkArgon2;
  privateBlob: Buffer;
  mac: Buffer;
}

/**
 * Hostile files must not make us allocate or compute without bound. puttygen writes Argon2id with
 * 8192 KiB, parallelism 1 and as many passes as take 100 ms (13–30 here); its options have no upper
 * limit, so these leave wide room for hand-tuned keys: 256 MiB, 16 lanes, and memory × passes ≤
 * 2^23 KiB (8 GiB hashed, a few seconds; puttygen's default is ~0.1 GiB). 1 GiB × 1000 passes took 5 min.
 */
export const PPK_LIMITS = {
  maxLines: 4096,
  maxMemoryKiB: 256 * 1024,
  maxPasses: 1000,
  maxParallelism: 16,
  maxMemoryTimesPasses: 2 ** 23,
};

const flavours: Record<string, Argon2Flavour> = {
  Argon2id: 'argon2id',
  Argon2i: 'argon2i',
  Argon2d: 'argon2d',
};

/** Parses the PPK header lines strictly (PuTTY's order), with an error naming the bad line. */
export function parsePpkLayout(text: string, source?: string): PpkLayout {
  const lines = text.split('\n');
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  let i = 0;
  const malformed = (what: string) =>
    keyError(keyErrorCodes.malformed, source, `the PuTTY key file is malformed: ${what}.`);
  const header = (name: string): string => {
    const line = lines[i];
    if (line === undefined)
      throw keyError(
        keyErrorCodes.truncated,
        source,
        `the PuTTY key file ends before its "${name}" line (it is cut off).`,
      );
    const prefix = `${name}: `;
    if (!line.startsWith(prefix)) throw malformed(`expected a "${name}" line at line ${i + 1}`);
    i++;
    return line.slice(prefix.length);
  };
  const count = (name: string): number => {
    const value = header(name);
    if (!/^\d{1,6}$/.test(value)) throw malformed(`"${name}" is not a number`);
    const n = Number(value);
    if (n < 1 || n > PPK_LIMITS.maxLines) throw malformed(`"${name}: ${n}" is out of range`);
    if (i + n > lines.length)
      throw keyError(
        keyErrorCodes.truncated,
        source,
        `"${name}" says ${n} lines but the file has fewer (it is cut off or was edited).`,
      );
    return n;
  };
  const first = lines[0] ?? '';
  const m = /^PuTTY-User-Key-File-(\d+): (.*)$/.exec(first);
  if (!m) throw malformed('the first line is not "PuTTY-User-Key-File-N: type"');
  const version = Number(m[1]);
  if (version !== 2 && version !== 3) {
    throw keyError(
      keyErrorCodes.unrecognized,
      source,
      `PuTTY key format version ${m[1]!.slice(0, 6)} is not supported (versions 2 and 3 are; version 1 keys come from PuTTY before 0.52).`,
    );
  }
  i = 1;
  const algorithm = m[2]!;
  const encryption = header('Encryption');
  if (encryption !== 'none' && encryption !== 'aes256-cbc') {
    throw keyError(
      keyErrorCodes.unsupportedCipher,
      source,
      `the PuTTY key uses encryption "${encryption.slice(0, 40)}", which is not supported (none, aes256-cbc).`,
    );
  }
  const comment = header('Comment');
  const publicLines = count('Public-Lines');
  const publicBlob = decodeBase64Strict(lines.slice(i, i + publicLines).join(''), source, 'public key data');
  i += publicLines;
  let argon2: PpkArgon2 | undefined;
  if (version === 3 && encryption !== 'none') {
    const kdf = header('Key-Derivation');
    const flavour = flavours[kdf];
    if (!flavour)
      throw keyError(
        keyErrorCodes.unsupportedKdf,
        source,
        `the key derivation "${kdf.slice(0, 40)}" is not supported (Argon2id, Argon2i, Argon2d are).`,
      );
    const num = (name: string, max: number, min = 1) => {
      const value = header(name);
      if (!/^\d{1,10}$/.test(value)) throw malformed(`"${name}" is not a number`);
      const n = Number(value);
      if (n < min || n > max)
        throw keyError(
          keyErrorCodes.kdfLimits,
          source,
          `"${name}: ${n}" is outside the range this app accepts (${min}–${max}); refusing to run it.`,
          { parameter: name, bound: max },
        );
      return n;
    };
    const memoryKiB = num('Argon2-Memory', PPK_LIMITS.maxMemoryKiB, 8);
    const passes = num('Argon2-Passes', PPK_LIMITS.maxPasses);
    const parallelism = num('Argon2-Parallelism', PPK_LIMITS.maxParallelism);
    if (memoryKiB < 8 * parallelism)
      throw keyError(
        keyErrorCodes.kdfLimits,
        source,
        'Argon2-Memory must be at least 8 × Argon2-Parallelism.',
      );
    if (memoryKiB * passes > PPK_LIMITS.maxMemoryTimesPasses)
      throw keyError(
        keyErrorCodes.kdfLimits,
        source,
        `Argon2-Memory × Argon2-Passes is ${memoryKiB} × ${passes}, above the ${PPK_LIMITS.maxMemoryTimesPasses} (KiB × passes) this app accepts; puttygen's defaults are 8192 × about 13–30. Refusing to run it.`,
        { parameter: 'Argon2-Memory × Argon2-Passes', bound: PPK_LIMITS.maxMemoryTimesPasses },
      );
    const saltHex = header('Argon2-Salt');
    if (!/^([0-9a-fA-F]{2}){8,64}$/.test(saltHex)) throw malformed('"Argon2-Salt" is not 8–64 bytes of hex');
    argon2 = { flavour, memoryKiB, passes, parallelism, salt: Buffer.from(saltHex, 'hex') };
  }
  const privateLines = count('Private-Lines');
  const privateBlob = decodeBase64Strict(
    lines.slice(i, i + privateLines).join(''),
    source,
    'private key data',
  );
  i += privateLines;
  const macHex = header('Private-MAC');
  const macLen = version === 3 ? 64 : 40;
  if (macHex.length !== macLen || !/^[0-9a-fA-F]+$/.test(macHex))
    throw malformed(`"Private-MAC" is not ${macLen} hex digits`);
  if (i !== lines.length) throw malformed(`unexpected text after the "Private-MAC" line`);
  return {
    version,
    algorithm,
    encryption,
    comment,
    publicBlob,
    ...(argon2 ? { argon2 } : {}),
    privateBlob,
    mac: Buffer.from(macHex, 'hex'),
  };
}
