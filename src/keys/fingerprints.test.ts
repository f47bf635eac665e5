import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  computeFingerprints,
  decodePrivateKey,
  parsePublicKey,
  publicKeyToOpenSSH,
  publicKeyToRfc4716,
} from './index';
import { makePeerDir, peer, sshKeygen, type PeerDir } from './test-support/peers';

/** Fingerprints against ssh-keygen, puttygen and the AWS-documented openssl pipelines. */
let d: PeerDir;

/** `SHA1(stdin)= 74:fd:…` → `74:fd:…` (OpenSSL 3 and 1.1 print different prefixes). */
function afterEquals(out: string): string {
  return out.trim().split('= ').pop()!;
}

function pipe(cmd: string): string {
  return peer('sh', ['-c', cmd]);
}

beforeAll(() => {
  d = makePeerDir();
  sshKeygen(d, 'rsa', 'rsa', 2048, 'rsa-test');
  sshKeygen(d, 'ed', 'ed25519', undefined, 'ed-test');
  sshKeygen(d, 'ec', 'ecdsa', 521, 'ec-test');
  peer('puttygen', [d.path('rsa'), '-O', 'private-openssh', '-o', d.path('rsa.pem')]);
});
afterAll(() => d.cleanup());

describe('fingerprints', () => {
  for (const name of ['rsa', 'ed', 'ec']) {
    it(`${name}: SHA256 and MD5 equal ssh-keygen -l and puttygen -l`, async () => {
      const key = await decodePrivateKey(d.readBytes(name));
      const f = computeFingerprints(key);
      expect(peer('ssh-keygen', ['-l', '-E', 'sha256', '-f', d.path(name)]).split(' ')[1]).toBe(f.sha256);
      expect(peer('ssh-keygen', ['-l', '-E', 'md5', '-f', d.path(name)]).split(' ')[1]).toBe(f.md5);
      expect(
        peer('puttygen', ['-l', '-E', 'sha256', d.path(name)])
          .trim()
          .split(' ')[2],
      ).toBe(f.sha256);
      // puttygen prints MD5 without the "MD5:" prefix.
      expect(
        `MD5:${
          peer('puttygen', ['-l', '-E', 'md5', d.path(name)])
            .trim()
            .split(' ')[2]
        }`,
      ).toBe(f.md5);
      // The public key alone gives the same values (no AWS "created" value: that needs the private key).
      const pub = computeFingerprints(parsePublicKey(d.read(`${name}.pub`)));
      expect(pub).toEqual({ sha256: f.sha256, md5: f.md5, awsImported: f.awsImported });
    });
  }

  it('RSA: AWS created = SHA-1 of PKCS#8 DER; imported = MD5 of SPKI DER (≠ ssh-keygen MD5)', async () => {
    const f = computeFingerprints(await decodePrivateKey(d.readBytes('rsa.pem')));
    const created = afterEquals(
      pipe(
        `openssl pkcs8 -in '${d.path('rsa.pem')}' -inform PEM -outform DER -topk8 -nocrypt | openssl sha1 -c`,
      ),
    );
    const imported = afterEquals(
      pipe(`openssl pkey -in '${d.path('rsa.pem')}' -pubout -outform DER | openssl md5 -c`),
    );
    const fromPub = afterEquals(
      pipe(
        `ssh-keygen -e -m PKCS8 -f '${d.path('rsa.pub')}' | openssl pkey -pubin -outform DER | openssl md5 -c`,
      ),
    );
    expect(f.awsCreated).toBe(created);
    expect(f.awsCreated).toHaveLength(59);
    expect(f.awsImported).toBe(imported);
    expect(f.awsImported).toBe(fromPub);
    expect(f.awsImported).toHaveLength(47);
    expect(`MD5:${f.awsImported}`).not.toBe(f.md5);
    // Same values when the key comes back from a PPK (d, p, q, iqmp only; dp/dq recomputed).
    peer('puttygen', [d.path('rsa.pem'), '-O', 'private', '-o', d.path('rsa.ppk')]);
    expect(computeFingerprints(await decodePrivateKey(d.readBytes('rsa.ppk')))).toEqual(f);
  });

  it('Ed25519: AWS value is base64 SHA-256 of the blob with "=", same digest as ssh-keygen', async () => {
    const f = computeFingerprints(await decodePrivateKey(d.readBytes('ed')));
    const aws = pipe(
      `ssh-keygen -y -f '${d.path('ed')}' | awk '{print $2}' | base64 -d | openssl dgst -sha256 -binary | base64`,
    ).trim();
    expect(f.awsImported).toBe(aws);
    expect(f.awsImported).toHaveLength(44);
    expect(f.awsImported.endsWith('=')).toBe(true);
    expect(f.awsCreated).toBeUndefined();
    expect(`SHA256:${f.awsImported.replace(/=$/, '')}`).toBe(f.sha256);
  });
});

describe('public keys', () => {
  it('OpenSSH lines equal ssh-keygen -y; RFC 4716 equals puttygen -p; all parse back', async () => {
    for (const name of ['rsa', 'ed', 'ec']) {
      const key = await decodePrivateKey(d.readBytes(name));
      const line = publicKeyToOpenSSH(key);
      expect(`${line}\n`).toBe(d.read(`${name}.pub`));
      d.write(`${name}.ours.pub`, `${line}\n`);
      expect(peer('ssh-keygen', ['-l', '-f', d.path(`${name}.ours.pub`)]).split(' ')[1]).toBe(
        computeFingerprints(key).sha256,
      );
      peer('puttygen', [d.path(name), '-p', '-o', d.path(`${name}.rfc`)]);
      expect(publicKeyToRfc4716(key)).toBe(d.read(`${name}.rfc`));
      for (const text of [line, d.read(`${name}.rfc`), d.read(`${name}.rfc`).replace(/\n/g, '\r\n')]) {
        const pub = parsePublicKey(text);
        expect(pub.blob.equals(key.publicKey.blob)).toBe(true);
        expect(pub.comment).toBe(key.comment);
      }
    }
  });

  it('reads SPKI and PKCS#1 PEM, base64 DER (RSA) and ssh-keygen -e RFC 4716', async () => {
    const key = await decodePrivateKey(d.readBytes('rsa'));
    const spki = peer('ssh-keygen', ['-e', '-m', 'PKCS8', '-f', d.path('rsa.pub')]);
    const pkcs1 = peer('ssh-keygen', ['-e', '-m', 'PEM', '-f', d.path('rsa.pub')]);
    const rfc = peer('ssh-keygen', ['-e', '-f', d.path('rsa.pub')]);
    const der = spki
      .split('\n')
      .filter((l) => !l.startsWith('-----'))
      .join('');
    for (const text of [spki, pkcs1, rfc, der]) {
      expect(parsePublicKey(text).blob.equals(key.publicKey.blob)).toBe(true);
    }
  });
});
