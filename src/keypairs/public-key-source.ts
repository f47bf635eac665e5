import { promises as fs } from 'node:fs';
import { inspectKey, keyErrorCodes, parsePublicKey, readVerifiedPublicKey, type PublicKey } from '../keys';
import { AppError } from '../ipc/app-error';
import type { PublicKeySource } from '../ipc/contracts/keypairs';
import { keyPairErrorCodes } from './keypair-errors';
import { fsAppError } from '../fs/fs-errors';

const maxFileBytes = 256 * 1024;
const specificKeyErrors = new Set<string>([
  keyErrorCodes.dsa,
  keyErrorCodes.certificate,
  keyErrorCodes.rsaSize,
  keyErrorCodes.rsaExponent,
  keyErrorCodes.unsupportedKeyType,
  keyErrorCodes.multipleKeys,
]);

/**
 * The public key to import, from pasted text or a file: an OpenSSH line, RFC 4716, a PEM public
 * key, base64 DER (RSA), or the public half of a private key file, verified as convert verifies it
 * (an encrypted one needs its passphrase).
 */
export async function resolvePublicKey(
  source: PublicKeySource,
  passphrase?: string,
): Promise<{ publicKey: PublicKey; fromPrivateKey: boolean }> {
  let data: Buffer | string;
  let label: string;
  if (source.kind === 'file') {
    label = source.path;
    const stat = await fs.stat(source.path).catch((error: unknown) => {
      // Missing is "no such public key file"; a link loop, a NUL or a long name say what they are.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw fsAppError(error, source.path, 'read');
    });
    if (!stat?.isFile())
      throw new AppError(
        keyPairErrorCodes.publicKeyFileMissing,
        `${source.path} does not exist or is not a file.`,
        {
          path: source.path,
        },
      );
    if (stat.size > maxFileBytes)
      throw new AppError(
        keyPairErrorCodes.publicKeyNotRecognized,
        `${source.path} is too large to be a key file.`,
        {
          path: source.path,
        },
      );
    data = await fs.readFile(source.path).catch((error: unknown) => {
      throw fsAppError(error, source.path, 'read');
    });
  } else {
    label = 'the pasted text';
    data = source.text;
  }
  const inspection = (() => {
    try {
      return inspectKey(data, { source: label });
    } catch {
      return undefined;
    }
  })();
  if (inspection?.kind === 'private') {
    // The public half is taken only from a fully verified file (MAC, matching halves), never from
    // the clear part an attacker could have swapped; so an encrypted file needs its passphrase.
    if (inspection.encrypted && !passphrase) {
      throw new AppError(
        keyPairErrorCodes.passphraseNeeded,
        `${label} is an encrypted private key; its public part can be trusted only after its passphrase opens it.`,
        { path: label },
      );
    }
    const { publicKey } = await readVerifiedPublicKey(data, {
      source: label,
      ...(passphrase ? { passphrase } : {}),
    });
    return { publicKey, fromPrivateKey: true };
  }
  try {
    return {
      publicKey: parsePublicKey(typeof data === 'string' ? data : data.toString('utf8')),
      fromPrivateKey: false,
    };
  } catch (error) {
    // A specific refusal (DSA, certificates, odd RSA sizes) says more than "not recognised".
    if (error instanceof AppError && specificKeyErrors.has(error.code)) throw error;
    throw new AppError(
      keyPairErrorCodes.publicKeyNotRecognized,
      `${label} is not a public key KeyRescue can read. Use an OpenSSH line (ssh-rsa AAAA… / ssh-ed25519 AAAA…), an RFC 4716 block, a PEM public key or a private key file.`,
      source.kind === 'file' ? { path: source.path } : {},
    );
  }
}

/** AWS imports RSA and Ed25519 only; say so before calling it. */
export function assertImportable(publicKey: PublicKey, label: string): void {
  if (publicKey.type !== 'rsa' && publicKey.type !== 'ed25519') {
    throw new AppError(
      keyPairErrorCodes.typeUnsupported,
      `${label} is an ${publicKey.sshType} key; EC2 accepts only RSA and Ed25519 key pairs.`,
      { type: publicKey.sshType },
    );
  }
  if (publicKey.type === 'rsa' && publicKey.bits < 1024) {
    throw new AppError(
      keyPairErrorCodes.typeUnsupported,
      `${label} is a ${publicKey.bits}-bit RSA key; EC2 needs at least 1024 bits (2048 or more is advised).`,
      {
        type: 'rsa',
        bits: publicKey.bits,
      },
    );
  }
}
