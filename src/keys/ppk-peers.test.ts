import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePrivateKey, encodePrivateKey, keyErrorCodes, type PrivateKey } from './index';
import { makePeerDir, peer, peerStatus, sshKeygen, type PeerDir } from './test-support/peers';

/**
 * Cross-checks against puttygen 0.78 (the reference implementation of PPK). Fixtures are made
 * by ssh-keygen / openssl in a temp folder; expected files by puttygen itself.
 */
let d: PeerDir;
const keys: { name: string; type: 'rsa' | 'ed25519' | 'ecdsa'; bits?: number; comment: string }[] = [
  { name: 'rsa2048', type: 'rsa', bits: 2048, comment: 'rsa-test' },
  { name: 'rsa4096', type: 'rsa', bits: 4096, comment: 'héllo wörld  x' },
  { name: 'ed25519', type: 'ed25519', comment: 'ed-test' },
  { name: 'p256', type: 'ecdsa', bits: 256, comment: 'key: with colon' },
  { name: 'p384', type: 'ecdsa', bits: 384, comment: '' },
  { name: 'p521', type: 'ecdsa', bits: 521, comment: 'p521' },
];

async function load(file: string, passphrase?: string): Promise<PrivateKey> {
  return decodePrivateKey(d.readBytes(file), { source: d.path(file), ...(passphrase ? { passphrase } : {}) });
}

function puttygen(input: string, out: string, extra: string[]): string {
  peer('puttygen', [d.path(input), ...extra, '-o', d.path(out)]);
  return d.read(out);
}

beforeAll(() => {
  d = makePeerDir();
  d.write('pass', 'correct horse\n');
  d.write('wrong', 'wrong horse\n');
  d.write('empty', '');
  for (const k of keys) {
    sshKeygen(d, k.name, k.type, k.bits, k.comment);
    // PEM copies: PKCS#1/SEC1 via puttygen (-O private-openssh), PKCS#8 via openssl from it.
    if (k.type !== 'ed25519') {
      peer('puttygen', [d.path(k.name), '-O', 'private-openssh', '-o', d.path(`${k.name}.pem`)]);
      peer('openssl', [
        'pkcs8',
        '-topk8',
        '-nocrypt',
        '-in',
        d.path(`${k.name}.pem`),
        '-out',
        d.path(`${k.name}.p8`),
      ]);
    }
  }
  peer('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', d.path('ed-openssl.p8')]);
});
afterAll(() => d.cleanup());

describe('PPK output equals puttygen 0.78 byte for byte', () => {
  for (const k of keys) {
    it(`${k.name}: unencrypted v3 and v2 from every input format, with the comment kept`, async () => {
      const ref3 = puttygen(k.name, `${k.name}.ref3.ppk`, [
        '-C',
        k.comment,
        '-O',
        'private',
        '--ppk-param',
        'version=3',
      ]);
      const ref2 = puttygen(k.name, `${k.name}.ref2.ppk`, [
        '-C',
        k.comment,
        '-O',
        'private',
        '--ppk-param',
        'version=2',
      ]);
      const inputs = k.type === 'ed25519' ? [k.name] : [k.name, `${k.name}.pem`, `${k.name}.p8`];
      for (const input of inputs) {
        const key = await load(input);
        expect(await encodePrivateKey(key, { format: 'ppk3', comment: k.comment })).toBe(ref3);
        expect(await encodePrivateKey(key, { format: 'ppk2', comment: k.comment })).toBe(ref2);
      }
      // Reading puttygen's files back gives the same key and comment.
      const fromPpk = await load(`${k.name}.ref3.ppk`);
      expect(fromPpk.comment).toBe(k.comment);
      expect(fromPpk.params).toEqual((await load(k.name)).params);
      expect((await load(`${k.name}.ref2.ppk`)).params).toEqual(fromPpk.params);
    });

    it(`${k.name}: encrypted v2 is byte-identical; encrypted v3 is decrypted by puttygen`, async () => {
      const key = await load(k.name);
      const ref2e = puttygen(k.name, `${k.name}.ref2e.ppk`, [
        '-C',
        k.comment,
        '--new-passphrase',
        d.path('pass'),
        '-O',
        'private',
        '--ppk-param',
        'version=2',
      ]);
      expect(
        await encodePrivateKey(key, { format: 'ppk2', comment: k.comment, passphrase: 'correct horse' }),
      ).toBe(ref2e);

      d.write(
        `${k.name}.ours3e.ppk`,
        await encodePrivateKey(key, {
          format: 'ppk3',
          comment: k.comment,
          passphrase: 'correct horse',
          argon2: { passes: 1 },
        }),
      );
      const dec = puttygen(`${k.name}.ours3e.ppk`, `${k.name}.dec.ppk`, [
        '-P',
        '--old-passphrase',
        d.path('pass'),
        '--new-passphrase',
        d.path('empty'),
        '-O',
        'private',
        '--ppk-param',
        'version=3',
      ]);
      expect(dec).toBe(await encodePrivateKey(key, { format: 'ppk3', comment: k.comment }));
      const wrong = peerStatus('puttygen', [
        d.path(`${k.name}.ours3e.ppk`),
        '-P',
        '--old-passphrase',
        d.path('wrong'),
        '--new-passphrase',
        d.path('empty'),
        '-O',
        'private',
        '-o',
        d.path('never.ppk'),
      ]);
      expect(wrong.status).toBe(1);
      expect(wrong.stderr).toContain('wrong passphrase');
    });
  }
});

describe('puttygen encrypted v3 files are read and reproduced exactly', () => {
  const variants = [
    { label: 'argon2id', param: 'passes=2' },
    { label: 'argon2i, parallelism 2', param: 'kdf=argon2i,memory=1024,passes=3,parallelism=2' },
    { label: 'argon2d', param: 'kdf=argon2d,passes=2' },
  ];
  for (const v of variants) {
    for (const name of ['rsa2048', 'ed25519', 'p256']) {
      it(`${name}, ${v.label}`, async () => {
        const file = `${name}.${v.label.replace(/\W+/g, '')}.ppk`;
        const comment = keys.find((k) => k.name === name)!.comment;
        const text = puttygen(name, file, [
          '-C',
          comment,
          '--new-passphrase',
          d.path('pass'),
          '-O',
          'private',
          '--ppk-param',
          v.param,
        ]);
        const key = await load(file, 'correct horse');
        expect(key.params).toEqual((await load(name)).params);
        const header = (n: string) => new RegExp(`^${n}: (.*)$`, 'm').exec(text)![1]!;
        const flavour = header('Key-Derivation').toLowerCase() as 'argon2id' | 'argon2i' | 'argon2d';
        const again = await encodePrivateKey(key, {
          format: 'ppk3',
          passphrase: 'correct horse',
          argon2: {
            flavour,
            memoryKiB: Number(header('Argon2-Memory')),
            passes: Number(header('Argon2-Passes')),
            parallelism: Number(header('Argon2-Parallelism')),
            salt: Buffer.from(header('Argon2-Salt'), 'hex'),
          },
        });
        expect(again).toBe(text);
        await expect(decodePrivateKey(text, { passphrase: 'wrong horse' })).rejects.toMatchObject({
          code: keyErrorCodes.wrongPassphrase,
        });
      });
    }
  }
});

describe('PPK to PEM and OpenSSH', () => {
  it('RSA PKCS#1 PEM output equals puttygen -O private-openssh', async () => {
    for (const name of ['rsa2048', 'rsa4096']) {
      puttygen(name, `${name}.ppk`, ['-O', 'private']);
      const ref = puttygen(`${name}.ppk`, `${name}.ref.pem`, ['-O', 'private-openssh']);
      expect(await encodePrivateKey(await load(`${name}.ppk`), { format: 'pem' })).toBe(ref);
    }
  });

  // puttygen writes the SEC1 scalar with a sign byte when its high bit is set (49 bytes for P-384),
  // which is not DER-canonical; OpenSSL writes the fixed curve length. So compare the key, not bytes.
  it('ECDSA SEC1 PEM output holds the same key as puttygen -O private-openssh (checked by openssl)', async () => {
    for (const name of ['p256', 'p384', 'p521']) {
      puttygen(name, `${name}.ppk`, ['-O', 'private']);
      puttygen(`${name}.ppk`, `${name}.ref.pem`, ['-O', 'private-openssh']);
      const ours = await encodePrivateKey(await load(`${name}.ppk`), { format: 'pem' });
      expect(ours).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/);
      d.write(`${name}.ours.pem`, ours);
      const text = (file: string) => peer('openssl', ['ec', '-in', d.path(file), '-text', '-noout']);
      expect(text(`${name}.ours.pem`)).toBe(text(`${name}.ref.pem`));
    }
  });

  for (const k of keys) {
    it(`${k.name}: OpenSSH output (plain and encrypted) is accepted by ssh-keygen and re-imports to the same PPK`, async () => {
      const ref3 = puttygen(k.name, `${k.name}.c.ppk`, ['-C', k.comment, '-O', 'private']);
      const key = await load(`${k.name}.c.ppk`);
      d.write(`${k.name}.ours`, await encodePrivateKey(key, { format: 'openssh' }));
      d.write(
        `${k.name}.ours-enc`,
        await encodePrivateKey(key, { format: 'openssh', passphrase: 'correct horse' }),
      );
      const expected = peer('puttygen', [d.path(`${k.name}.c.ppk`), '-L']).trim();
      expect(peer('ssh-keygen', ['-y', '-f', d.path(`${k.name}.ours`)]).trim()).toBe(expected);
      expect(
        peer('ssh-keygen', ['-y', '-P', 'correct horse', '-f', d.path(`${k.name}.ours-enc`)]).trim(),
      ).toBe(expected);
      expect(puttygen(`${k.name}.ours`, `${k.name}.rt.ppk`, ['-C', k.comment, '-O', 'private'])).toBe(ref3);
    });
  }
});

describe('integrity: wrong passphrase and tampering are told apart', () => {
  it('v2 and v3, RSA and Ed25519', async () => {
    for (const name of ['rsa2048', 'ed25519']) {
      for (const version of ['2', '3']) {
        const file = `${name}.tamper${version}.ppk`;
        const text = puttygen(name, file, [
          '-C',
          'orig',
          '--new-passphrase',
          d.path('pass'),
          '-O',
          'private',
          '--ppk-param',
          `version=${version},passes=1`,
        ]);
        await expect(decodePrivateKey(text, { passphrase: 'nope' })).rejects.toMatchObject({
          code: keyErrorCodes.wrongPassphrase,
        });
        await expect(decodePrivateKey(text)).rejects.toMatchObject({
          code: keyErrorCodes.passphraseRequired,
        });
        const tampered = text.replace('Comment: orig', 'Comment: evil');
        await expect(decodePrivateKey(tampered, { passphrase: 'correct horse' })).rejects.toMatchObject({
          code: keyErrorCodes.macMismatch,
        });
        d.write(`${file}.t`, tampered);
        expect(
          peerStatus('puttygen', [
            d.path(`${file}.t`),
            '-P',
            '--old-passphrase',
            d.path('pass'),
            '-O',
            'private',
            '-o',
            d.path('never.ppk'),
          ]).stderr,
        ).toContain('wrong passphrase');
        const plain = puttygen(name, `${name}.plain${version}.ppk`, [
          '-C',
          'orig',
          '-O',
          'private',
          '--ppk-param',
          `version=${version}`,
        ]);
        await expect(decodePrivateKey(plain.replace('Comment: orig', 'Comment: evil'))).rejects.toMatchObject(
          { code: keyErrorCodes.macMismatch },
        );
      }
    }
  });
});
