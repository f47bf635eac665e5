import { apiError } from './api-error';
import {
  createdFingerprint,
  ec2PemPrivateKey,
  generateSandboxKey,
  importedFingerprint,
  parseImportablePublicKey,
  ppkV2PrivateKey,
  publicLine,
} from './sandbox-keys';

/** A key pair EC2 created: the private key is returned once and then forgotten. */
export interface CreatedKeyMaterial {
  keyMaterial: string;
  publicKeyLine: string;
  fingerprint: string;
}

/** A public key EC2 imported. */
export interface ImportedKeyMaterial {
  keyType: 'rsa' | 'ed25519';
  publicKeyLine: string;
  fingerprint: string;
}

/**
 * CreateKeyPair: a new RSA-2048 or Ed25519 key (sandbox-keys.ts, not the app's src/keys), its private key as EC2 hands
 * it out (`pem`: PKCS#1 for RSA, OpenSSH for Ed25519; `ppk`: a real PuTTY v2 file) and EC2's
 * fingerprint for created keys (RSA: SHA-1 of PKCS#8 DER; Ed25519: base64 SHA-256).
 */
export async function createKeyMaterial(
  type: 'rsa' | 'ed25519',
  format: 'pem' | 'ppk',
  keyName: string,
): Promise<CreatedKeyMaterial> {
  const key = generateSandboxKey(type, keyName);
  return {
    keyMaterial: format === 'ppk' ? ppkV2PrivateKey(key) : ec2PemPrivateKey(key),
    publicKeyLine: publicLine(key.publicBlob),
    fingerprint: createdFingerprint(key),
  };
}

/**
 * ImportKeyPair: accepts what EC2 accepts (OpenSSH line for RSA and Ed25519; for RSA also RFC 4716
 * and base64 DER) and returns EC2's imported-key fingerprint; anything else is InvalidKey.Format.
 */
export function importPublicKeyMaterial(bytes: Uint8Array): ImportedKeyMaterial {
  const key = parseImportablePublicKey(Buffer.from(bytes).toString('utf8'));
  if (!key) throw apiError('InvalidKey.Format', 'Key is not in valid OpenSSH public key format');
  if (key.type === 'rsa' && ![1024, 2048, 3072, 4096].includes(key.bits)) {
    throw apiError(
      'InvalidKey.Format',
      `Invalid RSA key length ${key.bits}. Valid lengths are 1024 to 4096 bits.`,
    );
  }
  return {
    keyType: key.type,
    publicKeyLine: publicLine(key.publicBlob),
    fingerprint: importedFingerprint(key),
  };
}
