#!/usr/bin/env node
// `npm run bench:recovery` (not run in CI): the five recovery paths on the practice sandbox with
// AWS-like transition times (scaled down, `--scale N`, default ÷2): each path's wall time against
// the AWS state transitions it waited for (overhead %, target ≤ 5 %) and its API calls. Exits 1 if
// a path did not end verified. The body is TypeScript (scripts/bench-recovery-run.ts), bundled here
// the way scripts/build.mjs bundles the CLI.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const outdir = join(process.cwd(), 'node_modules', '.cache', 'keyrescue-bench');
await build({
  entryPoints: ['scripts/bench-recovery-run.ts'],
  outfile: join(outdir, 'bench-recovery-run.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
});
const { runRecoveryBenchmark } = createRequire(import.meta.url)(join(outdir, 'bench-recovery-run.cjs'));
process.exitCode = await runRecoveryBenchmark(process.argv.slice(2));
