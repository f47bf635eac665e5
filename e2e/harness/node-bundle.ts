import { build } from 'esbuild';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

/** A bundle on disk (for a child process to run) and how to remove it. */
export interface BundleFile {
  file: string;
  remove(): Promise<void>;
}

/**
 * Bundles a TypeScript entry the way scripts/build.mjs does for main and the CLI (esbuild, CommonJS,
 * npm packages left external) into its own folder under node_modules/.cache — inside the
 * repository, so the bundle's `require('zod/mini')` finds node_modules by walking up.
 */
export async function bundleToFile(entry: string): Promise<BundleFile> {
  const cache = resolve('node_modules/.cache/keyrescue-e2e');
  await mkdir(cache, { recursive: true });
  const outdir = await mkdtemp(join(cache, 'bundle-'));
  const file = join(outdir, `${basename(entry).replace(/\.[cm]?tsx?$/, '')}.cjs`);
  await build({
    entryPoints: [resolve(entry)],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'error',
  });
  return { file, remove: () => rm(outdir, { recursive: true, force: true }) };
}

/**
 * Loads a TypeScript module from src/ the way the app runs it: bundled (see `bundleToFile`).
 *
 * Why not a plain `import`: Playwright runs specs as native ES modules (package.json has
 * "type": "module"), where Node rejects bundler-style code that src/ is allowed to contain —
 * `import pkg from '../../package.json'` without an import attribute, or named imports from
 * CommonJS packages (`import { utils } from 'ssh2'`). Bundling sidesteps that and tests the same
 * shape of code that ships. Specs get types with `typeof import('…')`, which loads nothing:
 *
 *   const { startSandbox } = await loadBundled<typeof import('../src/sandbox')>('src/sandbox/index.ts');
 *
 * Each call makes its own bundle, so modules are not shared between two loaded entries.
 */
export async function loadBundled<T>(entry: string): Promise<T> {
  const bundle = await bundleToFile(entry);
  try {
    return require(bundle.file) as T;
  } finally {
    // The module is in memory now; its package lookups walk up from the path, which need not exist.
    await bundle.remove();
  }
}
