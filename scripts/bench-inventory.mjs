#!/usr/bin/env node
// `npm run bench:inventory` (not run in CI): a sandbox with 150 ms injected latency, 17 regions ×
// 200 key pairs × 500 instances — as the account's totals, and as a stress run with those counts in
// every region. KeyRescue's all-region inventory vs a sequential per-region loop of the same SDK
// calls (target ≥ 10× faster), and vs one request chain (target ≤ 1.3×). The body is TypeScript
// (scripts/bench-inventory-run.ts), bundled here the way scripts/build.mjs bundles the CLI.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const outdir = join(process.cwd(), 'node_modules', '.cache', 'keyrescue-bench');
const bundle = (name) =>
  build({
    entryPoints: [`scripts/${name}.ts`],
    outfile: join(outdir, `${name}.cjs`),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
// The sandbox runs in a child process of its own, so it does not share the measured client's CPU.
await Promise.all([bundle('bench-inventory-run'), bundle('bench-inventory-sandbox')]);
await createRequire(import.meta.url)(join(outdir, 'bench-inventory-run.cjs')).runInventoryBenchmark(
  join(outdir, 'bench-inventory-sandbox.cjs'),
);
