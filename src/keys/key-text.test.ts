import { describe, expect, it } from 'vitest';
import { decodeBase64Strict } from './key-text';
import { keyErrorCodes } from './key-errors';

describe('decodeBase64Strict', () => {
  it('decodes canonical base64, padded or not', () => {
    expect(decodeBase64Strict('aGVsbG8=', 'f', 'body').toString()).toBe('hello');
    expect(decodeBase64Strict('aGVsbG8h', 'f', 'body').toString()).toBe('hello!');
  });

  it('accepts padding with unused bits set, as it always did (the fast path re-encodes differently)', () => {
    // "QR==" is "A" with non-zero trailing bits: not canonical, still base64.
    expect(decodeBase64Strict('QR==', 'f', 'body')).toEqual(Buffer.from('A'));
  });

  it.each(['', 'abc', 'ab$d', 'a=bc', 'ab===', 'QQ=Q', 'QQ\nQ='])(
    'refuses %j with keys.badBase64',
    (text) => {
      expect(() => decodeBase64Strict(text, 'f', 'body')).toThrow(
        expect.objectContaining({ code: keyErrorCodes.badBase64 }),
      );
    },
  );
});
