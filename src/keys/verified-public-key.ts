import { decodePrivateKey } from './codec';
import { inspectKey } from './inspect';
import type { KeyInspection, PrivateKey, PublicKey } from './key-types';
import { toKeyText } from './key-text';
import { parsePublicKey } from './public-key';

export interface VerifiedPublicKey {
  publicKey: PublicKey;
  /** The key's comment ('' when it has none). */
  comment: string;
  /** The decoded private key, when the input was one (for the AWS "created" fingerprint). */
  privateKey?: PrivateKey;
  inspection: KeyInspection;
}

/**
 * The public half of a key file, trusted only once the file proves it. A private key file is
 * decoded in full, as convert does: the PPK MAC is checked and the stored public half must be the
 * one the private half derives, so a tampered file never yields the attacker's public key. An
 * encrypted file therefore needs its passphrase (`keys.passphraseRequired` without one). Every path
 * that imports, prints, fingerprints or matches a public key taken from a private key file calls this.
 */
export async function readVerifiedPublicKey(
  data: Uint8Array | string,
  opts: { source?: string; passphrase?: string; signal?: AbortSignal } = {},
): Promise<VerifiedPublicKey> {
  const inspection = inspectKey(data, opts.source ? { source: opts.source } : {});
  if (inspection.kind === 'public') {
    const publicKey = parsePublicKey(toKeyText(data, opts.source), opts.source);
    return { publicKey, comment: publicKey.comment ?? '', inspection };
  }
  const privateKey = await decodePrivateKey(data, {
    ...(opts.source ? { source: opts.source } : {}),
    ...(opts.passphrase ? { passphrase: opts.passphrase } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return {
    publicKey: { ...privateKey.publicKey, comment: privateKey.comment },
    comment: privateKey.comment,
    privateKey,
    inspection,
  };
}
