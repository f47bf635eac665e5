import { promises as fs } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/** How many numbered names are tried before giving up (a folder with more is not worth a suggestion). */
const maxTries = 100;

/**
 * A path beside `path` that does not exist yet, for "that file exists — save as …?": `key` → `key-2`,
 * `key.pem` → `key-2.pem`, `key-2.pem` → `key-3.pem`. `null` when none of the next names is free.
 */
export async function freePathBeside(path: string): Promise<string | null> {
  const folder = dirname(path);
  const extension = extname(path);
  const stem = basename(path, extension);
  const numbered = /^(.*)-(\d{1,6})$/.exec(stem);
  const base = numbered ? (numbered[1] ?? stem) : stem;
  const first = numbered ? Number(numbered[2]) + 1 : 2;
  for (let n = first; n < first + maxTries; n++) {
    const candidate = join(folder, `${base}-${n}${extension}`);
    const exists = await fs.lstat(candidate).then(
      () => true,
      (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
    );
    if (!exists) return candidate;
  }
  return null;
}
