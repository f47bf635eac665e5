import { createPublicKey, type KeyObject } from 'node:crypto';
import { keyError, keyErrorCodes } from './key-errors';
import { classifySshType, curveInfo, publicKeyFromBlob } from './key-model';
import type { EcCurve, PrivateKey, PublicKey } from './key-types';
import { decodeBase64Strict, toKeyText, wrapBase64 } from './key-text';
import { isPublicPemLabel, publicKeyObjectFromPem } from './pem-keys';
import { parsePemBlock, pemLabels } from './pem-armor';
import { SshWriter } from './ssh-wire';

const RFC4716_BEGIN = '---- BEGIN SSH2 PUBLIC KEY ----';
const RFC4716_END = '---- END SSH2 PUBLIC KEY ----';
const SSH_TYPE_TOKEN =
  /^(ssh-(rsa|ed25519|dss|ed448)|ecdsa-sha2-[a-z0-9]+|sk-[a-z0-9@.-]+|[a-z0-9-]+-cert-v0\d@openssh\.com)$/;

/** SSH blob from a Node public KeyObject (SPKI / PKCS#1 input). */
export function blobFromPublicKeyObject(obj: KeyObject, source?: string): Buffer {
  const jwk = obj.export({ format: 'jwk' });
  const b = (s: string | undefined) => Buffer.from(s ?? '', 'base64url');
  const big = (s: string | undefined) => BigInt(`0x${b(s).toString('hex') || '0'}`);
  if (obj.asymmetricKeyType === 'rsa')
    return new SshWriter().string('ssh-rsa').mpint(big(jwk.e)).mpint(big(jwk.n)).toBuffer();
  if (obj.asymmetricKeyType === 'ed25519')
    return new SshWriter().string('ssh-ed25519').string(b(jwk.x)).toBuffer();
  if (obj.asymmetricKeyType === 'ec') {
    const curve = (Object.keys(curveInfo) as EcCurve[]).find((c) => curveInfo[c].jwk === jwk.crv);
    if (curve) {
      return new SshWriter()
        .string(`ecdsa-sha2-${curve}`)
        .string(curve)
        .string(Buffer.concat([Buffer.from([4]), b(jwk.x), b(jwk.y)]))
        .toBuffer();
    }
  }
  if (obj.asymmetricKeyType === 'dsa') classifySshType('ssh-dss', source);
  throw keyError(
    keyErrorCodes.unsupportedKeyType,
    source,
    `public key type ${String(obj.asymmetricKeyType)} is not supported.`,
  );
}

/** True when a line looks like an OpenSSH public key line (optionally with authorized_keys options). */
export function findOpensshPublicLine(text: string): { type: string; b64: string; comment: string } | null {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  for (const line of lines) {
    const tokens = line.split(/\s+/);
    const idx = tokens.findIndex((t) => SSH_TYPE_TOKEN.test(t));
    if (idx >= 0 && tokens[idx + 1] !== undefined) {
      const after = line
        .slice(
          line.indexOf(tokens[idx + 1]!, line.indexOf(tokens[idx]!) + tokens[idx]!.length) +
            tokens[idx + 1]!.length,
        )
        .trim();
      return { type: tokens[idx]!, b64: tokens[idx + 1]!, comment: after };
    }
  }
  return null;
}

function parseRfc4716(text: string, source?: string): PublicKey {
  const lines = text.split('\n').map((l) => l.trim());
  const start = lines.indexOf(RFC4716_BEGIN);
  const end = lines.indexOf(RFC4716_END, start + 1);
  if (end < 0)
    throw keyError(
      keyErrorCodes.truncated,
      source,
      `the "${RFC4716_END}" line is missing; the file is cut off.`,
    );
  const inner = lines.slice(start + 1, end);
  let comment: string | undefined;
  let i = 0;
  // Headers are "Tag: value"; a trailing backslash continues a header on the next line (RFC 4716 §3.3).
  while (i < inner.length && inner[i]!.includes(':')) {
    let header = inner[i]!;
    while (header.endsWith('\\') && i + 1 < inner.length) header = header.slice(0, -1) + inner[++i]!;
    const colon = header.indexOf(':');
    if (header.slice(0, colon).trim().toLowerCase() === 'comment') {
      comment = header
        .slice(colon + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
    }
    i++;
  }
  const blob = decodeBase64Strict(inner.slice(i).join(''), source, 'public key data');
  return publicKeyFromBlob(blob, comment, source);
}

/** Parses an OpenSSH line, RFC 4716 block, SPKI / PKCS#1 PEM, or base64 DER (RSA) public key. */
export function parsePublicKey(text: string, source?: string): PublicKey {
  const normal = toKeyText(text, source);
  if (normal.includes(RFC4716_BEGIN)) return parseRfc4716(normal, source);
  const labels = pemLabels(normal);
  if (labels.length) {
    const block = parsePemBlock(normal, source);
    if (!isPublicPemLabel(block.label))
      throw keyError(keyErrorCodes.unrecognized, source, `a "${block.label}" block is not a public key.`);
    return publicKeyFromBlob(
      blobFromPublicKeyObject(publicKeyObjectFromPem(block, source), source),
      undefined,
      source,
    );
  }
  const line = findOpensshPublicLine(normal);
  if (line) {
    classifySshType(line.type, source);
    const blob = decodeBase64Strict(line.b64, source, 'public key data');
    const key = publicKeyFromBlob(blob, line.comment || undefined, source);
    if (key.sshType !== line.type)
      throw keyError(
        keyErrorCodes.malformed,
        source,
        `the line says "${line.type}" but the key data is ${key.sshType}.`,
      );
    return key;
  }
  const compact = normal.replace(/\s+/g, '');
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(compact) && compact.length % 4 === 0) {
    const der = Buffer.from(compact, 'base64');
    for (const type of ['spki', 'pkcs1'] as const) {
      let obj: KeyObject;
      try {
        obj = createPublicKey({ key: der, format: 'der', type });
      } catch {
        continue;
      }
      return publicKeyFromBlob(blobFromPublicKeyObject(obj, source), undefined, source);
    }
  }
  throw keyError(
    keyErrorCodes.unrecognized,
    source,
    'this is not a public key in a format this app reads (OpenSSH line, RFC 4716, PEM, base64 DER).',
  );
}

function publicOf(key: PublicKey | PrivateKey): PublicKey {
  return key.kind === 'private' ? key.publicKey : key;
}

/** A comment on one line: a line break in it would start a second authorized_keys entry. */
function singleLine(comment: string): string {
  return comment.replace(/[\n\u2028\u2029]+/g, ' ');
}

/** `ssh-rsa AAAA… comment` (no line break), as in authorized_keys and `.pub` files. */
export function publicKeyToOpenSSH(key: PublicKey | PrivateKey, comment?: string): string {
  const pub = publicOf(key);
  const c = singleLine(comment ?? (key.kind === 'private' ? key.comment : pub.comment) ?? '');
  return `${pub.sshType} ${pub.blob.toString('base64')}${c ? ` ${c}` : ''}`;
}

/** RFC 4716 (`---- BEGIN SSH2 PUBLIC KEY ----`) as `puttygen -p` writes it, ending with LF. */
export function publicKeyToRfc4716(key: PublicKey | PrivateKey, comment?: string): string {
  const pub = publicOf(key);
  const c = singleLine(comment ?? (key.kind === 'private' ? key.comment : pub.comment) ?? '');
  const commentLines = c ? [`Comment: "${c.replace(/"/g, '\\"')}"`] : [];
  return [RFC4716_BEGIN, ...commentLines, ...wrapBase64(pub.blob, 64), RFC4716_END, ''].join('\n');
}
