import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePathBeside } from './free-path';

describe('freePathBeside', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-free-path-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('numbers the name before its extension, skipping names that are taken', async () => {
    await writeFile(join(dir, 'key.pem'), 'x');
    expect(await freePathBeside(join(dir, 'key.pem'))).toBe(join(dir, 'key-2.pem'));
    await writeFile(join(dir, 'key-2.pem'), 'x');
    await mkdir(join(dir, 'key-3.pem'));
    // A dangling link is taken too: writing there would follow it.
    await symlink(join(dir, 'nowhere'), join(dir, 'key-4.pem'));
    expect(await freePathBeside(join(dir, 'key.pem'))).toBe(join(dir, 'key-5.pem'));
  });

  it('counts on from a name that already ends in a number, and handles names without extension', async () => {
    expect(await freePathBeside(join(dir, 'deploy-7.ppk'))).toBe(join(dir, 'deploy-8.ppk'));
    expect(await freePathBeside(join(dir, 'id_ed25519'))).toBe(join(dir, 'id_ed25519-2'));
  });

  it('gives up after 100 taken names instead of searching without end', async () => {
    await Promise.all(Array.from({ length: 100 }, (_, index) => writeFile(join(dir, `k-${index + 2}`), 'x')));
    expect(await freePathBeside(join(dir, 'k'))).toBeNull();
  });
});
