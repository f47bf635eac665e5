import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import { keyError, keyErrorCodes } from './key-errors';
import { privateKeyFromKeyObject } from './key-model';
import type { PrivateKey } from './key-types';

const generateKeyPairAsync = promisify(generateKeyPair);

export const GENERATE_RSA_BITS = [2048, 3072, 4096] as const;

export interface GenerateOptions {
  type: 'rsa' | 'ed25519';
  /** RSA only: 2048, 3072 or 4096; 2048 by default, the size EC2 creates. */
  bits?: number;
  comment?: string;
}

/** Generates a key with Node's crypto (OpenSSL/BoringSSL), off the main thread. */
export async function generatePrivateKey(opts: GenerateOptions): Promise<PrivateKey> {
  const comment = opts.comment ?? '';
  if (opts.type === 'ed25519') {
    const { privateKey } = await generateKeyPairAsync('ed25519');
    return privateKeyFromKeyObject(privateKey, comment);
  }
  const bits = opts.bits ?? 2048;
  if (!(GENERATE_RSA_BITS as readonly number[]).includes(bits)) {
    throw keyError(
      keyErrorCodes.badOption,
      undefined,
      `RSA keys can be generated with 2048, 3072 or 4096 bits, not ${bits}.`,
      { bits },
    );
  }
  const { privateKey } = await generateKeyPairAsync('rsa', { modulusLength: bits, publicExponent: 65537 });
  return privateKeyFromKeyObject(privateKey, comment);
}
