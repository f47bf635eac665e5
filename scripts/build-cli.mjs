// esbuild settings shared by scripts/build.mjs and the benchmarks, so a benchmark measures the CLI
// exactly as it ships.
import { build as esbuild } from 'esbuild';
import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';

// Runtime dependencies stay in node_modules (packed into the asar by electron-builder), except zod,
// which is a dev dependency: bundled, only the schemas' code is loaded (~80 KB), where the package
// loads all of zod and every locale — a third of the CLI's start-up.
const { dependencies } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const external = Object.keys(dependencies).flatMap((name) => [name, `${name}/*`]);

export const nodeBundle = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  logLevel: 'warning',
  external,
  // import() of a package becomes require(): lazy loading stays, without Node's ESM loader start-up.
  supported: { 'dynamic-import': false },
};

/** `keyrescue.cjs` (the small launcher with the code cache) and `keyrescue-main.cjs` (the CLI). */
export async function buildCli(outdir) {
  const launcher = join(outdir, 'keyrescue.cjs');
  await Promise.all([
    // Minified: half the bytes to read and parse on every start; messages are unaffected.
    esbuild({
      ...nodeBundle,
      minify: true,
      entryPoints: ['src/cli/keyrescue.ts'],
      outfile: join(outdir, 'keyrescue-main.cjs'),
    }),
    esbuild({
      ...nodeBundle,
      entryPoints: ['src/cli/keyrescue-launcher.ts'],
      outfile: launcher,
      banner: { js: '#!/usr/bin/env node' },
    }),
  ]);
  await chmod(launcher, 0o755);
  return launcher;
}
