import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodePrivateKey,
  encodePrivateKey,
  inspectKey,
  keyErrorCodes,
  parsePublicKey,
  type PrivateKey,
} from './index';
import { makePeerDir, peer, sshKeygen, type PeerDir } from './test-support/peers';

/** Inputs puttygen cannot read (PKCS#8, AES-192/256 PEM) and every OpenSSH cipher, checked with openssl / ssh-keygen. */
let d: PeerDir;
let rsa: PrivateKey;
let ec: PrivateKey;
let ed: PrivateKey;
const PASS = 'correct horse';

async function load(file: string, passphrase?: string): Promise<PrivateKey> {
  return decodePrivateKey(d.readBytes(file), { source: d.path(file), ...(passphrase ? { passphrase } : {}) });
}

beforeAll(async () => {
  d = makePeerDir();
  sshKeygen(d, 'rsa', 'rsa', 2048, 'rsa-test');
  sshKeygen(d, 'ec', 'ecdsa', 256, 'ec-test');
  sshKeygen(d, 'ed', 'ed25519', undefined, 'ed-test');
  peer('puttygen', [d.path('rsa'), '-O', 'private-openssh', '-o', d.path('rsa.pem')]);
  peer('puttygen', [d.path('ec'), '-O', 'private-openssh', '-o', d.path('ec.pem')]);
  peer('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', d.path('ed.p8')]);
  rsa = await load('rsa');
  ec = await load('ec');
  ed = await load('ed');
});
afterAll(() => d.cleanup());

describe('PEM inputs (openssl as the peer)', () => {
  it('PKCS#8 RSA/EC/Ed25519, plain and PBES2-encrypted', async () => {
    for (const [name, key] of [
      ['rsa', rsa],
      ['ec', ec],
    ] as const) {
      peer('openssl', [
        'pkcs8',
        '-topk8',
        '-nocrypt',
        '-in',
        d.path(`${name}.pem`),
        '-out',
        d.path(`${name}.p8`),
      ]);
      peer('openssl', [
        'pkcs8',
        '-topk8',
        '-v2',
        'aes-256-cbc',
        '-passout',
        `pass:${PASS}`,
        '-in',
        d.path(`${name}.pem`),
        '-out',
        d.path(`${name}.p8e`),
      ]);
      expect((await load(`${name}.p8`)).params).toEqual(key.params);
      expect((await load(`${name}.p8e`, PASS)).params).toEqual(key.params);
      expect(inspectKey(d.readBytes(`${name}.p8e`))).toEqual({
        kind: 'private',
        format: 'pkcs8',
        encrypted: true,
      });
      await expect(load(`${name}.p8e`, 'nope')).rejects.toMatchObject({
        code: keyErrorCodes.wrongPassphrase,
      });
      await expect(load(`${name}.p8e`)).rejects.toMatchObject({ code: keyErrorCodes.passphraseRequired });
    }
    const edKey = await load('ed.p8');
    // openssl's public half of the same file, read back through our SPKI parser, is the same key.
    const pub = parsePublicKey(peer('openssl', ['pkey', '-in', d.path('ed.p8'), '-pubout']));
    expect(edKey.type).toBe('ed25519');
    expect(pub.blob.equals(edKey.publicKey.blob)).toBe(true);
  });

  it('legacy encrypted PKCS#1 and SEC1: AES-128/192/256-CBC and DES-EDE3-CBC', async () => {
    for (const cipher of ['aes128', 'aes192', 'aes256', 'des3']) {
      peer('openssl', [
        'rsa',
        '-traditional',
        `-${cipher}`,
        '-passout',
        `pass:${PASS}`,
        '-in',
        d.path('rsa.pem'),
        '-out',
        d.path(`rsa.${cipher}.pem`),
      ]);
      peer('openssl', [
        'ec',
        `-${cipher}`,
        '-passout',
        `pass:${PASS}`,
        '-in',
        d.path('ec.pem'),
        '-out',
        d.path(`ec.${cipher}.pem`),
      ]);
      expect(d.read(`rsa.${cipher}.pem`)).toContain('DEK-Info: ');
      expect((await load(`rsa.${cipher}.pem`, PASS)).params).toEqual(rsa.params);
      expect((await load(`ec.${cipher}.pem`, PASS)).params).toEqual(ec.params);
      expect(inspectKey(d.readBytes(`rsa.${cipher}.pem`))).toEqual({
        kind: 'private',
        format: 'pkcs1',
        encrypted: true,
        type: 'rsa',
      });
      await expect(load(`rsa.${cipher}.pem`, 'wrong horse')).rejects.toMatchObject({
        code: keyErrorCodes.wrongPassphrase,
      });
    }
  });

  it('our encrypted PEM (AES-128-CBC) and PKCS#8 (PBES2) are read by openssl and puttygen', async () => {
    d.write('out.pem', await encodePrivateKey(rsa, { format: 'pem', passphrase: PASS }));
    d.write('out.p8', await encodePrivateKey(ec, { format: 'pkcs8', passphrase: PASS }));
    d.write('plain.pem', await encodePrivateKey(rsa, { format: 'pem' }));
    d.write('pass', `${PASS}\n`);
    expect(
      peer('openssl', ['rsa', '-in', d.path('out.pem'), '-passin', `pass:${PASS}`, '-traditional']),
    ).toBe(d.read('plain.pem'));
    expect(peer('openssl', ['pkey', '-in', d.path('out.p8'), '-passin', `pass:${PASS}`])).toBe(
      await encodePrivateKey(ec, { format: 'pkcs8' }),
    );
    expect(
      peer('puttygen', [d.path('out.pem'), '--old-passphrase', d.path('pass'), '-L'])
        .split(' ')
        .slice(0, 2),
    ).toEqual(
      peer('puttygen', [d.path('rsa'), '-L'])
        .split(' ')
        .slice(0, 2),
    );
  });

  it('Ed25519 "pem" is written in OpenSSH format (it has no traditional PEM), like puttygen', async () => {
    const out = await encodePrivateKey(ed, { format: 'pem' });
    expect(out.startsWith('-----BEGIN OPENSSH PRIVATE KEY-----\n')).toBe(true);
    d.write('ed.out', out);
    expect(peer('ssh-keygen', ['-y', '-f', d.path('ed.out')]).trim()).toBe(d.read('ed.pub').trim());
  });
});

describe('OpenSSH inputs', () => {
  for (const cipher of [
    'aes256-ctr',
    'aes128-ctr',
    'aes192-ctr',
    'aes256-cbc',
    'aes128-cbc',
    'aes256-gcm@openssh.com',
    'aes128-gcm@openssh.com',
  ]) {
    it(`ssh-keygen -Z ${cipher}`, async () => {
      const file = `ed.${cipher}`;
      d.write(file, d.readBytes('ed'));
      peer('ssh-keygen', ['-q', '-p', '-a', '2', '-Z', cipher, '-N', PASS, '-P', '', '-f', d.path(file)]);
      const key = await load(file, PASS);
      expect(key.params).toEqual(ed.params);
      expect(key.comment).toBe('ed-test');
      await expect(load(file, 'wrong')).rejects.toMatchObject({ code: keyErrorCodes.wrongPassphrase });
      const insp = inspectKey(d.readBytes(file));
      expect(insp).toMatchObject({
        kind: 'private',
        format: 'openssh',
        encrypted: true,
        type: 'ed25519',
        bits: 256,
      });
      expect(insp.comment).toBeUndefined();
    });
  }
});

describe('line endings and BOM', () => {
  it('reads LF, CRLF, CR and a UTF-8 BOM for every container', async () => {
    peer('puttygen', [d.path('rsa'), '-O', 'private', '-o', d.path('rsa.ppk')]);
    const ppk = d.read('rsa.ppk');
    for (const text of [d.read('rsa'), d.read('rsa.pem'), ppk]) {
      for (const variant of [
        text,
        text.replace(/\n/g, '\r\n'),
        text.replace(/\n/g, '\r'),
        `\uFEFF${text}`,
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace(/\n/g, '\r\n'))]),
      ]) {
        expect((await decodePrivateKey(variant)).params).toEqual(rsa.params);
      }
    }
  });
});
