import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appVersion } from '../app/app-version';

const run = promisify(execFile);

/** The real `bin` entry as a user runs it after `npm run build`: `npx keyrescue …`. */
describe('npx keyrescue (built bin)', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'keyrescue-bin-'));
    if (!existsSync('out/cli/keyrescue-main.cjs'))
      await run('node', ['scripts/build.mjs'], { timeout: 180_000 });
  }, 200_000);
  afterAll(() => rm(home, { recursive: true, force: true }));

  async function npx(...args: string[]) {
    try {
      const { stdout, stderr } = await run('npx', ['--no-install', 'keyrescue', ...args], {
        env: { ...process.env, KEYRESCUE_HOME: home },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('--version prints the package version', async () => {
    expect(await npx('--version')).toEqual({ code: 0, stdout: `${appVersion}\n`, stderr: '' });
  });

  it('info --json prints valid JSON from the router', async () => {
    const result = await npx('info', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      name: 'KeyRescue',
      version: appVersion,
      runtime: 'cli',
    });
  });

  it('an unknown command exits 2 with usage on stderr', async () => {
    const result = await npx('no-such-command');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: keyrescue <command> [options]');
  });
});
