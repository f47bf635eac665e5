import { chmodSync, mkdirSync, promises as fs, statSync } from 'node:fs';

/** Owner-only: KeyRescue's folders hold settings, caches, sandbox state and practice private keys. */
export const PRIVATE_DIR_MODE = 0o700;

function isWidelyAccessible(mode: number, uid: number): boolean {
  // Only a folder the user owns is tightened; one owned by someone else is not ours to change.
  return (mode & 0o077) !== 0 && uid === process.getuid?.();
}

/**
 * Creates a KeyRescue folder and any missing parents owner-only (0700), and tightens the folder
 * itself if an earlier version or another tool made it readable by others. Call it only for folders
 * KeyRescue owns, never for a folder the user chose (tightening their project folder would surprise).
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform === 'win32') return;
  const { mode, uid } = await fs.stat(dir);
  if (isWidelyAccessible(mode, uid)) await fs.chmod(dir, PRIVATE_DIR_MODE);
}

/** `ensurePrivateDir` for the few synchronous callers (CLI start-up, the compile cache). */
export function ensurePrivateDirSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform === 'win32') return;
  const { mode, uid } = statSync(dir);
  if (isWidelyAccessible(mode, uid)) chmodSync(dir, PRIVATE_DIR_MODE);
}
