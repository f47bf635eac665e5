#!/usr/bin/env node
// `npm run bench:convert`: KeyRescue's converter against puttygen 0.78 (not run in CI).
//  1. 100 unencrypted keys (50 RSA-2048 PKCS#1 PEM + 50 Ed25519 OpenSSH) → PPK v3:
//     one `keyrescue convert` call vs a loop of 100 `puttygen` calls. Target: ≥ 10× faster.
//     Also the same batch in-process through the router (what the Convert tab pays, no process
//     start-up). Target: ≥ 50× faster than the puttygen loop.
//  2. One key → encrypted PPK v3 with the same Argon2 parameters in both. Target: ≤ 1.5× puttygen.
// Wall-clock includes process start-up on both sides, because that is what a user waits for. The
// first `keyrescue --version` run fills the CLI's compile cache, as any user's first run does.
// Every run of either side must have converted all 100 keys, checked after the timing.
import { build as esbuild } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildCli, nodeBundle } from './build-cli.mjs';

const KEYS = 100;
const ARGON2 = { memory: 8192, passes: 13, parallelism: 1 };
const RUNS = 3;
// One encrypted key takes ~0.2 s, so more runs are cheap and steady the median against noise.
const ENCRYPTED_RUNS = 15;

const dir = mkdtempSync(join(tmpdir(), 'keyrescue-bench-'));
// Built exactly as scripts/build.mjs builds out/cli, so the benchmark measures the shipped CLI; in
// this checkout's out/ (its runtime dependencies resolve from the project's node_modules, and
// node_modules itself may be shared by several checkouts).
const built = join(process.cwd(), 'out', 'bench-convert');
const cli = await buildCli(built);
const inProcess = join(built, 'bench-convert-inprocess.cjs');
await esbuild({ ...nodeBundle, entryPoints: ['scripts/bench-convert-inprocess.ts'], outfile: inProcess });
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
const median = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
function time(fn, runs = RUNS) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn(i);
    samples.push(performance.now() - started);
  }
  return median(samples);
}
/** The Public-Lines block of a PPK file: equal for two files of the same key. */
const publicLines = (path) =>
  /Public-Lines: \d+\n[^]*?(?=\n[A-Z][\w-]+: )/.exec(readFileSync(path, 'utf8'))?.[0];

/** Every input became a PPK in `out`, with the public key of the same input in the reference folder. */
function checkBatch(out, reference, inputs) {
  const written = readdirSync(out).sort();
  if (written.length !== inputs.length)
    throw new Error(`${out}: ${written.length} files, not ${inputs.length}`);
  for (const input of inputs) {
    const name = `${input.split('/').pop()}.ppk`;
    const ours = publicLines(join(out, name));
    if (!ours || ours !== publicLines(join(reference, name)))
      throw new Error(`${join(out, name)}: not the public key of ${input}`);
  }
}

/** Medians of two commands run turn about, so a noisy moment on the machine hits both alike. */
function timePair(ours, theirs, runs) {
  const samples = [[], []];
  for (let i = 0; i < runs; i++) {
    [ours, theirs].forEach((fn, side) => {
      const started = performance.now();
      fn(i);
      samples[side].push(performance.now() - started);
    });
  }
  return samples.map(median);
}

try {
  const inputs = [];
  for (let i = 0; i < KEYS; i++) {
    const p = join(dir, `key${i}`);
    if (i % 2 === 0) {
      writeFileSync(
        p,
        generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
          type: 'pkcs1',
          format: 'pem',
        }),
        { mode: 0o600 },
      );
    } else {
      run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `key${i}`, '-f', p]);
    }
    inputs.push(p);
  }
  const pass = join(dir, 'pass');
  writeFileSync(pass, 'correct horse battery staple\n', { mode: 0o600 });

  const startup = time(() => run(process.execPath, [cli, '--version']));
  // Node's own start in this environment: the floor under any Node CLI (NODE_EXTRA_CA_CERTS, if
  // set, is parsed at every start by Node 20 and can cost more than everything KeyRescue does).
  const nodeStartup = time(() => run(process.execPath, ['-e', '']));
  const [ours, theirs] = timePair(
    (r) => {
      const out = join(dir, `ours${r}`);
      mkdirSync(out);
      run(process.execPath, [cli, 'convert', ...inputs, '--to', 'ppk', '--out-dir', out]);
    },
    (r) => {
      const out = join(dir, `puttygen${r}`);
      mkdirSync(out);
      for (const p of inputs)
        run('puttygen', [p, '-O', 'private', '-o', join(out, `${p.split('/').pop()}.ppk`)]);
    },
    RUNS,
  );

  // puttygen (its exit status was checked by execFileSync) and keyrescue converted every key, alike.
  for (let r = 0; r < RUNS; r++) {
    checkBatch(join(dir, `puttygen${r}`), join(dir, 'puttygen0'), inputs);
    checkBatch(join(dir, `ours${r}`), join(dir, 'puttygen0'), inputs);
  }
  for (const name of readdirSync(join(dir, 'ours0'))) run('puttygen', ['-l', join(dir, 'ours0', name)]);

  // In-process (the Convert tab's cost), in a child process so this script's own state does not
  // weigh on it; it checks each of its runs converted every key.
  const inProcessRuns = 9;
  mkdirSync(join(dir, 'inprocess'));
  const inProcessSamples = JSON.parse(
    execFileSync(process.execPath, [
      inProcess,
      JSON.stringify({ inputs, workDir: join(dir, 'inprocess'), runs: inProcessRuns }),
    ]).toString(),
  );
  for (let r = 0; r < inProcessRuns; r++)
    checkBatch(join(dir, 'inprocess', `inprocess${r + 1}`), join(dir, 'puttygen0'), inputs);
  const inProcessMs = median(inProcessSamples.wall);
  const inProcessCpuMs = median(inProcessSamples.cpu);

  const [encOurs, encTheirs] = timePair(
    (r) =>
      run(process.execPath, [
        cli,
        'convert',
        inputs[0],
        '--to',
        'ppk3',
        '-o',
        join(dir, `enc-ours${r}.ppk`),
        '--new-passphrase-file',
        pass,
        '--kdf',
        'argon2id',
        '--memory',
        String(ARGON2.memory),
        '--passes',
        String(ARGON2.passes),
        '--parallelism',
        String(ARGON2.parallelism),
      ]),
    (r) =>
      run('puttygen', [
        inputs[0],
        '--new-passphrase',
        pass,
        '-O',
        'private',
        '-o',
        join(dir, `enc-puttygen${r}.ppk`),
        '--ppk-param',
        `version=3,kdf=argon2id,memory=${ARGON2.memory},passes=${ARGON2.passes},parallelism=${ARGON2.parallelism}`,
      ]),
    ENCRYPTED_RUNS,
  );

  const ms = (v) => `${v.toFixed(0)} ms`;
  console.log(`Batch of ${KEYS} unencrypted keys → PPK v3 (median of ${RUNS}, run turn about)`);
  console.log(`  keyrescue (1 call):       ${ms(ours)}`);
  console.log(`  puttygen (${KEYS} calls):    ${ms(theirs)}`);
  console.log(`  ratio: keyrescue is ${(theirs / ours).toFixed(1)}× faster (target ≥ 10×)`);
  console.log(`  (of which keyrescue start-up alone, \`keyrescue --version\`: ${ms(startup)};`);
  console.log(
    `   Node's own start here, \`node -e ''\`: ${ms(nodeStartup)}${process.env.NODE_EXTRA_CA_CERTS ? ', with NODE_EXTRA_CA_CERTS set' : ''})`,
  );
  console.log(
    `Same batch in-process through the router (the Convert tab's cost; median of ${inProcessRuns})`,
  );
  console.log(
    `  keyrescue in-process:     ${ms(inProcessMs)} (CPU ${ms(inProcessCpuMs)}, file system threads included)`,
  );
  console.log(`  ratio: ${(theirs / inProcessMs).toFixed(1)}× faster than the puttygen loop (target ≥ 50×)`);
  console.log(
    `One key → encrypted PPK v3, argon2id m=${ARGON2.memory} t=${ARGON2.passes} p=${ARGON2.parallelism} (median of ${ENCRYPTED_RUNS}, run turn about)`,
  );
  console.log(`  keyrescue: ${ms(encOurs)}`);
  console.log(`  puttygen:  ${ms(encTheirs)}`);
  console.log(
    `  ratio: keyrescue takes ${(encOurs / encTheirs).toFixed(2)}× puttygen's time (target ≤ 1.5×)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
