import { keyError, keyErrorCodes } from './key-errors';
import { decodeBase64Strict, wrapBase64 } from './key-text';

/** One `-----BEGIN X-----` … `-----END X-----` block with its RFC 1421 headers (Proc-Type, DEK-Info). */
export interface PemBlock {
  label: string;
  headers: Map<string, string>;
  body: Buffer;
}

const BEGIN = /^-----BEGIN ([A-Z0-9 ]{1,60})-----$/;

/** Labels present in the text, in order (cheap, for detection). */
export function pemLabels(text: string): string[] {
  const labels: string[] = [];
  for (const line of text.split('\n')) {
    const m = BEGIN.exec(line.trim());
    if (m) labels.push(m[1]!);
  }
  return labels;
}

/** Parses the first PEM block; text before it (e.g. openssl "Bag Attributes") is ignored. */
export function parsePemBlock(text: string, source?: string): PemBlock {
  const lines = text.split('\n').map((l) => l.trim());
  const start = lines.findIndex((l) => BEGIN.test(l));
  if (start < 0) throw keyError(keyErrorCodes.unrecognized, source, 'no PEM "-----BEGIN" line found.');
  const label = BEGIN.exec(lines[start]!)![1]!;
  const endLine = `-----END ${label}-----`;
  const end = lines.indexOf(endLine, start + 1);
  if (end < 0)
    throw keyError(keyErrorCodes.truncated, source, `the "${endLine}" line is missing; the file is cut off.`);
  const inner = lines.slice(start + 1, end);
  const headers = new Map<string, string>();
  let i = 0;
  if (inner.some((l) => l.includes(':'))) {
    while (i < inner.length && inner[i] !== '') {
      const line = inner[i]!;
      const colon = line.indexOf(':');
      if (colon < 0) break;
      headers.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      i++;
    }
    if (inner[i] === '') i++;
  }
  const b64 = inner.slice(i).join('');
  const body = decodeBase64Strict(b64, source, 'PEM body');
  return { label, headers, body };
}

/** Writes a PEM block with 64-column base64, LF line endings and a final LF (as OpenSSL). */
export function encodePem(label: string, body: Uint8Array, headers: [string, string][] = []): string {
  const head = headers.length ? [...headers.map(([k, v]) => `${k}: ${v}`), ''] : [];
  return [`-----BEGIN ${label}-----`, ...head, ...wrapBase64(body, 64), `-----END ${label}-----`, ''].join(
    '\n',
  );
}
