import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import {
  decodePrivateKey,
  encodePrivateKey,
  publicKeyToOpenSSH,
  publicKeyToRfc4716,
  type PrivateKey,
} from '../index';
import { keyErrorCodes, type KeyErrorCode } from '../key-errors';
import { wrapBase64 } from '../key-text';
import { encodeOpensshPrivateKey } from '../openssh-private';
import { derivePpk2Keys, ppkMac } from '../ppk-crypto';
import { SshReader, SshWriter } from '../ssh-wire';

/** One hostile input and the error code it must produce. Test-only. */
export interface HostileCase {
  name: string;
  data: string | Buffer;
  passphrase?: string;
  code: KeyErrorCode;
}

const PASS = 'correct horse';

/** A deterministic PRNG so the corpus is the same on every run (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function pemKey(type: 'rsa' | 'ed25519' | 'ec', opts: object): Promise<PrivateKey> {
  const { privateKey } = generateKeyPairSync(type as 'rsa', opts as { modulusLength: number });
  return decodePrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}

function armorOpenssh(body: Buffer): string {
  return [
    '-----BEGIN OPENSSH PRIVATE KEY-----',
    ...wrapBase64(body, 70),
    '-----END OPENSSH PRIVATE KEY-----',
    '',
  ].join('\n');
}

function opensshBody(text: string): Buffer {
  return Buffer.from(
    text
      .split('\n')
      .filter((l) => l && !l.startsWith('-----'))
      .join(''),
    'base64',
  );
}

/** Swaps one base64 character for another valid one (never the last group, whose low bits may be unused). */
function flipBase64Char(line: string, at: number): string {
  const c = line[at]!;
  return line.slice(0, at) + (c === 'A' ? 'B' : 'A') + line.slice(at + 1);
}

/** Builds ≥ 200 hostile inputs with their expected error codes, from freshly generated keys. */
export async function buildHostileCorpus(extra: {
  dsaOpenssh: string;
  dsaPem: string;
  dsaPkcs8: string;
  dsaPpk: string;
  dsaPub: string;
  certLine: string;
  chachaOpenssh: string;
}): Promise<HostileCase[]> {
  const cases: HostileCase[] = [];
  const add = (name: string, data: string | Buffer, code: KeyErrorCode, passphrase?: string) =>
    cases.push({ name, data, code, ...(passphrase ? { passphrase } : {}) });
  const rsa = await pemKey('rsa', { modulusLength: 1024 });
  const ed = await pemKey('ed25519', {});
  const ec = await pemKey('ec', { namedCurve: 'P-256' });
  const other = await pemKey('ed25519', {});

  const ppk3 = await encodePrivateKey(rsa, { format: 'ppk3', comment: 'c' });
  const ppk2 = await encodePrivateKey(rsa, { format: 'ppk2', comment: 'c' });
  const ppk3e = await encodePrivateKey(ed, {
    format: 'ppk3',
    comment: 'c',
    passphrase: PASS,
    argon2: { passes: 1, memoryKiB: 64 },
  });
  const ppk2e = await encodePrivateKey(ec, { format: 'ppk2', comment: 'c', passphrase: PASS });
  const openssh = await encodeOpensshPrivateKey(rsa, { comment: 'c' });
  const opensshE = await encodeOpensshPrivateKey(ed, { comment: 'c', passphrase: PASS, rounds: 1 });
  const pkcs1 = await encodePrivateKey(rsa, { format: 'pem' });
  const pkcs1e = await encodePrivateKey(rsa, { format: 'pem', passphrase: PASS });
  const pkcs8e = await encodePrivateKey(ec, { format: 'pkcs8', passphrase: PASS });

  // 1. Truncated at every line of every container (PPK: a header or data line missing; PEM: no END line).
  for (const [label, text] of [
    ['ppk3', ppk3],
    ['ppk2', ppk2],
    ['ppk3e', ppk3e],
  ] as const) {
    const lines = text.split('\n');
    for (let k = 1; k < lines.length - 1; k++)
      add(`${label} cut after line ${k}`, `${lines.slice(0, k).join('\n')}\n`, keyErrorCodes.truncated, PASS);
  }
  for (const [label, text] of [
    ['openssh', openssh],
    ['pkcs1', pkcs1],
    ['pkcs1e', pkcs1e],
  ] as const) {
    const lines = text.split('\n');
    for (let k = 1; k < lines.length - 2; k++)
      add(`${label} cut after line ${k}`, `${lines.slice(0, k).join('\n')}\n`, keyErrorCodes.truncated, PASS);
  }
  // Truncated binary OpenSSH bodies, re-armored: inside the magic → malformed, later → truncated.
  const body = opensshBody(openssh);
  for (const len of [0, 5, 14, 15, 20, 30, 40, 60, 100, 150, 200, 300, 400, body.length - 1]) {
    if (len === 0) continue;
    add(
      `openssh body cut to ${len} bytes`,
      armorOpenssh(body.subarray(0, len)),
      len < 15 ? keyErrorCodes.malformed : keyErrorCodes.truncated,
    );
  }

  // 2. Flipped characters: PPK private data or modulus (→ MAC), OpenSSH check-int (→ malformed).
  {
    const lines = ppk3.split('\n');
    const privStart = lines.findIndex((l) => l.startsWith('Private-Lines:')) + 1;
    const pubStart = lines.findIndex((l) => l.startsWith('Public-Lines:')) + 1;
    for (let i = 0; i < 6; i++) {
      for (const at of [0, 17, 40, 63]) {
        const copy = [...lines];
        copy[privStart + i] = flipBase64Char(copy[privStart + i]!, at);
        add(`ppk3 private line ${i} char ${at} flipped`, copy.join('\n'), keyErrorCodes.macMismatch);
      }
    }
    for (const at of [5, 30, 60]) {
      const copy = [...lines];
      copy[pubStart + 1] = flipBase64Char(copy[pubStart + 1]!, at);
      add(`ppk3 modulus char ${at} flipped`, copy.join('\n'), keyErrorCodes.macMismatch);
    }
  }
  for (let byte = 0; byte < 8; byte++) {
    // The private section starts after magic, 3 strings, nkeys, public blob and its length.
    const r = new SshReader(body.subarray(15));
    r.text();
    r.text();
    r.string();
    r.uint32();
    r.string();
    const sectionStart = body.length - r.remaining + 4;
    const copy = Buffer.from(body);
    copy[sectionStart + byte] = copy[sectionStart + byte]! ^ 0x5a;
    add(`openssh check-int byte ${byte} flipped`, armorOpenssh(copy), keyErrorCodes.malformed);
  }
  {
    const lines = pkcs1.split('\n');
    add(
      'pkcs1 outer DER tag changed',
      [lines[0], `A${lines[1]!.slice(1)}`, ...lines.slice(2)].join('\n'),
      keyErrorCodes.malformed,
    );
  }

  // 3. Wrong passphrases for every encrypted container; missing passphrases.
  const encrypted = { ppk3e, ppk2e, opensshE, pkcs1e, pkcs8e };
  const wrongs = [
    '',
    'x',
    'correct horsf',
    'Correct horse',
    'correct horse ',
    ' correct horse',
    'パスワード',
    'a'.repeat(300),
  ];
  for (const [label, text] of Object.entries(encrypted)) {
    for (const w of wrongs)
      add(
        `${label} passphrase ${JSON.stringify(w.slice(0, 20))}`,
        text,
        w ? keyErrorCodes.wrongPassphrase : keyErrorCodes.passphraseRequired,
        w,
      );
  }

  // 4. Bad MAC (each hex digit position class), and comment / header tampering.
  for (const [label, text, pass] of [
    ['ppk3', ppk3, undefined],
    ['ppk2', ppk2, undefined],
    ['ppk3e', ppk3e, PASS],
    ['ppk2e', ppk2e, PASS],
  ] as const) {
    for (const at of [0, 7, 20, 39]) {
      const tampered = text.replace(
        /^Private-MAC: (.*)$/m,
        (_m, hex: string) =>
          `Private-MAC: ${hex.slice(0, at)}${hex[at] === '0' ? '1' : '0'}${hex.slice(at + 1)}`,
      );
      add(`${label} MAC digit ${at} changed`, tampered, keyErrorCodes.macMismatch, pass);
    }
    add(
      `${label} comment changed`,
      text.replace('Comment: c', 'Comment: evil'),
      keyErrorCodes.macMismatch,
      pass,
    );
  }

  // 5. Wrong or huge line counts.
  const count = (text: string, header: string, value: string) =>
    text.replace(new RegExp(`^${header}: \\d+$`, 'm'), `${header}: ${value}`);
  const pubLines = Number(/^Public-Lines: (\d+)$/m.exec(ppk3)![1]);
  const privLines = Number(/^Private-Lines: (\d+)$/m.exec(ppk3)![1]);
  add('Public-Lines one short', count(ppk3, 'Public-Lines', String(pubLines - 1)), keyErrorCodes.malformed);
  add('Public-Lines one long', count(ppk3, 'Public-Lines', String(pubLines + 1)), keyErrorCodes.badBase64);
  add(
    'Private-Lines one short',
    count(ppk3, 'Private-Lines', String(privLines - 1)),
    keyErrorCodes.malformed,
  );
  add('Private-Lines one long', count(ppk3, 'Private-Lines', String(privLines + 1)), keyErrorCodes.badBase64);
  for (const header of ['Public-Lines', 'Private-Lines']) {
    for (const v of ['0', '-1', '1e3', 'ten', '4097', '999999', '99999999999', '2147483648'])
      add(`${header}: ${v}`, count(ppk3, header, v), keyErrorCodes.malformed);
    for (const v of ['4096', '1000'])
      add(`${header}: ${v} (more than the file has)`, count(ppk3, header, v), keyErrorCodes.truncated);
  }

  // 6. Binary garbage, random text, empty input, a 10 MB file.
  const random = rng(42);
  for (let i = 0; i < 20; i++) {
    const len = 1 + Math.floor(random() * 4000);
    const bytes = Buffer.from(Array.from({ length: len }, () => Math.floor(random() * 256)));
    bytes[Math.floor(random() * len)] = 0;
    add(`binary garbage ${i} (${len} bytes)`, bytes, keyErrorCodes.binary);
  }
  for (let i = 0; i < 10; i++) {
    const len = 1 + Math.floor(random() * 2000);
    add(
      `printable noise ${i}`,
      Array.from({ length: len }, () => String.fromCharCode(33 + Math.floor(random() * 90))).join(''),
      keyErrorCodes.unrecognized,
    );
  }
  for (const [i, e] of ['', ' ', '\n\n\n', '\r\n', '\uFEFF', '\uFEFF\n  \t\n'].entries())
    add(`empty ${i}`, e, keyErrorCodes.empty);
  add('empty bytes', Buffer.alloc(0), keyErrorCodes.empty);
  add('10 MB file', Buffer.alloc(10 * 1024 * 1024, 0x41), keyErrorCodes.tooLarge);
  add('10 MB text', 'A'.repeat(10 * 1024 * 1024), keyErrorCodes.tooLarge);

  // 7. Public keys given as private keys; certificates; DSA.
  for (const k of [rsa, ed, ec]) {
    add(`${k.type} OpenSSH public line`, `${publicKeyToOpenSSH(k)}\n`, keyErrorCodes.publicNotPrivate);
    add(`${k.type} RFC 4716 public key`, publicKeyToRfc4716(k), keyErrorCodes.publicNotPrivate);
  }
  add(
    'SPKI PEM public key',
    `-----BEGIN PUBLIC KEY-----\n${wrapBase64(Buffer.from('00', 'hex'), 64).join('\n')}\n-----END PUBLIC KEY-----\n`,
    keyErrorCodes.publicNotPrivate,
  );
  add('OpenSSH certificate', extra.certLine, keyErrorCodes.certificate);
  add('DSA OpenSSH', extra.dsaOpenssh, keyErrorCodes.dsa);
  add('DSA PEM', extra.dsaPem, keyErrorCodes.dsa);
  add('DSA PKCS#8', extra.dsaPkcs8, keyErrorCodes.dsa);
  add('DSA PPK', extra.dsaPpk, keyErrorCodes.dsa);
  add('DSA public line', extra.dsaPub, keyErrorCodes.publicNotPrivate);

  // 8. Unknown ciphers / KDFs / limits.
  add(
    'PPK aes128-cbc',
    ppk2e.replace('Encryption: aes256-cbc', 'Encryption: aes128-cbc'),
    keyErrorCodes.unsupportedCipher,
    PASS,
  );
  add(
    'PPK Key-Derivation scrypt',
    ppk3e.replace(/^Key-Derivation: .*$/m, 'Key-Derivation: scrypt'),
    keyErrorCodes.unsupportedKdf,
    PASS,
  );
  add(
    'PPK Argon2-Memory 4 TiB',
    ppk3e.replace(/^Argon2-Memory: .*$/m, 'Argon2-Memory: 4294967295'),
    keyErrorCodes.kdfLimits,
    PASS,
  );
  add(
    'PPK Argon2-Passes 1e6',
    ppk3e.replace(/^Argon2-Passes: .*$/m, 'Argon2-Passes: 1000000'),
    keyErrorCodes.kdfLimits,
    PASS,
  );
  add(
    'PPK Argon2-Parallelism 0',
    ppk3e.replace(/^Argon2-Parallelism: .*$/m, 'Argon2-Parallelism: 0'),
    keyErrorCodes.kdfLimits,
    PASS,
  );
  add(
    'PPK Argon2-Salt short',
    ppk3e.replace(/^Argon2-Salt: .*$/m, 'Argon2-Salt: abcd'),
    keyErrorCodes.malformed,
    PASS,
  );
  add(
    'PPK version 1',
    ppk2.replace('PuTTY-User-Key-File-2', 'PuTTY-User-Key-File-1'),
    keyErrorCodes.unrecognized,
  );
  add(
    'PPK version 4',
    ppk2.replace('PuTTY-User-Key-File-2', 'PuTTY-User-Key-File-4'),
    keyErrorCodes.unrecognized,
  );
  add(
    'PPK algorithm line lies',
    ppk2.replace('PuTTY-User-Key-File-2: ssh-rsa', 'PuTTY-User-Key-File-2: ssh-ed25519'),
    keyErrorCodes.mismatchedHalves,
  );
  add(
    'PEM DEK-Info BF-CBC',
    pkcs1e.replace(/DEK-Info: AES-128-CBC/, 'DEK-Info: BF-CBC'),
    keyErrorCodes.unsupportedCipher,
    PASS,
  );
  add('OpenSSH chacha20-poly1305', extra.chachaOpenssh, keyErrorCodes.unsupportedCipher, PASS);
  {
    const eb = opensshBody(opensshE);
    const r = new SshReader(eb.subarray(15));
    r.text();
    r.text();
    const kdfOptsEnd = eb.length - r.remaining + 4; // after the kdfoptions length
    const saltLen = eb.readUInt32BE(kdfOptsEnd);
    const roundsAt = kdfOptsEnd + 4 + saltLen;
    for (const rounds of [0, 100000, 0xffffffff]) {
      const copy = Buffer.from(eb);
      copy.writeUInt32BE(rounds, roundsAt);
      add(`OpenSSH bcrypt rounds ${rounds}`, armorOpenssh(copy), keyErrorCodes.kdfLimits, PASS);
    }
  }
  // 9. Halves from different keys with a valid MAC / layout → mismatched halves; two keys in one file.
  {
    const priv = new SshWriter()
      .string(other.params.type === 'ed25519' ? other.params.seed : Buffer.alloc(32))
      .toBuffer();
    const keys = derivePpk2Keys('');
    const mac = ppkMac(2, keys.macKey, 'ssh-ed25519', 'none', 'c', ed.publicKey.blob, priv);
    const text = [
      'PuTTY-User-Key-File-2: ssh-ed25519',
      'Encryption: none',
      'Comment: c',
      `Public-Lines: ${wrapBase64(ed.publicKey.blob, 64).length}`,
      ...wrapBase64(ed.publicKey.blob, 64),
      'Private-Lines: 1',
      ...wrapBase64(priv, 64),
      `Private-MAC: ${mac.toString('hex')}`,
      '',
    ].join('\n');
    add('PPK with another key’s private half (valid MAC)', text, keyErrorCodes.mismatchedHalves);
    const a = opensshBody(await encodeOpensshPrivateKey(ed, { comment: 'c' }));
    const b = opensshBody(await encodeOpensshPrivateKey(other, { comment: 'c' }));
    // Same layout and length: swap the public blob of a into b.
    const pubAt = 15 + 4 + 4 + 4 + 4 + 4 + 4;
    add(
      'OpenSSH with another key’s public blob',
      armorOpenssh(
        Buffer.concat([b.subarray(0, pubAt), a.subarray(pubAt, pubAt + 51), b.subarray(pubAt + 51)]),
      ),
      keyErrorCodes.mismatchedHalves,
    );
    const two = Buffer.from(b);
    two.writeUInt32BE(2, 15 + 4 + 4 + 4 + 4 + 4);
    add('OpenSSH nkeys 2', armorOpenssh(two), keyErrorCodes.multipleKeys);
  }
  add('two PEM keys in one file', pkcs1 + pkcs1, keyErrorCodes.multipleKeys);
  add(
    'RSA 512',
    generateKeyPairSync('rsa', { modulusLength: 512 })
      .privateKey.export({ type: 'pkcs1', format: 'pem' })
      .toString(),
    keyErrorCodes.rsaSize,
  );
  // e = 1 makes RSA the identity; its size is fine, so the exponent is what must be reported.
  const e1 = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  add(
    'RSA e=1',
    createPrivateKey({ key: { ...e1, e: 'AQ' }, format: 'jwk' })
      .export({ type: 'pkcs1', format: 'pem' })
      .toString(),
    keyErrorCodes.rsaExponent,
  );
  add(
    'secp256k1',
    generateKeyPairSync('ec', { namedCurve: 'secp256k1' })
      .privateKey.export({ type: 'sec1', format: 'pem' })
      .toString(),
    keyErrorCodes.unsupportedCurve,
  );
  for (const t of ['x25519', 'ed448', 'x448'] as const) {
    add(
      `PKCS#8 ${t}`,
      generateKeyPairSync(t as 'ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
      keyErrorCodes.unsupportedKeyType,
    );
  }
  add(
    'X.509 certificate',
    '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
    keyErrorCodes.unrecognized,
  );
  add('bad base64 in PEM', pkcs1.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!'), keyErrorCodes.badBase64);
  return cases;
}
