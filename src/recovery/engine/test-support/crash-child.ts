import { writeSync } from 'node:fs';
import { systemClock } from '../../../app/clock';
import { RecoveryJournals } from '../../journal/recovery-journal';
import { RecoveryExecutor } from '../executor';
import { crashSteps, reportPoints } from './crash-steps';
import { start } from './recovery-start';

/**
 * The crash test's child process (bundled by crash-resume.test.ts): starts a recovery, prints
 * `JOURNAL <id>`, runs the crash steps and, at the kill point KR_KILL_AT, prints `READY <point>`
 * and blocks (synchronously: nothing more happens) until the parent SIGKILLs it. Reaching the end
 * without being killed prints `FINISHED`.
 */
const userDataDir = process.env.KR_USER_DATA!;
const file = process.env.KR_FILE!;
const killAt = process.env.KR_KILL_AT!;

function at(point: string): void {
  if (point !== killAt) return;
  writeSync(1, `READY ${point}\n`);
  // Blocks this thread for good: the parent's SIGKILL is the only way out.
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}

async function main(): Promise<void> {
  const journal = await new RecoveryJournals(userDataDir, systemClock).start(start);
  writeSync(1, `JOURNAL ${journal.id}\n`);
  await new RecoveryExecutor().run(journal, crashSteps(file, at), { onProgress: reportPoints(at) });
  writeSync(1, 'FINISHED\n');
}

main().catch((error: unknown) => {
  writeSync(2, `${String(error)}\n`);
  process.exit(1);
});
