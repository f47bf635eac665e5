import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAsarProblems, requiredEntries, runPackageSmoke } from './package-smoke.mjs';

const goodList = [
  ...requiredEntries,
  '/out',
  '/out/main',
  '/out/renderer/assets/index-abc.js',
  '/node_modules/yaml/dist/index.js',
];

describe('findAsarProblems', () => {
  it('accepts the build output, package.json and runtime node_modules', () => {
    expect(findAsarProblems(goodList)).toEqual([]);
  });

  it('names every missing required file', () => {
    expect(
      findAsarProblems(
        goodList.filter((entry) => entry !== '/out/preload/index.cjs' && entry !== '/out/cli/keyrescue.cjs'),
      ),
    ).toEqual(['missing /out/cli/keyrescue.cjs', 'missing /out/preload/index.cjs']);
  });

  it('names sources, tests, maps, e2e files, dev configuration and dev packages', () => {
    expect(
      findAsarProblems([
        ...goodList,
        '/out/main/index.cjs.map',
        '/out/renderer/app.test.js',
        '/out/coverage/index.html',
        '/src/ipc/router.ts',
        '/e2e/shell.spec.ts',
        '/tsconfig.json',
        '/vite.config.ts',
        '/node_modules/zod/src/index.ts',
        '/node_modules/zod/index.cjs.map',
        '/node_modules/vitest/index.js',
      ]),
    ).toEqual([
      'TypeScript source packed: /node_modules/zod/src/index.ts',
      'a development package is packed: /node_modules/vitest/index.js',
      'source map packed: /node_modules/zod/index.cjs.map',
      'source map packed: /out/main/index.cjs.map',
      'test file packed: /out/renderer/app.test.js',
      'unexpected file outside out/ and node_modules/: /e2e/shell.spec.ts',
      'unexpected file outside out/ and node_modules/: /src/ipc/router.ts',
      'unexpected file outside out/ and node_modules/: /tsconfig.json',
      'unexpected file outside out/ and node_modules/: /vite.config.ts',
      'unexpected folder in out/: /out/coverage/index.html',
    ]);
  });
});

describe('offline packaging smoke (real electron-builder, stub Electron binary)', () => {
  it('packs an asar that holds the built app and nothing it should not', { timeout: 240_000 }, async () => {
    const { asarPath, entries, problems } = await runPackageSmoke();
    expect(problems).toEqual([]);
    expect(entries).toEqual(expect.arrayContaining(requiredEntries));
    // Runtime dependencies come along (the main process needs them), dev tools do not, and zod is
    // bundled into out/ rather than packed.
    expect(entries).toContain('/node_modules/yaml/package.json');
    expect(entries.some((entry) => entry.startsWith('/node_modules/electron/'))).toBe(false);
    expect(entries.some((entry) => entry.startsWith('/node_modules/zod/'))).toBe(false);
    // just-bash is packed as installed, i.e. with patches/just-bash+3.4.2.patch applied.
    const asar = createRequire(import.meta.url)('@electron/asar') as typeof import('@electron/asar');
    for (const file of [
      'node_modules/just-bash/dist/bundle/index.cjs',
      'node_modules/just-bash/dist/bundle/index.js',
    ])
      expect(asar.extractFile(asarPath, file).equals(readFileSync(file)), file).toBe(true);
    // The native Argon2 sits outside the asar, where Electron can load it.
    const unpacked = join(dirname(asarPath), 'app.asar.unpacked', 'node_modules', '@node-rs');
    const binaries = readdirSync(unpacked, { recursive: true }).map(String);
    expect(binaries.some((file) => /^argon2-[\w-]+[/\\]argon2\.[\w-]+\.node$/.test(file))).toBe(true);
  });
});
