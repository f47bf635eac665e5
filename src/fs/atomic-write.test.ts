import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write';

const posix = process.platform !== 'win32';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-atomic-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes the whole file with the requested mode and leaves no temp file', async () => {
    const path = join(dir, 'id_test');
    await writeFileAtomic(path, 'secret\n', { mode: 0o600, ownerOnly: true });
    expect(await readFile(path, 'utf8')).toBe('secret\n');
    if (posix) expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['id_test']);
  });

  it('never replaces an existing file unless asked', async () => {
    const path = join(dir, 'key.pem');
    await writeFile(path, 'original');
    const error = await writeFileAtomic(path, 'new').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'file.exists', details: { path } });
    expect(await readFile(path, 'utf8')).toBe('original');
    expect(await readdir(dir)).toEqual(['key.pem']);
    await writeFileAtomic(path, 'new', { overwrite: true });
    expect(await readFile(path, 'utf8')).toBe('new');
  });

  it('reports a missing folder and a target that is a folder, writing nothing', async () => {
    await expect(writeFileAtomic(join(dir, 'nope', 'k'), 'x')).rejects.toMatchObject({
      code: 'file.folderMissing',
    });
    await mkdir(join(dir, 'sub'));
    await expect(writeFileAtomic(join(dir, 'sub'), 'x', { overwrite: true })).rejects.toMatchObject({
      code: 'file.isFolder',
    });
    expect(await readdir(dir)).toEqual(['sub']);
    expect(await readdir(join(dir, 'sub'))).toEqual([]);
  });
});
