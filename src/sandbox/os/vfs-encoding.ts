/**
 * Argument plumbing for the just-bash filesystem interface: encodings and path normalisation.
 */
import type { BufferEncoding, FileContent } from 'just-bash';

/** The encoding argument just-bash passes (an options object or a bare name). */
export type EncodingArg = { encoding?: BufferEncoding | null } | BufferEncoding | null | undefined;

/** The encoding named by an argument, if any. */
export function encodingOf(opt: EncodingArg): BufferEncoding | undefined {
  if (typeof opt === 'string') return opt;
  return opt?.encoding ?? undefined;
}

/** Content as bytes, decoding strings with the given encoding (default UTF-8). */
export function toBuffer(content: FileContent, opt: EncodingArg): Buffer {
  if (typeof content !== 'string') return Buffer.from(content);
  const enc = encodingOf(opt);
  if (enc === 'binary' || enc === 'latin1') return Buffer.from(content, 'latin1');
  if (enc === 'base64' || enc === 'hex' || enc === 'ascii') return Buffer.from(content, enc);
  return Buffer.from(content, 'utf8');
}

/** Paths from just-bash are absolute; a relative one is taken from '/'. */
export function normalizeInput(path: string): string {
  return path.startsWith('/') ? path : '/' + path;
}
