// The Convert tab's cost of a batch, bundled and run by scripts/bench-convert.mjs in a process of
// its own: `keys:convert` through the real router (input and output validated, as over IPC) with
// the app's real services, files written to disk, no process start-up.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../src/app/core';

interface Request {
  inputs: string[];
  workDir: string;
  runs: number;
}

/** Wall and CPU times (ms) of `runs` batch conversions, each into a fresh folder, after a warm-up. */
export async function timeInProcessBatches({
  inputs,
  workDir,
  runs,
}: Request): Promise<{ wall: number[]; cpu: number[] }> {
  const core = createCore({ userDataDir: join(workDir, 'home'), runtime: 'cli' });
  const samples = { wall: [] as number[], cpu: [] as number[] };
  for (let run = -1; run < runs; run++) {
    const outDir = join(workDir, `inprocess${run + 1}`);
    mkdirSync(outDir);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const envelope = await core.router.dispatch(
      'keys:convert',
      {
        items: inputs.map((path) => ({ source: { kind: 'file', path } })),
        target: 'ppk3',
        outDir,
        allOrNothing: true,
      },
      { caller: 'cli', emit: () => undefined },
    );
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpu);
    // Counted only if every key was converted: a fast failure is not a result.
    const results = envelope.ok ? (envelope.value as { results: { ok: boolean }[] }).results : [];
    if (results.length !== inputs.length || !results.every((r) => r.ok))
      throw new Error(`in-process run ${run + 1} did not convert every key`);
    if (readdirSync(outDir).length !== inputs.length)
      throw new Error(`in-process run ${run + 1} wrote ${readdirSync(outDir).length} files`);
    if (run >= 0) {
      samples.wall.push(elapsed);
      samples.cpu.push((used.user + used.system) / 1000);
    }
  }
  await core.dispose();
  return samples;
}

// Run as a child: `node bench-convert-inprocess.cjs '<json request>'` prints the samples as JSON.
if (require.main === module) {
  timeInProcessBatches(JSON.parse(process.argv[2]!) as Request).then(
    (samples) => process.stdout.write(JSON.stringify(samples)),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
