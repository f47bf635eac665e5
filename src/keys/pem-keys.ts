import { createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { keyError, keyErrorCodes } from './key-errors';
import {
  dsaError,
  makePrivateKey,
  paramsFromKeyObject,
  privateKeyFromKeyObject,
  toKeyObject,
} from './key-model';
import type { PrivateKey, PrivateKeyFormat, PrivateParams, RsaParams } from './key-types';
import { decryptLegacyPem, encryptLegacyPem } from './legacy-pem-cipher';
import { encodePem, type PemBlock } from './pem-armor';
import { parseRsaPrivateKeyDer, rsaPrivateKeyFromPkcs8Der } from './rsa-der';
import { runKdfJob } from './kdf-worker';
import { checkPkcs8KdfLimits } from './pkcs8-kdf-limits';

/** PEM labels that hold private keys Node can read, mapped to their format. */
export const privatePemLabels: Record<string, Exclude<PrivateKeyFormat, 'ppk2' | 'ppk3' | 'openssh'>> = {
  'RSA PRIVATE KEY': 'pkcs1',
  'EC PRIVATE KEY': 'sec1',
  'PRIVATE KEY': 'pkcs8',
  'ENCRYPTED PRIVATE KEY': 'pkcs8',
};

export function isLegacyEncrypted(block: PemBlock): boolean {
  return (block.headers.get('Proc-Type') ?? '').replace(/\s/g, '').toUpperCase() === '4,ENCRYPTED';
}

export function isPemEncrypted(block: PemBlock): boolean {
  return block.label === 'ENCRYPTED PRIVATE KEY' || isLegacyEncrypted(block);
}

function derType(label: string): 'pkcs1' | 'sec1' | 'pkcs8' {
  return label === 'RSA PRIVATE KEY' ? 'pkcs1' : label === 'EC PRIVATE KEY' ? 'sec1' : 'pkcs8';
}

/** Reads an unencrypted PEM private key without a passphrase (for inspection). */
export function readPlainPemKeyObject(block: PemBlock, source?: string): KeyObject {
  if (block.label === 'DSA PRIVATE KEY') throw dsaError(source);
  try {
    return createPrivateKey({ key: block.body, format: 'der', type: derType(block.label) });
  } catch {
    throw keyError(
      keyErrorCodes.malformed,
      source,
      `the ${block.label} block does not hold a valid key (damaged file).`,
    );
  }
}

/**
 * An RSA key read straight from its DER (PKCS#1, or unencrypted PKCS#8), several times faster than
 * OpenSSL's decoder plus a JWK export; `undefined` for every other key or anything unusual, which
 * OpenSSL then reads (or refuses) as before. The halves are checked like any other key's.
 */
function fastRsaParams(label: string, der: Buffer): RsaParams | null {
  return label === 'RSA PRIVATE KEY'
    ? parseRsaPrivateKeyDer(der)
    : label === 'PRIVATE KEY'
      ? rsaPrivateKeyFromPkcs8Der(der)
      : null;
}

function fastRsaKey(label: string, der: Buffer, source?: string): PrivateKey | undefined {
  const params = fastRsaParams(label, der);
  return params ? makePrivateKey(params, '', source) : undefined;
}

/**
 * The parameters of an unencrypted PEM private key, unchecked (for inspection: type and size). An
 * RSA key is read from its DER by hand (OpenSSL's decoder costs ~0.2 ms a key); others by OpenSSL.
 */
export function plainPemParams(block: PemBlock, source?: string): PrivateParams {
  return (
    fastRsaParams(block.label, block.body) ??
    paramsFromKeyObject(readPlainPemKeyObject(block, source), source)
  );
}

/** Decodes PKCS#1, SEC1 or PKCS#8 PEM, plain or encrypted (legacy DEK-Info or PKCS#8 PBES2). */
export async function decodePemPrivateKey(
  block: PemBlock,
  passphrase: string | undefined,
  source?: string,
  signal?: AbortSignal,
): Promise<PrivateKey> {
  if (block.label === 'DSA PRIVATE KEY') throw dsaError(source);
  let obj: KeyObject;
  if (isPemEncrypted(block)) {
    if (!passphrase)
      throw keyError(
        keyErrorCodes.passphraseRequired,
        source,
        'the key is encrypted; a passphrase is needed.',
      );
    if (block.label === 'ENCRYPTED PRIVATE KEY') {
      checkPkcs8KdfLimits(block.body, source);
      // OpenSSL derives the key synchronously: on a worker thread, so the main thread runs on.
      const reply = await runKdfJob({ op: 'pkcs8', der: block.body, passphrase }, signal, source);
      try {
        if (!reply.ok) throw new Error(reply.reason);
        obj = createPrivateKey({ key: Buffer.from(reply.bytes), format: 'der', type: 'pkcs8' });
      } catch {
        throw keyError(
          keyErrorCodes.wrongPassphrase,
          source,
          'the passphrase is wrong (or the encrypted PKCS#8 key uses an unsupported cipher).',
        );
      }
    } else {
      const der = await decryptLegacyPem(block.body, block.headers.get('DEK-Info') ?? '', passphrase, source);
      const fast = fastRsaKey(block.label, der, source);
      if (fast) return fast;
      try {
        obj = createPrivateKey({ key: der, format: 'der', type: derType(block.label) });
      } catch {
        throw keyError(keyErrorCodes.wrongPassphrase, source, 'the passphrase is wrong.');
      }
    }
  } else {
    const fast = fastRsaKey(block.label, block.body, source);
    if (fast) return fast;
    obj = readPlainPemKeyObject(block, source);
  }
  return privateKeyFromKeyObject(obj, '', source);
}

/** True when a PEM block is a public key (SPKI or PKCS#1). */
export function isPublicPemLabel(label: string): boolean {
  return label === 'PUBLIC KEY' || label === 'RSA PUBLIC KEY';
}

export function publicKeyObjectFromPem(block: PemBlock, source?: string): KeyObject {
  try {
    return createPublicKey({
      key: block.body,
      format: 'der',
      type: block.label === 'PUBLIC KEY' ? 'spki' : 'pkcs1',
    });
  } catch {
    throw keyError(
      keyErrorCodes.malformed,
      source,
      `the ${block.label} block does not hold a valid public key.`,
    );
  }
}

/**
 * PKCS#1 (RSA) or SEC1 (ECDSA) PEM. Unencrypted output is byte-identical to `puttygen -O
 * private-openssh`; with a passphrase it uses AES-128-CBC, which puttygen, OpenSSH and OpenSSL read.
 */
export function encodeTraditionalPem(
  key: PrivateKey,
  passphrase?: string,
  iv: Buffer = randomBytes(16),
): string {
  const obj = toKeyObject(key);
  const type = key.type === 'rsa' ? 'pkcs1' : 'sec1';
  const label = key.type === 'rsa' ? 'RSA PRIVATE KEY' : 'EC PRIVATE KEY';
  const der = obj.export({ type, format: 'der' });
  if (!passphrase) return encodePem(label, der);
  const { body, dekInfo } = encryptLegacyPem(der, passphrase, iv);
  return encodePem(label, body, [
    ['Proc-Type', '4,ENCRYPTED'],
    ['DEK-Info', dekInfo],
  ]);
}

/** PKCS#8 PEM; encrypted as PBES2 (PBKDF2 + AES-256-CBC) when a passphrase is given. */
export function encodePkcs8Pem(key: PrivateKey, passphrase?: string): string {
  const obj = toKeyObject(key);
  const pem = passphrase
    ? obj.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase })
    : obj.export({ type: 'pkcs8', format: 'pem' });
  return pem.toString();
}
