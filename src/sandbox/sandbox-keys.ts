/**
 * The sandbox's own key handling, with node:crypto and ssh2's parser only. It must never use the
 * app's src/keys: the sandbox is the peer the app is tested against, so a bug there would be
 * mirrored here instead of caught (src/sandbox/independence.test.ts enforces this).
 */
import { createHash, createHmac, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { utils, type ParsedKey } from 'ssh2';

export type SandboxKeyType = 'rsa' | 'ed25519';

/** A key the sandbox generated: the OpenSSH private file, and the public half as EC2 keeps it. */
export interface SandboxPrivateKey {
  type: SandboxKeyType;
  comment: string;
  opensshPrivate: string;
  privateKey: KeyObject;
  publicBlob: Buffer;
}

/** A public key EC2 accepted. */
export interface SandboxPublicKey {
  type: SandboxKeyType;
  bits: number;
  publicBlob: Buffer;
}

const sshTypes: Record<string, SandboxKeyType> = { 'ssh-rsa': 'rsa', 'ssh-ed25519': 'ed25519' };

function parsed(text: string | Buffer): ParsedKey | undefined {
  const result = utils.parseKey(text);
  const key = Array.isArray(result) ? result[0] : result;
  return key instanceof Error || !key ? undefined : key;
}

export function generateSandboxKey(type: SandboxKeyType, comment: string): SandboxPrivateKey {
  // ssh2 now and then writes an RSA key its own parser refuses; a fresh key is as good as any.
  for (let attempt = 1; ; attempt++) {
    const pair = utils.generateKeyPairSync(type, type === 'rsa' ? { bits: 2048, comment } : { comment });
    const key = parsed(pair.private);
    if (key) return fromGenerated(type, comment, pair.private, key);
    if (attempt >= 10) throw new Error('ssh2 could not read the keys it generated');
  }
}

function fromGenerated(
  type: SandboxKeyType,
  comment: string,
  opensshPrivate: string,
  key: ParsedKey,
): SandboxPrivateKey {
  return {
    type,
    comment,
    opensshPrivate,
    privateKey: createPrivateKey(key.getPrivatePEM()),
    publicBlob: key.getPublicSSH(),
  };
}

/** `ssh-ed25519 AAAA…` without a comment, as EC2 stores and returns public keys. */
export function publicLine(blob: Buffer): string {
  const type = blob.subarray(4, 4 + blob.readUInt32BE(0)).toString('latin1');
  return `${type} ${blob.toString('base64')}`;
}

function colonHex(digest: Buffer): string {
  return digest.toString('hex').replace(/(..)(?!$)/g, '$1:');
}

function sshString(data: Buffer | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function mpint(base64url: string): Buffer {
  let bytes = Buffer.from(base64url, 'base64url');
  while (bytes.length > 1 && bytes[0] === 0 && (bytes[1] ?? 0) < 0x80) bytes = bytes.subarray(1);
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return sshString(bytes);
}

function rsaPublicKeyObject(blob: Buffer): KeyObject {
  const key = parsed(publicLine(blob));
  if (!key) throw new Error('not an RSA public key');
  return createPublicKey(key.getPublicPEM());
}

/** EC2's fingerprint of a key it imported: RSA MD5 of the SPKI DER; Ed25519 base64 SHA-256 of the blob. */
export function importedFingerprint(key: SandboxPublicKey): string {
  if (key.type === 'ed25519') return createHash('sha256').update(key.publicBlob).digest('base64');
  const der = rsaPublicKeyObject(key.publicBlob).export({ type: 'spki', format: 'der' });
  return colonHex(createHash('md5').update(der).digest());
}

/** EC2's fingerprint of a key it created: RSA SHA-1 of the PKCS#8 DER; Ed25519 as imported. */
export function createdFingerprint(key: SandboxPrivateKey): string {
  if (key.type === 'ed25519')
    return importedFingerprint({ type: 'ed25519', bits: 256, publicBlob: key.publicBlob });
  return colonHex(
    createHash('sha1')
      .update(key.privateKey.export({ type: 'pkcs8', format: 'der' }))
      .digest(),
  );
}

/** The private key as EC2's CreateKeyPair returns it for `pem`: PKCS#1 for RSA, OpenSSH for Ed25519. */
export function ec2PemPrivateKey(key: SandboxPrivateKey): string {
  return key.type === 'rsa'
    ? String(key.privateKey.export({ type: 'pkcs1', format: 'pem' }))
    : key.opensshPrivate;
}

/** An unencrypted PuTTY v2 file, as EC2 returns for `ppk` (written here from the PuTTY format spec). */
export function ppkV2PrivateKey(key: SandboxPrivateKey): string {
  const jwk = key.privateKey.export({ format: 'jwk' });
  const algorithm = key.type === 'rsa' ? 'ssh-rsa' : 'ssh-ed25519';
  const privateBlob =
    key.type === 'rsa'
      ? Buffer.concat([mpint(jwk.d ?? ''), mpint(jwk.p ?? ''), mpint(jwk.q ?? ''), mpint(jwk.qi ?? '')])
      : sshString(Buffer.from(jwk.d ?? '', 'base64url'));
  const macKey = createHash('sha1').update('putty-private-key-file-mac-key').digest();
  const mac = createHmac('sha1', macKey)
    .update(
      Buffer.concat([
        sshString(algorithm),
        sshString('none'),
        sshString(key.comment),
        sshString(key.publicBlob),
        sshString(privateBlob),
      ]),
    )
    .digest('hex');
  const lines = (data: Buffer) => data.toString('base64').match(/.{1,64}/g) ?? [];
  const pub = lines(key.publicBlob);
  const priv = lines(privateBlob);
  return [
    `PuTTY-User-Key-File-2: ${algorithm}`,
    'Encryption: none',
    `Comment: ${key.comment}`,
    `Public-Lines: ${pub.length}`,
    ...pub,
    `Private-Lines: ${priv.length}`,
    ...priv,
    `Private-MAC: ${mac}`,
    '',
  ].join('\n');
}

/** base64 DER (SPKI or PKCS#1) of an RSA key, which EC2 also imports. */
function rsaFromDer(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  const der = Buffer.from(compact, 'base64');
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      const jwk = createPublicKey({ key: der, format: 'der', type }).export({ format: 'jwk' });
      if (jwk.kty !== 'RSA') return undefined;
      return Buffer.concat([sshString('ssh-rsa'), mpint(jwk.e ?? ''), mpint(jwk.n ?? '')]);
    } catch {
      // try the next DER layout
    }
  }
  return undefined;
}

/**
 * A public key in a format EC2 imports (OpenSSH line, RFC 4716; RSA also as base64 DER), RSA or
 * Ed25519 only; undefined for anything else, private keys included.
 */
export function parseImportablePublicKey(text: string): SandboxPublicKey | undefined {
  const key = parsed(text.trim());
  let blob: Buffer | undefined;
  if (key) {
    if (key.isPrivateKey()) return undefined;
    blob = key.getPublicSSH();
  } else {
    blob = rsaFromDer(text);
  }
  if (!blob || blob.length < 4) return undefined;
  const type = sshTypes[blob.subarray(4, 4 + blob.readUInt32BE(0)).toString('latin1')];
  if (!type) return undefined;
  if (type === 'ed25519') return { type, bits: 256, publicBlob: blob };
  const bits = rsaPublicKeyObject(blob).asymmetricKeyDetails?.modulusLength ?? 0;
  return { type, bits, publicBlob: blob };
}
