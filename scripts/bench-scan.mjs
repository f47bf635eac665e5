#!/usr/bin/env node
// `npm run bench:scan` (not run in CI): fingerprint 1,000 local key files (800 Ed25519 OpenSSH and
// 200 RSA-2048 PKCS#1 PEM, all made by ssh-keygen) in one `keyrescue fingerprint` call versus a
// shell loop of `ssh-keygen -l -f` over the same files. Target: ≥ 15× faster. Also prints the
// in-process scan of the same folder, which is what `match` and the inventory page pay.
// Wall-clock includes process start-up on both sides; the two run turn about, so a noisy moment
// on the machine hits both alike.
import { execFile, execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { buildCli } from './build-cli.mjs';

const ED25519 = 800;
const RSA = 200;
const RUNS = 3;

const outdir = join(process.cwd(), 'node_modules', '.cache', 'keyrescue-bench');
const cli = await buildCli(outdir);
await build({
  entryPoints: ['scripts/bench-scan-inprocess.ts'],
  outfile: join(outdir, 'bench-scan-inprocess.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
});
const { timeFolderScan } = createRequire(import.meta.url)(join(outdir, 'bench-scan-inprocess.cjs'));

const dir = mkdtempSync(join(tmpdir(), 'keyrescue-bench-scan-'));
const median = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
const ms = (v) => `${v.toFixed(0)} ms`;
try {
  // Keys are made four at a time (RSA generation is what takes long); .pub files are removed so
  // ssh-keygen -l reads each private key, as KeyRescue does.
  const specs = [
    ...Array.from({ length: ED25519 }, (_, i) => ({ name: `ed25519_${i}`, args: ['-t', 'ed25519'] })),
    ...Array.from({ length: RSA }, (_, i) => ({
      name: `rsa_${i}.pem`,
      args: ['-t', 'rsa', '-b', '2048', '-m', 'PEM'],
    })),
  ];
  const keygen = promisify(execFile);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < specs.length) {
        const { name, args } = specs[next++];
        const path = join(dir, name);
        await keygen('ssh-keygen', ['-q', ...args, '-N', '', '-C', name, '-f', path]);
        rmSync(`${path}.pub`);
      }
    }),
  );
  const files = specs.map(({ name }) => join(dir, name));

  const run = (cmd, args) =>
    execFileSync(cmd, args, { maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  const ours = () => {
    const rows = JSON.parse(run(process.execPath, [cli, 'fingerprint', '--json', ...files]).toString());
    if (rows.length !== files.length) throw new Error(`keyrescue printed ${rows.length} fingerprints`);
  };
  // `|| exit 1`: a failed ssh-keygen call fails the loop (execFileSync throws), so both sides do the work.
  const theirs = () =>
    run('sh', ['-c', 'for f in "$@"; do ssh-keygen -l -f "$f" >/dev/null || exit 1; done', 'sh', ...files]);
  ours(); // fills the CLI's compile cache, as any user's first run does
  const samples = [[], []];
  for (let i = 0; i < RUNS; i++) {
    [ours, theirs].forEach((fn, side) => {
      const started = performance.now();
      fn();
      samples[side].push(performance.now() - started);
    });
  }
  const [oursMs, theirsMs] = samples.map(median);
  const startup = median(
    Array.from({ length: RUNS }, () => {
      const started = performance.now();
      run(process.execPath, [cli, '--version']);
      return performance.now() - started;
    }),
  );
  const inProcess = await timeFolderScan(dir, files.length, RUNS);

  console.log(
    `${files.length} key files (${ED25519} Ed25519 OpenSSH, ${RSA} RSA-2048 PEM), median of ${RUNS}, run turn about`,
  );
  console.log(`  keyrescue fingerprint (1 call):  ${ms(oursMs)}`);
  console.log(`  ssh-keygen -l -f (${files.length} calls):   ${ms(theirsMs)}`);
  console.log(`  ratio: keyrescue is ${(theirsMs / oursMs).toFixed(1)}× faster (target ≥ 15×)`);
  console.log(`  (of which keyrescue start-up alone, \`keyrescue --version\`: ${ms(startup)})`);
  console.log(`  in-process scan of the folder (what match and the inventory pay): ${ms(inProcess)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
