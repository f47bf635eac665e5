import { keyError, keyErrorCodes } from './key-errors';

/** Key files are small (a 16384-bit RSA PPK is ~12 KB); anything bigger is refused before parsing. */
export const MAX_KEY_FILE_BYTES = 1024 * 1024;

/**
 * Turns file bytes or pasted text into LF-only text: UTF-8 BOM dropped, CRLF and bare CR → LF.
 * Binary data (NUL bytes, invalid UTF-8), empty input and oversized input get their own errors.
 */
export function toKeyText(data: Uint8Array | string, source?: string): string {
  let text: string;
  if (typeof data === 'string') {
    if (data.length > MAX_KEY_FILE_BYTES) throw tooLarge(data.length, source);
    text = data;
  } else {
    if (data.length > MAX_KEY_FILE_BYTES) throw tooLarge(data.length, source);
    if (data.includes(0)) throw binary(source);
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      throw binary(source);
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\0')) throw binary(source);
  text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw keyError(keyErrorCodes.empty, source, 'the file is empty.');
  return text;
}

function tooLarge(size: number, source?: string) {
  return keyError(
    keyErrorCodes.tooLarge,
    source,
    `the file is ${size} bytes, far too large to be a key (the limit is ${MAX_KEY_FILE_BYTES}).`,
    { size },
  );
}

function binary(source?: string) {
  return keyError(
    keyErrorCodes.binary,
    source,
    'the file holds binary data, not a text key file (PEM, OpenSSH or PuTTY).',
  );
}

/** Strict RFC 4648 base64 (whitespace already removed); bad characters or length → `keys.badBase64`. */
export function decodeBase64Strict(b64: string, source: string | undefined, what: string): Buffer {
  const decoded = b64.length > 0 && b64.length % 4 === 0 ? Buffer.from(b64, 'base64') : undefined;
  // Text that re-encodes to itself is canonical base64, which the pattern below always accepts; only
  // other text (odd padding bits, or not base64 at all) pays for the pattern, over KBs per key.
  if (decoded && decoded.toString('base64') === b64) return decoded;
  if (!decoded || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) {
    throw keyError(
      keyErrorCodes.badBase64,
      source,
      `the ${what} is not valid base64 (the file is damaged or was edited).`,
    );
  }
  return decoded;
}

/** Base64 wrapped at `width` columns. */
export function wrapBase64(data: Uint8Array, width: number): string[] {
  const b64 = Buffer.from(data).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += width) lines.push(b64.slice(i, i + width));
  return lines;
}
