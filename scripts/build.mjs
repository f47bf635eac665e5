// Builds every part of the app: Electron main + CommonJS preload, the `keyrescue` CLI (esbuild), and
// the renderer (Vite). Output goes to out/, which electron-builder packs and `bin` points into.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rm } from 'node:fs/promises';
import { buildCli, nodeBundle as node } from './build-cli.mjs';

await rm('out', { recursive: true, force: true });
await Promise.all([
  esbuild({
    ...node,
    entryPoints: ['main/index.ts'],
    outfile: 'out/main/index.cjs',
    external: [...node.external, 'electron'],
  }),
  // A sandboxed preload can require only `electron`: everything else is bundled into one file.
  esbuild({
    ...node,
    entryPoints: ['main/preload.ts'],
    outfile: 'out/preload/index.cjs',
    external: ['electron'],
  }),
  buildCli('out/cli'),
]);
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log('built out/main, out/preload, out/cli, out/renderer');
