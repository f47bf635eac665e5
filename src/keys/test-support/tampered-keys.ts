import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { derivePpk2Keys, ppkMac } from '../ppk-crypto';
import { parsePpkLayout } from '../ppk-layout';
import { encodePem, parsePemBlock } from '../pem-armor';
import { wrapBase64 } from '../key-text';
import { SshReader, SshWriter } from '../ssh-wire';

/**
 * Hostile edits of real key files, as the audit made them: an attacker swaps in the public half of
 * a key they hold, and (where the file's integrity check needs no secret) recomputes it. Tests only.
 */

/** The Public-Lines of `target` replaced by those of `donor` (same type); the MAC is recomputed when asked. */
export function swapPpkPublicHalf(target: string, donor: string, opts: { fixMac: boolean }): string {
  const t = parsePpkLayout(target);
  const d = parsePpkLayout(donor);
  const lines = target.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Public-Lines: '));
  const count = Number(lines[start]!.slice('Public-Lines: '.length));
  const donorLines = wrapBase64(d.publicBlob, 64);
  lines.splice(start, count + 1, `Public-Lines: ${donorLines.length}`, ...donorLines);
  let text = lines.join('\n');
  if (opts.fixMac) {
    if (t.encryption !== 'none') throw new Error('an encrypted PPK MAC needs the passphrase');
    // Without a passphrase the MAC key is public: empty for v3, SHA-1 of a fixed string for v2.
    const macKey = t.version === 3 ? Buffer.alloc(0) : derivePpk2Keys('').macKey;
    const mac = ppkMac(t.version, macKey, t.algorithm, t.encryption, t.comment, d.publicBlob, t.privateBlob);
    text = text.replace(/^Private-MAC: [0-9a-f]+$/m, `Private-MAC: ${mac.toString('hex')}`);
  }
  return text;
}

/** One hex digit of the Private-MAC changed. */
export function flipPpkMac(text: string): string {
  return text.replace(
    /^(Private-MAC: )([0-9a-f])/m,
    (_m, p: string, c: string) => `${p}${c === '0' ? '1' : '0'}`,
  );
}

/** An `openssh-key-v1` file whose clear public blob is `donorBlob` (the private section untouched). */
export function swapOpensshPublicHalf(target: string, donorBlob: Buffer): string {
  const body = parsePemBlock(target).body;
  const magic = 'openssh-key-v1\0'.length;
  const r = new SshReader(body.subarray(magic));
  const w = new SshWriter().raw(body.subarray(0, magic));
  w.string(r.string()).string(r.string()).string(r.string()).uint32(r.uint32());
  r.string();
  w.string(donorBlob).raw(r.rest());
  return [
    '-----BEGIN OPENSSH PRIVATE KEY-----',
    ...wrapBase64(w.toBuffer(), 70),
    '-----END OPENSSH PRIVATE KEY-----',
    '',
  ].join('\n');
}

/** The SSH public blob of an OpenSSH public line. */
export function blobOfLine(line: string): Buffer {
  return Buffer.from(line.trim().split(/\s+/)[1]!, 'base64');
}

/** PKCS#1 RSA PEM whose modulus n belongs to another key (d, p, q stay the first key's). */
export function rsaPemWithForeignModulus(): string {
  const own = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
  const der = createPrivateKey({ key: { ...own, n: other.n }, format: 'jwk' }).export({
    type: 'pkcs1',
    format: 'der',
  });
  return encodePem('RSA PRIVATE KEY', der);
}

/** SEC1 P-256 PEM whose embedded public point belongs to another key. */
export function ecPemWithForeignPoint(): string {
  const own = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
  const der = createPrivateKey({ key: { ...own, x: other.x, y: other.y }, format: 'jwk' }).export({
    type: 'sec1',
    format: 'der',
  });
  return encodePem('EC PRIVATE KEY', der);
}
