import { isAppError } from '../ipc/app-error';
import { detectContainer } from './detect';
import { keyError, keyErrorCodes } from './key-errors';
import type { EncodeOptions, PrivateKey } from './key-types';
import { toKeyText } from './key-text';
import { decodeOpensshPrivateKey, encodeOpensshPrivateKey } from './openssh-private';
import { decodePemPrivateKey, encodePkcs8Pem, encodeTraditionalPem } from './pem-keys';
import { decodePpk, encodePpk } from './ppk';

export interface DecodeOptions {
  passphrase?: string;
  /** File path or "pasted text"; named in every error message. */
  source?: string;
  /** Cancels a slow key derivation (`keys.cancelled`). */
  signal?: AbortSignal;
}

/** Decodes any supported private key (PEM PKCS#1/PKCS#8/SEC1, OpenSSH, PPK v2/v3). */
export async function decodePrivateKey(
  data: Uint8Array | string,
  opts: DecodeOptions = {},
): Promise<PrivateKey> {
  const { source, passphrase, signal } = opts;
  const text = toKeyText(data, source);
  const detected = detectContainer(text, source);
  switch (detected.container) {
    case 'ppk':
      return decodePpk(text, passphrase, source, signal);
    case 'openssh':
      return decodeOpensshPrivateKey(detected.block, passphrase, source, signal);
    case 'pem':
      return decodePemPrivateKey(detected.block, passphrase, source, signal);
    case 'public':
      if (/-cert-v0\d@openssh\.com\s/.test(text)) {
        throw keyError(
          keyErrorCodes.certificate,
          source,
          'this is an SSH certificate, not a private key; convert the private key it was issued for instead.',
        );
      }
      throw keyError(
        keyErrorCodes.publicNotPrivate,
        source,
        'this is a public key, not a private key. Converting needs the private key file.',
      );
  }
}

/**
 * Decodes a key and tells whether it was encrypted, so a conversion can keep its protection. It
 * first tries without the passphrase: every reader refuses an encrypted key with
 * `keys.passphraseRequired` before any key derivation, so this costs one cheap container parse.
 */
export async function decodePrivateKeyNotingEncryption(
  data: Uint8Array | string,
  opts: DecodeOptions = {},
): Promise<{ key: PrivateKey; encrypted: boolean }> {
  const { passphrase, ...rest } = opts;
  try {
    return { key: await decodePrivateKey(data, rest), encrypted: false };
  } catch (error) {
    if (!passphrase || !isAppError(error) || error.code !== keyErrorCodes.passphraseRequired) throw error;
  }
  return { key: await decodePrivateKey(data, { ...rest, passphrase }), encrypted: true };
}

/** The format `pem` really produces for a key: PKCS#1 for RSA, SEC1 for ECDSA, OpenSSH for Ed25519. */
export function effectivePemFormat(key: PrivateKey): 'pkcs1' | 'sec1' | 'openssh' {
  return key.type === 'rsa' ? 'pkcs1' : key.type === 'ecdsa' ? 'sec1' : 'openssh';
}

const kdfAbort = (opts: EncodeOptions) => ({
  ...(opts.signal ? { signal: opts.signal } : {}),
  ...(opts.source ? { source: opts.source } : {}),
});

/** Encodes a private key in any output format; text always uses LF and ends with LF. */
export async function encodePrivateKey(key: PrivateKey, opts: EncodeOptions): Promise<string> {
  const comment = opts.comment ?? key.comment;
  const passphrase = opts.passphrase || undefined;
  switch (opts.format) {
    case 'ppk3':
    case 'ppk2':
      return encodePpk(key, {
        version: opts.format === 'ppk3' ? 3 : 2,
        comment,
        ...(passphrase ? { passphrase } : {}),
        ...(opts.argon2 ? { argon2: opts.argon2 } : {}),
        ...(opts.source ? { source: opts.source } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.ppk3Derivation ? { derivation: opts.ppk3Derivation } : {}),
      });
    case 'openssh':
      return encodeOpensshPrivateKey(key, {
        comment,
        ...(passphrase ? { passphrase } : {}),
        ...kdfAbort(opts),
      });
    case 'pem':
      // Ed25519 has no traditional PEM form; puttygen's "private-openssh" writes OpenSSH for it too.
      if (key.type === 'ed25519')
        return encodeOpensshPrivateKey(key, {
          comment,
          ...(passphrase ? { passphrase } : {}),
          ...kdfAbort(opts),
        });
      return encodeTraditionalPem(key, passphrase);
    case 'pkcs8':
      return encodePkcs8Pem(key, passphrase);
  }
}
