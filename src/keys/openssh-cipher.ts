import { createCipheriv, createDecipheriv } from 'node:crypto';
import { runKdfJob } from './kdf-worker';
import { keyError, keyErrorCodes } from './key-errors';

/** Ciphers OpenSSH uses for `openssh-key-v1` private keys (chacha20-poly1305 is refused by name). */
export const opensshCiphers: Record<
  string,
  { node: string; keyLen: number; ivLen: number; blockSize: number; tagLen: number }
> = {
  'aes128-ctr': { node: 'aes-128-ctr', keyLen: 16, ivLen: 16, blockSize: 16, tagLen: 0 },
  'aes192-ctr': { node: 'aes-192-ctr', keyLen: 24, ivLen: 16, blockSize: 16, tagLen: 0 },
  'aes256-ctr': { node: 'aes-256-ctr', keyLen: 32, ivLen: 16, blockSize: 16, tagLen: 0 },
  'aes128-cbc': { node: 'aes-128-cbc', keyLen: 16, ivLen: 16, blockSize: 16, tagLen: 0 },
  'aes192-cbc': { node: 'aes-192-cbc', keyLen: 24, ivLen: 16, blockSize: 16, tagLen: 0 },
  'aes256-cbc': { node: 'aes-256-cbc', keyLen: 32, ivLen: 16, blockSize: 16, tagLen: 0 },
  'aes128-gcm@openssh.com': { node: 'aes-128-gcm', keyLen: 16, ivLen: 12, blockSize: 16, tagLen: 16 },
  'aes256-gcm@openssh.com': { node: 'aes-256-gcm', keyLen: 32, ivLen: 12, blockSize: 16, tagLen: 16 },
};

/**
 * ssh-keygen writes 16 rounds by default (`-a`); hardening guides advise 64–100, and the most seen
 * in the wild is a few hundred. 256 rounds take about 3 s here in pure JS (on a worker thread, and
 * cancellable); 1000 took 11 s, which no real key needs.
 */
export const MAX_BCRYPT_ROUNDS = 256;

export function cipherSpec(name: string, source?: string) {
  const spec = opensshCiphers[name];
  if (!spec) {
    throw keyError(
      keyErrorCodes.unsupportedCipher,
      source,
      `the OpenSSH key is encrypted with "${name.slice(0, 60)}", which is not supported (aes128/192/256-ctr, -cbc, aes*-gcm@openssh.com are). Re-encrypt it with ssh-keygen -p first.`,
    );
  }
  return spec;
}

/** bcrypt-pbkdf as OpenSSH uses it: the output is key ‖ IV. Runs on a worker thread (pure JS, slow). */
export async function bcryptKdf(
  passphrase: string,
  salt: Uint8Array,
  rounds: number,
  length: number,
  source?: string,
  signal?: AbortSignal,
): Promise<Buffer> {
  if (rounds < 1 || rounds > MAX_BCRYPT_ROUNDS)
    throw keyError(
      keyErrorCodes.kdfLimits,
      source,
      `the key asks for ${rounds} bcrypt rounds; this app accepts 1–${MAX_BCRYPT_ROUNDS} (ssh-keygen writes 16). Refusing to run it.`,
      { parameter: 'bcrypt rounds', value: rounds, bound: MAX_BCRYPT_ROUNDS },
    );
  if (salt.length < 1 || salt.length > 1024)
    throw keyError(
      keyErrorCodes.kdfLimits,
      source,
      `the bcrypt salt is ${salt.length} bytes; this app accepts 1–1024 (ssh-keygen writes 16).`,
      { parameter: 'bcrypt salt', value: salt.length, bound: 1024 },
    );
  const pass = Buffer.from(passphrase, 'utf8');
  const reply = await runKdfJob({ op: 'bcrypt', pass, salt, rounds, length }, signal, source);
  if (!reply.ok)
    throw keyError(keyErrorCodes.kdfLimits, source, 'the bcrypt key derivation rejected its settings.');
  return Buffer.from(reply.bytes);
}

/** Decrypts the private section; for GCM a failed tag means a wrong passphrase. */
export function decryptSection(
  cipherName: string,
  keyIv: Buffer,
  data: Buffer,
  tag: Buffer | undefined,
  source?: string,
): Buffer {
  const spec = cipherSpec(cipherName, source);
  const key = keyIv.subarray(0, spec.keyLen);
  const iv = keyIv.subarray(spec.keyLen, spec.keyLen + spec.ivLen);
  const d = createDecipheriv(spec.node, key, iv);
  if (spec.tagLen) (d as unknown as { setAuthTag(t: Buffer): void }).setAuthTag(tag!);
  else d.setAutoPadding(false);
  try {
    return Buffer.concat([d.update(data), d.final()]);
  } catch {
    throw keyError(keyErrorCodes.wrongPassphrase, source, 'the passphrase is wrong.');
  }
}

export function encryptSection(cipherName: string, keyIv: Buffer, data: Buffer): Buffer {
  const spec = opensshCiphers[cipherName]!;
  const c = createCipheriv(
    spec.node,
    keyIv.subarray(0, spec.keyLen),
    keyIv.subarray(spec.keyLen, spec.keyLen + spec.ivLen),
  );
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}
