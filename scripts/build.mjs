// Builds every part of the app: Electron main + CommonJS preload, the `keyrescue` CLI (esbuild), and
// the renderer (Vite). Output goes to out/, which electron-builder packs and `bin` points into.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { chmod, rm } from 'node:fs/promises';

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  logLevel: 'warning',
  // Runtime dependencies stay in node_modules (packed into the asar by electron-builder).
  packages: 'external',
};

await rm('out', { recursive: true, force: true });
await Promise.all([
  esbuild({ ...node, entryPoints: ['main/index.ts'], outfile: 'out/main/index.cjs', external: ['electron'] }),
  // A sandboxed preload can require only `electron`: everything else is bundled into one file.
  esbuild({
    ...node,
    packages: undefined,
    entryPoints: ['main/preload.ts'],
    outfile: 'out/preload/index.cjs',
    external: ['electron'],
  }),
  esbuild({
    ...node,
    entryPoints: ['src/cli/keyrescue.ts'],
    outfile: 'out/cli/keyrescue.cjs',
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
await chmod('out/cli/keyrescue.cjs', 0o755);
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log('built out/main, out/preload, out/cli, out/renderer');
