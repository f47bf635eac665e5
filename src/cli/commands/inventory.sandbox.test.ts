import { afterEach, describe, expect, it } from 'vitest';
import {
  fixtureRsaLine as rsaLine,
  importKeyPair,
  startSandboxAccount,
  type SandboxAccount,
} from '../../inventory/test-support/sandbox-account';
import { runCliCaptured, type CapturedRunOptions } from '../test-support/run-cli-captured';

/**
 * `keyrescue inventory`: the inventory refresh operation through the router from the CLI (in-process
 * transport that delivers events), against the sandbox over HTTP with the real SDK.
 */
describe('keyrescue inventory', () => {
  let account: SandboxAccount;
  afterEach(async () => {
    await account.close();
  });

  const run = (args: string[], options: Partial<CapturedRunOptions> = {}) =>
    runCliCaptured(['inventory', ...args], {
      cwd: account.homeDir,
      createCore: () => account.core,
      ...options,
    });

  it('prints each region’s progress on stderr as the window shows it, then the key pairs', async () => {
    account = await startSandboxAccount();
    await importKeyPair(account.ec2('us-east-1'), 'web', rsaLine);
    await importKeyPair(account.ec2('eu-west-1'), 'ops', rsaLine);
    await importKeyPair(account.ec2('eu-west-1'), 'ci', rsaLine);
    const result = await run(['--region', 'us-east-1', '--region', 'eu-west-1']);
    expect(result.code).toBe(0);
    const lines = result.stderr.trimEnd().split('\n');
    // Both regions start before either ends (read side by side); each ends with its count.
    expect(lines.slice(0, 2).sort()).toEqual([
      'keyrescue inventory: [0/2] eu-west-1…',
      'keyrescue inventory: [0/2] us-east-1…',
    ]);
    expect(
      lines
        .slice(2)
        .map((line) => line.replace(/\[\d\/2\]/, '[n/2]'))
        .sort(),
    ).toEqual([
      'keyrescue inventory: [n/2] eu-west-1: done (2)',
      'keyrescue inventory: [n/2] us-east-1: done (1)',
    ]);
    expect(lines.at(-1)).toMatch(/^keyrescue inventory: \[2\/2\] /);
    expect(
      result.stdout
        .split('\n')
        .slice(1, 4)
        .map((line) => line.split(/\s+/).slice(0, 2).join(' ')),
    ).toEqual(['us-east-1 web', 'eu-west-1 ci', 'eu-west-1 ops']);
  });

  it('prints nothing but the final JSON with --json', async () => {
    account = await startSandboxAccount();
    await importKeyPair(account.ec2('us-east-1'), 'web', rsaLine);
    const result = await run(['--region', 'us-east-1', '--json']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect((JSON.parse(result.stdout) as { name: string }[]).map((keyPair) => keyPair.name)).toEqual(['web']);
  });

  it('Ctrl-C cancels the operation between regions (operations:cancel) and exits 1 saying so', async () => {
    account = await startSandboxAccount({
      extraRegions: ['ap-northeast-1'],
      accounts: { inventory: { concurrency: 1 } },
    });
    account.sandbox.control.setFault('DescribeKeyPairs', { latencyMs: 400 });
    const interrupt = new AbortController();
    const result = await run(
      ['--region', 'us-east-1', '--region', 'eu-west-1', '--region', 'ap-northeast-1'],
      {
        signal: interrupt.signal,
        onStderr: (text) => {
          if (text.includes('us-east-1…')) interrupt.abort();
        },
      },
    );
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'keyrescue inventory: [0/3] us-east-1…',
        // The region being read finishes; the next one never starts.
        'keyrescue inventory: [1/3] us-east-1: done (0)',
        'keyrescue inventory: The operation was cancelled.',
        '',
      ].join('\n'),
    });
  });

  it('escapes control characters a region name carries before they reach the terminal', async () => {
    account = await startSandboxAccount();
    const result = await run(['--region', 'us-east-1\u001b[2J']);
    expect(result.stderr).not.toContain('\u001b');
    expect(result.stderr).toContain('keyrescue inventory: [0/1] us-east-1\\u001b[2J…');
    expect(result.code).toBe(1);
  });
});
