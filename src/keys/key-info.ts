import type { KeyInfo } from '../ipc/contracts/keys';
import { decodePrivateKey } from './codec';
import { computeFingerprints } from './fingerprints';
import { inspectKey } from './inspect';
import type { LoadedKey } from './key-source';
import { publicKeyToOpenSSH } from './public-key';

/**
 * Metadata for the UI and the CLI: inspection plus fingerprints. A private key is decoded when
 * that is possible (unencrypted, or a passphrase was given) so the comment of an encrypted
 * OpenSSH key and the AWS "created" fingerprint (which needs the private half) are included.
 */
export async function describeKey(
  loaded: LoadedKey,
  passphrase?: string,
  signal?: AbortSignal,
): Promise<KeyInfo> {
  const insp = inspectKey(loaded.data, { source: loaded.label });
  const info: KeyInfo = {
    source: loaded.label,
    kind: insp.kind,
    format: insp.format,
    encrypted: insp.encrypted,
    ...(insp.type ? { type: insp.type } : {}),
    ...(insp.bits ? { bits: insp.bits } : {}),
    ...(insp.comment !== undefined ? { comment: insp.comment } : {}),
  };
  const decodable = insp.kind === 'private' && (!insp.encrypted || Boolean(passphrase));
  // A key that is decoded below gets these from its verified private half instead.
  if (insp.publicKey && !decodable) {
    info.publicKey = publicKeyToOpenSSH(insp.publicKey, insp.comment ?? '');
    info.fingerprints = computeFingerprints(insp.publicKey);
  }
  if (decodable) {
    const key = await decodePrivateKey(loaded.data, {
      source: loaded.label,
      ...(passphrase ? { passphrase } : {}),
      ...(signal ? { signal } : {}),
    });
    const comment = insp.comment ?? key.comment;
    Object.assign(info, {
      type: key.type,
      bits: key.bits,
      publicKey: publicKeyToOpenSSH(key, comment),
      fingerprints: computeFingerprints(key),
    });
    if (comment) info.comment = comment;
  }
  return info;
}
