import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../app/core';

const run = promisify(execFile);
const launcher = 'out/cli/keyrescue.cjs';

/** Every folder from `root` down, with its permission bits in octal: `{ '.': '700', 'x/y': '700' }`. */
async function folderModes(root: string): Promise<Record<string, string>> {
  const modes: Record<string, string> = {};
  async function walk(dir: string, name: string): Promise<void> {
    modes[name] = ((await stat(dir)).mode & 0o777).toString(8);
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory())
        await walk(join(dir, entry.name), name === '.' ? entry.name : `${name}/${entry.name}`);
    }
  }
  await walk(root, '.');
  return modes;
}

const allPrivate = (modes: Record<string, string>) =>
  Object.fromEntries(Object.keys(modes).map((name) => [name, '700']));

/**
 * `~/.keyrescue` and everything under it are owner-only whichever command creates them first: the
 * folder holds settings, caches, the practice account's state and its private keys. Each case
 * starts from a home folder with no `.keyrescue` at all and runs the real built `keyrescue`.
 */
describe.skipIf(process.platform === 'win32')('~/.keyrescue is 0700 whichever command runs first', () => {
  let root: string;
  let home: string;
  let data: string;
  beforeAll(async () => {
    if (!existsSync('out/cli/keyrescue-main.cjs'))
      await run('node', ['scripts/build.mjs'], { timeout: 180_000 });
  }, 200_000);
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'keyrescue-private-'));
    home = join(root, 'home');
    // A typical home: readable by others, so nothing below inherits privacy from it.
    await mkdir(home, { mode: 0o755 });
    await chmod(home, 0o755);
    data = join(home, '.keyrescue');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const env = (extra: NodeJS.ProcessEnv = {}) => ({
    PATH: process.env.PATH,
    HOME: home,
    KEYRESCUE_HOME: data,
    ...extra,
  });

  it('--version (the launcher writes its compile cache)', async () => {
    await run('node', [launcher, '--version'], { env: env() });
    const modes = await folderModes(data);
    // Node ≥ 22.1 writes its own cache layout below compile-cache/; every level must be private.
    expect(Object.keys(modes)).toContain('compile-cache');
    expect(modes).toEqual(allPrivate(modes));
  });

  it('keypairs list on the practice account (state file, practice keys, inventory cache)', async () => {
    const { stdout } = await run('node', [launcher, 'keypairs', 'list', '--json'], {
      env: env({ KEYRESCUE_COMPILE_CACHE: 'off' }),
      timeout: 60_000,
    });
    expect((JSON.parse(stdout) as unknown[]).length).toBeGreaterThan(0);
    const modes = await folderModes(data);
    expect(Object.keys(modes).sort()).toEqual(['.', 'inventory-cache', 'practice-keys']);
    expect(modes).toEqual(allPrivate(modes));
  }, 60_000);

  it('sandbox (its default state folder)', async () => {
    const child = spawn('node', [launcher, 'sandbox', '--speed', 'instant'], {
      env: env({ KEYRESCUE_COMPILE_CACHE: 'off' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', () => stderr.includes('press Ctrl+C') && resolve());
      child.once('exit', (code) => reject(new Error(`sandbox exited (${code}): ${stderr}`)));
    });
    child.kill('SIGTERM');
    await exited;
    const modes = await folderModes(data);
    expect(Object.keys(modes).sort()).toEqual(['.', 'sandbox', 'sandbox/practice-keys']);
    expect(modes).toEqual(allPrivate(modes));
  }, 60_000);

  it('the app core: settings, endpoint overrides and key folders each create it private', async () => {
    for (const [channel, input] of [
      ['settings:set', { theme: 'dark' }],
      ['accounts:setEndpoint', { id: 'practice', endpoint: 'http://127.0.0.1:9' }],
      ['inventory:addFolder', { path: home }],
    ] as const) {
      await rm(data, { recursive: true, force: true });
      const core = createCore({ userDataDir: data, runtime: 'cli', accounts: { homeDir: home } });
      const result = await core.router.dispatch(channel, input, { caller: 'test', emit: () => undefined });
      await core.dispose();
      expect(result.ok ? channel : `${channel}: ${result.error.code}`).toBe(channel);
      expect(await folderModes(data)).toEqual({ '.': '700' });
    }
  });

  it('a ~/.keyrescue an earlier version left readable by others is tightened', async () => {
    await mkdir(join(data, 'compile-cache'), { recursive: true, mode: 0o755 });
    await chmod(data, 0o755);
    await chmod(join(data, 'compile-cache'), 0o755);
    await run('node', [launcher, '--version'], { env: env() });
    const modes = await folderModes(data);
    expect(modes).toEqual(allPrivate(modes));
  });
});
