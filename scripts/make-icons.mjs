// Renders assets/icon.svg into every icon the packaging targets need, with the Debian Chromium that
// the e2e tests use (no extra image tools): PNGs for Linux and the window, a PNG-compressed .ico for
// Windows and an .icns for macOS. Run once after changing the SVG, then commit the outputs:
//   node scripts/make-icons.mjs
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
// ICNS element types that hold PNG data, and the pixel size each expects.
const icnsTypes = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

/** An ICO file whose images are stored as PNG (supported since Windows Vista). */
export function buildIco(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2);
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

/** An ICNS file: `icns` + total length, then (type, length incl. 8-byte header, PNG data) records. */
export function buildIcns(entries) {
  const records = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(records);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

async function render() {
  const svg = await readFile('assets/icon.svg', 'utf8');
  const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage();
    const pngs = new Map();
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent"><img src="${dataUrl}" width="${size}" height="${size}" style="display:block"></body></html>`,
      );
      await page.locator('img').evaluate((img) => img.decode());
      pngs.set(
        size,
        await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }),
      );
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pngs = await render();
  await mkdir('assets/icons', { recursive: true });
  for (const [size, png] of pngs) await writeFile(`assets/icons/${size}x${size}.png`, png);
  await writeFile('assets/icon.png', pngs.get(1024));
  await writeFile('assets/icon.ico', buildIco(icoSizes.map((size) => ({ size, png: pngs.get(size) }))));
  await writeFile(
    'assets/icon.icns',
    buildIcns(icnsTypes.map(([type, size]) => ({ type, png: pngs.get(size) }))),
  );
  console.log(
    `wrote assets/icon.png, assets/icons/{${sizes.map((s) => `${s}x${s}`).join(',')}}.png, assets/icon.ico, assets/icon.icns`,
  );
}
