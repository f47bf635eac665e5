import { isAppError } from '../ipc/app-error';
import { detectContainer } from './detect';
import { keyErrorCodes } from './key-errors';
import { publicKeyFromBlob, publicBlobOf } from './key-model';
import type { KeyInspection, KeyType } from './key-types';
import { toKeyText } from './key-text';
import { opensshPlainComment, readOpensshContainer } from './openssh-private';
import { isPemEncrypted, plainPemParams, privatePemLabels } from './pem-keys';
import { inspectPpk } from './ppk';
import { parsePublicKey } from './public-key';

/**
 * Tells what a key file is without a passphrase: format, whether it is encrypted, type and size.
 * The public half a private key file stores in clear (PPK, OpenSSH) is not returned: nothing
 * vouches for it until the whole file is decoded (`readVerifiedPublicKey`), and a tampered file's
 * public half is exactly what an attacker would want imported, printed or matched.
 */
export function inspectKey(data: Uint8Array | string, opts: { source?: string } = {}): KeyInspection {
  const source = opts.source;
  const text = toKeyText(data, source);
  const detected = detectContainer(text, source);
  switch (detected.container) {
    case 'ppk': {
      const { layout, publicKey } = inspectPpk(text, source);
      return {
        kind: 'private',
        format: layout.version === 3 ? 'ppk3' : 'ppk2',
        encrypted: layout.encryption !== 'none',
        type: publicKey.type,
        bits: publicKey.bits,
        comment: layout.comment,
      };
    }
    case 'openssh': {
      const container = readOpensshContainer(detected.block, source);
      const comment = opensshPlainComment(container, source);
      const publicKey = container.publicKey;
      return {
        kind: 'private',
        format: 'openssh',
        encrypted: container.cipher !== 'none',
        type: publicKey.type,
        bits: publicKey.bits,
        ...(comment !== undefined ? { comment } : {}),
      };
    }
    case 'pem': {
      const block = detected.block;
      const format = privatePemLabels[block.label] ?? 'pkcs1';
      if (isPemEncrypted(block)) {
        const type: KeyType | undefined =
          block.label === 'RSA PRIVATE KEY' ? 'rsa' : block.label === 'EC PRIVATE KEY' ? 'ecdsa' : undefined;
        return { kind: 'private', format, encrypted: true, ...(type ? { type } : {}) };
      }
      const params = plainPemParams(block, source);
      const publicKey = publicKeyFromBlob(publicBlobOf(params), undefined, source);
      return { kind: 'private', format, encrypted: false, type: publicKey.type, bits: publicKey.bits };
    }
    case 'public': {
      const publicKey = parsePublicKey(text, source);
      const format = text.includes('---- BEGIN SSH2 PUBLIC KEY')
        ? 'rfc4716'
        : text.includes('-----BEGIN PUBLIC KEY')
          ? 'spki'
          : text.includes('-----BEGIN RSA PUBLIC KEY')
            ? 'pkcs1-public'
            : 'openssh-public';
      return {
        kind: 'public',
        format,
        encrypted: false,
        type: publicKey.type,
        bits: publicKey.bits,
        ...(publicKey.comment !== undefined ? { comment: publicKey.comment } : {}),
        publicKey,
      };
    }
  }
}

/** True for errors that mean "this is not a usable private key", as opposed to I/O or bugs. */
export function isKeyFormatError(error: unknown): boolean {
  return isAppError(error) && Object.values(keyErrorCodes).includes(error.code as never);
}
