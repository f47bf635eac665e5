import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// The temp files writeFileAtomic leaves beside a target while it writes: `.NAME.PID.HEX.tmp`. The pid
// says whose it is, so a later run can tell the leftover of a killed process (which may hold an
// unencrypted private key) from a write another process is doing right now.
const tempName = /^\.(.+)\.([1-9][0-9]{0,9})\.([0-9a-f]{12})\.tmp$/;
// Before the pid was in the name (`.NAME.HEX.tmp`): only age can tell those are abandoned.
const legacyTempName = /^\.(.+)\.([0-9a-f]{12})\.tmp$/;

/** A temp file older than this is abandoned whoever made it: a real write takes milliseconds. */
export const staleTempAgeMs = 15 * 60_000;

/** Whether a file name is one of writeFileAtomic's temp files (a write in flight, or a killed run's). */
export function isAtomicTempName(name: string): boolean {
  return tempName.test(name) || legacyTempName.test(name);
}

/** The temp path writeFileAtomic uses for `path` (same folder, so the final rename is atomic). */
export function atomicTempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a folder entry is one of our temp files that nobody is writing any more. */
function isStale(name: string, stat: { mtimeMs: number }, now: number): boolean {
  const old = now - stat.mtimeMs > staleTempAgeMs;
  const match = tempName.exec(name);
  if (match) {
    const pid = Number(match[2]);
    // Our own pid: a write of this process may be in flight (a batch writes several at once).
    return old || (pid !== process.pid && !processIsAlive(pid));
  }
  return old && legacyTempName.test(name);
}

/**
 * Removes writeFileAtomic's abandoned temp files from `folder` (a killed process's leftovers), and
 * nothing else: only names of our pattern, only regular files owned by this user (a symlink is never
 * followed or removed), only stale ones. Best effort: a folder that cannot be read is left alone.
 * Returns the names it removed.
 */
export async function removeStaleTempFiles(folder: string, now = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch {
    return [];
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const removed: string[] = [];
  for (const name of names) {
    if (!isAtomicTempName(name)) continue;
    const path = join(folder, name);
    const stat = await fs.lstat(path).catch(() => undefined);
    if (!stat?.isFile() || (uid !== undefined && stat.uid !== uid) || !isStale(name, stat, now)) continue;
    try {
      await fs.unlink(path);
      removed.push(name);
    } catch {
      // Gone already or not ours to remove: either way nothing to do.
    }
  }
  return removed;
}
