import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import type { cipher as ForgeCipher } from 'node-forge';
import { keyError, keyErrorCodes } from './key-errors';

/**
 * OpenSSL "traditional" PEM encryption (Proc-Type: 4,ENCRYPTED + DEK-Info). Done by hand because
 * Electron's BoringSSL cannot decrypt these through `createPrivateKey` for every cipher: AES via
 * Node's AES, DES/3DES via node-forge. Key = EVP_BytesToKey(MD5, passphrase, IV[0..8], 1 round).
 */
const ciphers: Record<string, { keyLen: number; ivLen: number; impl: 'node' | 'forge'; name: string }> = {
  'AES-128-CBC': { keyLen: 16, ivLen: 16, impl: 'node', name: 'aes-128-cbc' },
  'AES-192-CBC': { keyLen: 24, ivLen: 16, impl: 'node', name: 'aes-192-cbc' },
  'AES-256-CBC': { keyLen: 32, ivLen: 16, impl: 'node', name: 'aes-256-cbc' },
  'DES-EDE3-CBC': { keyLen: 24, ivLen: 8, impl: 'forge', name: '3DES-CBC' },
  'DES-CBC': { keyLen: 8, ivLen: 8, impl: 'forge', name: 'DES-CBC' },
};

function evpBytesToKey(passphrase: Buffer, salt: Buffer, keyLen: number): Buffer {
  const out: Buffer[] = [];
  let prev = Buffer.alloc(0);
  let total = 0;
  while (total < keyLen) {
    prev = createHash('md5')
      .update(Buffer.concat([prev, passphrase, salt]))
      .digest();
    out.push(prev);
    total += prev.length;
  }
  return Buffer.concat(out).subarray(0, keyLen);
}

function parseDekInfo(dekInfo: string, source?: string) {
  const [name = '', ivHex = ''] = dekInfo.split(',').map((s) => s.trim());
  const cipher = ciphers[name.toUpperCase()];
  if (!cipher) {
    throw keyError(
      keyErrorCodes.unsupportedCipher,
      source,
      `the PEM is encrypted with "${name.slice(0, 40)}", which is not supported (AES-128/192/256-CBC, DES-EDE3-CBC are).`,
    );
  }
  if (!/^[0-9a-fA-F]+$/.test(ivHex) || ivHex.length !== cipher.ivLen * 2) {
    throw keyError(keyErrorCodes.malformed, source, 'the DEK-Info header has a malformed IV.');
  }
  return { cipher, iv: Buffer.from(ivHex, 'hex') };
}

/** Decrypts a legacy PEM body; a padding failure means a wrong passphrase. */
export async function decryptLegacyPem(
  body: Buffer,
  dekInfo: string,
  passphrase: string,
  source?: string,
): Promise<Buffer> {
  const { cipher, iv } = parseDekInfo(dekInfo, source);
  if (body.length === 0 || body.length % cipher.ivLen !== 0) {
    throw keyError(
      keyErrorCodes.malformed,
      source,
      'the encrypted PEM body has an impossible length (damaged file).',
    );
  }
  const key = evpBytesToKey(Buffer.from(passphrase, 'utf8'), iv.subarray(0, 8), cipher.keyLen);
  const wrong = () => keyError(keyErrorCodes.wrongPassphrase, source, 'the passphrase is wrong.');
  if (cipher.impl === 'node') {
    try {
      const d = createDecipheriv(cipher.name, key, iv);
      return Buffer.concat([d.update(body), d.final()]);
    } catch {
      throw wrong();
    }
  }
  // Loaded only for DES keys: node-forge is large and almost every key is AES or unencrypted.
  const { default: forge } = await import('node-forge');
  const d = forge.cipher.createDecipher(
    cipher.name as ForgeCipher.Algorithm,
    forge.util.createBuffer(key.toString('binary')),
  );
  d.start({ iv: forge.util.createBuffer(iv.toString('binary')) });
  d.update(forge.util.createBuffer(body.toString('binary')));
  if (!d.finish()) throw wrong();
  return Buffer.from(d.output.getBytes(), 'binary');
}

/** Encrypts DER as legacy PEM with AES-128-CBC, the strongest cipher puttygen still reads. */
export function encryptLegacyPem(
  der: Buffer,
  passphrase: string,
  iv: Buffer,
): { body: Buffer; dekInfo: string } {
  const key = evpBytesToKey(Buffer.from(passphrase, 'utf8'), iv.subarray(0, 8), 16);
  const c = createCipheriv('aes-128-cbc', key, iv);
  return {
    body: Buffer.concat([c.update(der), c.final()]),
    dekInfo: `AES-128-CBC,${iv.toString('hex').toUpperCase()}`,
  };
}
