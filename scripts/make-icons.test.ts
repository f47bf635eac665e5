import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildIcns, buildIco } from './make-icons.mjs';

// Checks the committed icon files (made once by scripts/make-icons.mjs) have the sizes and
// containers the packaging targets read, by parsing them — not by re-rendering the SVG.

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('icon files', () => {
  it('has a PNG of the size its name says for every Linux icon size, and a 1024 px icon.png', async () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(await readFile(`assets/icons/${size}x${size}.png`))).toEqual({
        width: size,
        height: size,
      });
    }
    expect(pngSize(await readFile('assets/icon.png'))).toEqual({ width: 1024, height: 1024 });
  });

  it('has an .ico whose directory lists 16–256 px PNG images (Windows needs 256)', async () => {
    const ico = await readFile('assets/icon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, index) => {
      const entry = 6 + 16 * index;
      const png = ico.subarray(
        ico.readUInt32LE(entry + 12),
        ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8),
      );
      const declared = ico.readUInt8(entry) || 256;
      expect(pngSize(png)).toEqual({ width: declared, height: declared });
      return declared;
    });
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('has an .icns with the PNG elements macOS reads, each of the right size', async () => {
    const icns = await readFile('assets/icon.icns');
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: Record<string, number> = {};
    for (let offset = 8; offset < icns.length;) {
      const type = icns.toString('ascii', offset, offset + 4);
      const length = icns.readUInt32BE(offset + 4);
      found[type] = pngSize(icns.subarray(offset + 8, offset + length)).width;
      offset += length;
    }
    expect(found).toEqual({
      icp4: 16,
      icp5: 32,
      icp6: 64,
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic10: 1024,
      ic11: 32,
      ic12: 64,
      ic13: 256,
      ic14: 512,
    });
  });
});

describe('container writers', () => {
  const fakePng = (marker: number) => Buffer.from([marker, 1, 2]);
  it('buildIco writes 0 for 256 px and offsets past the directory', () => {
    const ico = buildIco([
      { size: 16, png: fakePng(7) },
      { size: 256, png: fakePng(9) },
    ]);
    expect(ico.readUInt8(6)).toBe(16);
    expect(ico.readUInt8(22)).toBe(0);
    expect(ico.readUInt32LE(6 + 12)).toBe(38);
    expect(ico.readUInt32LE(22 + 12)).toBe(41);
    expect([...ico.subarray(38)]).toEqual([7, 1, 2, 9, 1, 2]);
  });
  it('buildIcns writes big-endian lengths that include the headers', () => {
    const icns = buildIcns([{ type: 'ic07', png: fakePng(5) }]);
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(19);
    expect(icns.toString('ascii', 8, 12)).toBe('ic07');
    expect(icns.readUInt32BE(12)).toBe(11);
  });
});
