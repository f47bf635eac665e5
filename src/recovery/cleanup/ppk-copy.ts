import { promises as fs } from 'node:fs';
import { isAppError } from '../../ipc/app-error';
import { decodePrivateKey, encodePrivateKey, parsePublicKey } from '../../keys';
import type { KeyFileCaller, KeyFiles } from '../../keys/key-files';

export interface PpkCopyInput {
  /** Where the copy goes (never over an existing file unless `overwrite`). */
  path: string;
  /** The new key as PreparedNewKey holds it (unencrypted OpenSSH text, in memory). */
  privateKeyOpenSsh: string;
  /** Its public line; the copy carries the same comment, so PuTTY shows the same name. */
  publicKeyLine: string;
  /** Protects the copy (PPK v3 Argon2id); the new key's own passphrase, when it has one. */
  passphrase?: string;
  overwrite?: boolean;
  caller: KeyFileCaller;
  signal?: AbortSignal;
}

export interface PpkCopyResult {
  path: string;
  /** `alreadyPresent`: the file holds this key already (a repeat after a crash); nothing written. */
  status: 'written' | 'alreadyPresent';
}

/** Whether `path` already holds the key: decoded in full (MAC, halves), with the copy's passphrase. */
async function holdsKey(path: string, blob: Buffer, passphrase: string | undefined): Promise<boolean> {
  const text = await fs.readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  try {
    const key = await decodePrivateKey(text, { source: path, ...(passphrase ? { passphrase } : {}) });
    return key.publicKey.blob.equals(blob);
  } catch (error) {
    if (isAppError(error)) return false;
    throw error;
  }
}

/**
 * A PuTTY-ready PPK v3 copy of the new private key (PuTTY 0.75+, WinSCP, FileZilla), written by
 * KeyFiles like every key file: the window's path checked by the guard, 0600, atomic, no-clobber,
 * remembered as a local key. A repeat finds its own file instead of failing on "exists".
 */
export async function writePpkCopy(keyFiles: KeyFiles, input: PpkCopyInput): Promise<PpkCopyResult> {
  const key = await decodePrivateKey(input.privateKeyOpenSsh, { source: 'the new key' });
  const publicKey = parsePublicKey(input.publicKeyLine, 'The new public key');
  if (!publicKey.blob.equals(key.publicKey.blob))
    throw new Error('writePpkCopy: the public line is not the private key’s (a programming error).');
  if (!input.overwrite && (await holdsKey(input.path, key.publicKey.blob, input.passphrase)))
    return { path: input.path, status: 'alreadyPresent' };
  const options = { overwrite: input.overwrite ?? false, caller: input.caller };
  await keyFiles.checkTarget(input.path, options);
  const text = await encodePrivateKey(key, {
    format: 'ppk3',
    comment: publicKey.comment ?? key.comment,
    ...(input.passphrase ? { passphrase: input.passphrase } : {}),
    source: input.path,
    ...(input.signal ? { signal: input.signal } : {}),
  });
  await keyFiles.writePrivateKey(input.path, text, options);
  return { path: input.path, status: 'written' };
}
