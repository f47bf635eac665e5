import { keyErrorCodes, keyError } from './key-errors';

/** Big-endian unsigned bytes → bigint (empty → 0n). */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  // A view, not a copy: keys hold several 256-byte numbers, and a batch parses thousands.
  const view = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return BigInt(`0x${view.toString('hex')}`);
}

/** bigint → minimal big-endian unsigned bytes, optionally left-padded to `length`. */
export function bigIntToBytes(value: bigint, length?: number): Buffer {
  let hex = value === 0n ? '' : value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const raw = Buffer.from(hex, 'hex');
  if (length === undefined || raw.length >= length) return raw;
  return Buffer.concat([Buffer.alloc(length - raw.length), raw]);
}

/** RFC 4251 mpint body for a non-negative integer: minimal, 0x00 prefix when the high bit is set. */
export function mpintBytes(value: bigint): Buffer {
  const raw = bigIntToBytes(value);
  if (raw.length > 0 && (raw[0]! & 0x80) !== 0) return Buffer.concat([Buffer.alloc(1), raw]);
  return raw;
}

/** Builds SSH wire-format data (RFC 4251 `uint32`, `string`, `mpint`). */
export class SshWriter {
  private readonly parts: Buffer[] = [];

  uint32(value: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(value >>> 0);
    this.parts.push(b);
    return this;
  }

  string(value: Uint8Array | string): this {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
    this.uint32(bytes.length);
    this.parts.push(bytes);
    return this;
  }

  mpint(value: bigint): this {
    return this.string(mpintBytes(value));
  }

  raw(bytes: Uint8Array): this {
    this.parts.push(Buffer.from(bytes));
    return this;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/**
 * Reads SSH wire-format data. Every read is bounds-checked and throws `keys.truncated` (or the
 * code given) naming the source, so hostile input can never read past the end.
 */
export class SshReader {
  private offset = 0;
  constructor(
    private readonly data: Uint8Array,
    private readonly source?: string,
    private readonly what = 'key data',
  ) {}

  get remaining(): number {
    return this.data.length - this.offset;
  }

  private need(n: number): void {
    if (n > this.remaining) {
      throw keyError(
        keyErrorCodes.truncated,
        this.source,
        `the ${this.what} ends too early (it is cut off or damaged).`,
      );
    }
  }

  uint32(): number {
    this.need(4);
    const d = this.data;
    const o = this.offset;
    this.offset += 4;
    return ((d[o]! << 24) >>> 0) + (d[o + 1]! << 16) + (d[o + 2]! << 8) + d[o + 3]!;
  }

  bytes(n: number): Buffer {
    this.need(n);
    const out = Buffer.from(this.data.subarray(this.offset, this.offset + n));
    this.offset += n;
    return out;
  }

  string(): Buffer {
    return this.bytes(this.uint32());
  }

  text(): string {
    return this.string().toString('utf8');
  }

  /** A non-negative mpint; negative values are not valid in any key field. */
  mpint(): bigint {
    const b = this.string();
    if (b.length > 0 && (b[0]! & 0x80) !== 0) {
      throw keyError(
        keyErrorCodes.malformed,
        this.source,
        `the ${this.what} holds a negative number where a key field belongs.`,
      );
    }
    return bytesToBigInt(b);
  }

  rest(): Buffer {
    return this.bytes(this.remaining);
  }
}
