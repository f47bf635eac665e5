import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appVersion } from '../app/app-version';

const run = promisify(execFile);
const launcher = 'out/cli/keyrescue.cjs';
// Node ≥ 22.1 caches compiled code itself; the launcher's own cache is what runs on older Node.
const ownCache = !('enableCompileCache' in (await import('node:module')).default);

describe.runIf(ownCache)('the keyrescue launcher’s compile cache (built bin)', () => {
  let temp: string;
  beforeAll(async () => {
    if (!existsSync('out/cli/keyrescue-main.cjs'))
      await run('node', ['scripts/build.mjs'], { timeout: 180_000 });
  }, 200_000);
  beforeEach(async () => {
    temp = await mkdtemp(join(tmpdir(), 'keyrescue-launch-'));
  });
  afterEach(async () => {
    await rm(temp, { recursive: true, force: true });
  });

  async function version(mode = 'debug') {
    const { stdout, stderr } = await run('node', [launcher, '--version'], {
      env: { ...process.env, KEYRESCUE_HOME: temp, KEYRESCUE_COMPILE_CACHE: mode },
    });
    return { stdout, stderr };
  }
  const cacheDir = () => join(temp, 'compile-cache');

  it('writes the cache on the first run (owner-only) and uses it on the next', async () => {
    expect(await version()).toEqual({ stdout: `${appVersion}\n`, stderr: 'compile cache: miss\n' });
    const files = await readdir(cacheDir());
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(
      new RegExp(`^cli-${process.version.replace(/\./g, '\\.')}-${process.arch}-\\d+-\\d+\\.bin$`),
    );
    expect((await stat(cacheDir())).mode & 0o777).toBe(0o700);
    expect((await stat(join(cacheDir(), files[0] as string))).mode & 0o777).toBe(0o600);
    expect(await version()).toEqual({ stdout: `${appVersion}\n`, stderr: 'compile cache: hit\n' });
  });

  it('drops the caches of earlier builds when it writes a new one', async () => {
    const stale = join(cacheDir(), `cli-${process.version}-${process.arch}-1234-5678.bin`);
    const otherNode = join(cacheDir(), 'cli-v99.0.0-x64-1234-5678.bin');
    await mkdir(cacheDir(), { recursive: true });
    await writeFile(stale, 'an earlier build');
    await writeFile(otherNode, 'another Node');
    expect((await version()).stderr).toBe('compile cache: miss\n');
    const files = await readdir(cacheDir());
    expect(files).toHaveLength(2);
    expect(files).toContain('cli-v99.0.0-x64-1234-5678.bin');
    expect(files).not.toContain(`cli-${process.version}-${process.arch}-1234-5678.bin`);
  });

  it('runs normally from a damaged cache and replaces it', async () => {
    await version();
    const [file] = await readdir(cacheDir());
    const path = join(cacheDir(), file as string);
    await writeFile(path, 'not a V8 code cache');
    expect(await version()).toEqual({ stdout: `${appVersion}\n`, stderr: 'compile cache: rejected\n' });
    expect((await readFile(path)).toString()).not.toBe('not a V8 code cache');
    expect((await version()).stderr).toBe('compile cache: hit\n');
  });

  it('runs without a cache when it is turned off, and when its folder cannot be written', async () => {
    expect(await version('off')).toEqual({ stdout: `${appVersion}\n`, stderr: '' });
    expect(existsSync(cacheDir())).toBe(false);
    // A file where the cache folder would go: nothing can be written there.
    await writeFile(cacheDir(), '');
    expect(await version()).toEqual({ stdout: `${appVersion}\n`, stderr: 'compile cache: miss\n' });
    expect(await version()).toEqual({ stdout: `${appVersion}\n`, stderr: 'compile cache: miss\n' });
  });
});
