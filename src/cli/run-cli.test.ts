import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../app/core';
import { appVersion } from '../app/app-version';
import { runCli } from './run-cli';
import { runCliCaptured } from './test-support/run-cli-captured';
import type { CliCommand } from './cli-types';
import { AppError } from '../ipc/app-error';

describe('runCli', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-cli-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  function cli(...argv: string[]) {
    return runCliCaptured(argv, {
      cwd: dir,
      createCore: () => createCore({ userDataDir: dir, runtime: 'cli' }),
    });
  }

  it('prints the package version', async () => {
    expect(await cli('--version')).toEqual({ code: 0, stdout: `${appVersion}\n`, stderr: '' });
  });

  it('prints help listing the commands', async () => {
    const result = await cli('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: keyrescue <command> \[options\]/);
    expect(result.stdout).toMatch(/\n {2}info +Show the app name/);
  });

  it('info --json prints the router answer as JSON', async () => {
    const result = await cli('info', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      name: 'KeyRescue',
      version: appVersion,
      platform: process.platform,
      arch: process.arch,
      mode: 'sandbox',
      runtime: 'cli',
    });
  });

  it('exits 2 with usage on stderr for an unknown command, no command, or an unknown option', async () => {
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^keyrescue: unknown command 'frobnicate'\n\nUsage: keyrescue <command>/);
    expect((await cli()).code).toBe(2);
    const badOption = await cli('info', '--jsn');
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain("Unknown option '--jsn'");
    expect(badOption.stderr).toContain('Usage: keyrescue info [--json]');
  });

  it("command --help prints that command's usage", async () => {
    expect(await cli('info', '--help')).toEqual({
      code: 0,
      stdout:
        'Usage: keyrescue info [--json]\n\nShow the app name, version, platform and whether the practice account is active.\n',
      stderr: '',
    });
  });

  it('disposes the core after a command, whether it succeeded or failed', async () => {
    const disposed: string[] = [];
    const failing: CliCommand = {
      name: 'fail',
      summary: 'fails',
      usage: 'keyrescue fail',
      run: async () => {
        throw new AppError('keys.wrongPassphrase', 'Wrong passphrase for /tmp/k.ppk.');
      },
    };
    const io = {
      stdout: () => undefined,
      stderr: () => undefined,
      stdinIsTTY: () => false,
      readLine: async () => '',
      env: {},
      cwd: dir,
    };
    const coreFactory = (label: string) => () => {
      const core = createCore({ userDataDir: dir, runtime: 'cli' });
      return { ...core, dispose: async () => void disposed.push(label) };
    };
    expect(await runCli(['info'], io, coreFactory('info'))).toBe(0);
    expect(await runCli(['fail'], io, coreFactory('fail'), [failing])).toBe(1);
    expect(disposed).toEqual(['info', 'fail']);
  });
});
