import { createHash } from 'node:crypto';
import type { PrivateKey, PublicKey } from './key-types';
import { rsaPkcs8Der, rsaSpkiDer } from './rsa-der';
import { SshReader } from './ssh-wire';

/** Fingerprints in the forms ssh-keygen, puttygen and the AWS console print. */
export interface KeyFingerprints {
  /** `SHA256:` + unpadded base64 of SHA-256(public blob), as `ssh-keygen -l`. */
  sha256: string;
  /** `MD5:aa:bb:…` of the public blob, as `ssh-keygen -l -E md5`. */
  md5: string;
  /**
   * What EC2 shows for an *imported* key pair: RSA → MD5 of the SPKI DER, colon-hex; Ed25519 (and
   * ECDSA, which EC2 does not accept) → base64 SHA-256 of the public blob with `=` padding.
   */
  awsImported: string;
  /** What EC2 shows for an RSA key pair it *created*: SHA-1 of the PKCS#8 DER. Private RSA keys only. */
  awsCreated?: string;
}

function colonHex(digest: Buffer): string {
  const hex = digest.toString('hex');
  const pairs: string[] = [];
  for (let i = 0; i < hex.length; i += 2) pairs.push(hex.slice(i, i + 2));
  return pairs.join(':');
}

/** The SPKI DER of an RSA public key, from its SSH blob (`ssh-rsa`, e, n). */
function rsaSpki(pub: PublicKey): Buffer {
  const r = new SshReader(pub.blob);
  r.text();
  const e = r.mpint();
  return rsaSpkiDer(r.mpint(), e);
}

/** All fingerprints of a key; `awsCreated` needs the private half, so it is absent for public keys. */
export function computeFingerprints(key: PublicKey | PrivateKey): KeyFingerprints {
  const pub = key.kind === 'private' ? key.publicKey : key;
  const sha = createHash('sha256').update(pub.blob).digest();
  const result: KeyFingerprints = {
    sha256: `SHA256:${sha.toString('base64').replace(/=+$/, '')}`,
    md5: `MD5:${colonHex(createHash('md5').update(pub.blob).digest())}`,
    awsImported:
      pub.type === 'rsa' ? colonHex(createHash('md5').update(rsaSpki(pub)).digest()) : sha.toString('base64'),
  };
  if (key.kind === 'private' && key.params.type === 'rsa')
    result.awsCreated = colonHex(createHash('sha1').update(rsaPkcs8Der(key.params)).digest());
  return result;
}
