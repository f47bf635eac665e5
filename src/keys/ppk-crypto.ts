import { createHash, createHmac } from 'node:crypto';
import { argon2 } from './argon2';
import { cancelledError } from './kdf-worker';
import type { PpkArgon2 } from './ppk-layout';
import { SshWriter } from './ssh-wire';

/** AES key, IV and MAC key for a PPK file (PuTTY manual, appendix C). */
export interface PpkKeys {
  cipherKey: Buffer;
  iv: Buffer;
  macKey: Buffer;
}

/** v3: Argon2 → 80 bytes = AES key ‖ IV ‖ MAC key; no passphrase → empty MAC key, no cipher. */
export async function derivePpk3Keys(
  passphrase: string,
  params: PpkArgon2 | undefined,
  signal?: AbortSignal,
  source?: string,
): Promise<PpkKeys> {
  if (!passphrase || !params)
    return { cipherKey: Buffer.alloc(0), iv: Buffer.alloc(0), macKey: Buffer.alloc(0) };
  if (signal?.aborted) throw cancelledError(source);
  const derivation = argon2({ ...params, password: Buffer.from(passphrase, 'utf8'), length: 80 }, signal);
  // WASM Argon2 runs on the KDF worker, which an abort terminates. Native Argon2 runs on libuv's
  // pool and cannot be stopped midway; a cancel answers at once and
  // the (bounded) computation finishes unobserved.
  const out = signal
    ? await new Promise<Buffer>((resolve, reject) => {
        const onAbort = () => reject(cancelledError(source));
        signal.addEventListener('abort', onAbort, { once: true });
        derivation.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      })
    : await derivation;
  return { cipherKey: out.subarray(0, 32), iv: out.subarray(32, 48), macKey: out.subarray(48, 80) };
}

/** v2: SHA-1 based key, zero IV, SHA-1("putty-private-key-file-mac-key" ‖ passphrase) MAC key. */
export function derivePpk2Keys(passphrase: string): PpkKeys {
  const pass = Buffer.from(passphrase, 'utf8');
  const h = (n: number) =>
    createHash('sha1')
      .update(Buffer.from([0, 0, 0, n]))
      .update(pass)
      .digest();
  return {
    cipherKey: Buffer.concat([h(0), h(1)]).subarray(0, 32),
    iv: Buffer.alloc(16),
    macKey: createHash('sha1').update('putty-private-key-file-mac-key').update(pass).digest(),
  };
}

/** The MAC over algorithm, encryption, comment, public blob and padded plaintext private blob. */
export function ppkMac(
  version: 2 | 3,
  macKey: Buffer,
  algorithm: string,
  encryption: string,
  comment: string,
  publicBlob: Buffer,
  privatePlain: Buffer,
): Buffer {
  const data = new SshWriter()
    .string(algorithm)
    .string(encryption)
    .string(comment)
    .string(publicBlob)
    .string(privatePlain)
    .toBuffer();
  return createHmac(version === 3 ? 'sha256' : 'sha1', macKey)
    .update(data)
    .digest();
}
