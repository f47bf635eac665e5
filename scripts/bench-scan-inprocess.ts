// The in-process part of `npm run bench:scan`: what the inventory pays to scan a key folder.
import { performance } from 'node:perf_hooks';
import { scanLocalKeys } from '../src/inventory/local-key-scan';

/** Median milliseconds of `runs` scans of `folder`, checking every key was found each time. */
export async function timeFolderScan(folder: string, expected: number, runs: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const scan = await scanLocalKeys({ folders: [folder], files: [] });
    samples.push(performance.now() - started);
    if (scan.keys.length !== expected || scan.problems.length > 0)
      throw new Error(`the scan found ${scan.keys.length} keys and ${scan.problems.length} problems`);
  }
  return [...samples].sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}
