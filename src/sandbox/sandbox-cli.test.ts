import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../app/core';
import { runCli } from '../cli/run-cli';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kr-sandbox-cli-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    args,
    {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      stdinIsTTY: false,
      readLine: async () => '',
      env: { KEYRESCUE_HOME: dir },
      cwd: dir,
    },
    () => createCore({ userDataDir: dir, runtime: 'cli' }),
  );
  return { code, stdout, stderr };
}

describe('keyrescue sandbox arguments', () => {
  it('rejects a bad seed, speed or port with exit code 2 and the usage line', async () => {
    for (const args of [['--seed', 'full'], ['--speed', 'fast'], ['--port', '70000'], ['--bogus']]) {
      const result = await cli(['sandbox', ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(
        'Usage: keyrescue sandbox [--port N] [--state FILE] [--seed demo|empty] [--speed instant|realistic]',
      );
      expect(result.stdout).toBe('');
    }
  });

  it('is listed in keyrescue --help', async () => {
    const result = await cli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\n {2}sandbox +Run the practice AWS account/);
  });
});
