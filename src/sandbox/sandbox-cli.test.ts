import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../app/core';
import { runCliCaptured } from '../cli/test-support/run-cli-captured';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kr-sandbox-cli-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function cli(args: string[]) {
  return runCliCaptured(args, {
    cwd: dir,
    env: { KEYRESCUE_HOME: dir },
    createCore: () => createCore({ userDataDir: dir, runtime: 'cli' }),
  });
}

describe('keyrescue sandbox arguments', () => {
  it('rejects a bad seed, speed, port or client address with exit code 2 and the usage line', async () => {
    for (const args of [
      ['--seed', 'full'],
      ['--speed', 'fast'],
      ['--port', '70000'],
      ['--client-address', '203.0.113.0/24'],
      ['--bogus'],
    ]) {
      const result = await cli(['sandbox', ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(
        'Usage: keyrescue sandbox [--port N] [--state FILE] [--seed demo|empty] [--speed instant|realistic] [--client-address IPV4]',
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
