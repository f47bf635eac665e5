import { EC2Client } from '@aws-sdk/client-ec2';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapWithConcurrency } from '../async/map-with-concurrency';
import { startSandbox, type RunningSandbox } from '../sandbox';
import { sshKeygen } from './test-support/local-keys';
import {
  importKeyPair,
  launchInstances,
  startSandboxAccount,
  type SandboxAccount,
} from './test-support/sandbox-account';

const run = promisify(execFile);
/** What the shared file errors (src/fs/fs-errors.ts) say after the path of a looping symlink. */
const loopAdvice =
  'leads into a loop of symbolic links. Fix or remove the link, or choose the file it should point to.';

/**
 * The scan under a small descriptor limit and with files that cannot be read. The CLI runs as a
 * child process under `ulimit -n 256`, the way a user's shell limits it, against the sandbox over
 * HTTP; 9,000 key files is 35 times that limit.
 */
describe('the local key scan under a descriptor limit', () => {
  const copies = 9000;
  let root: string;
  let cli: string;
  let sandbox: RunningSandbox;
  let ec2: EC2Client;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'keyrescue-scan-limits-'));
    // Built exactly as scripts/build.mjs builds out/cli, into this test's own folder.
    await run(process.execPath, [
      '--input-type=module',
      '-e',
      `const { buildCli } = await import(${JSON.stringify(join(process.cwd(), 'scripts', 'build-cli.mjs'))});
       await buildCli(${JSON.stringify(join(root, 'cli'))});`,
    ]);
    cli = join(root, 'cli', 'keyrescue.cjs');
    sandbox = await startSandbox({ seed: 'empty' });
    ec2 = new EC2Client({
      region: 'us-east-1',
      endpoint: sandbox.endpoint,
      credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
    });
    await mkdir(join(root, 'originals'));
    await importKeyPair(ec2, 'mine', await sshKeygen(join(root, 'originals', 'mine'), 'ed25519'));
    await importKeyPair(
      ec2,
      'mine-rsa',
      await sshKeygen(join(root, 'originals', 'mine-rsa.pem'), 'rsa', { pem: true }),
    );
    // The same two real keys, 4,500 copies each, in 9 subfolders (the scan reads one level down).
    const names = Array.from({ length: copies }, (_, i) => join(`part${i % 9}`, `key${i}`));
    for (let part = 0; part < 9; part++) await mkdir(join(root, 'keys', `part${part}`), { recursive: true });
    await mapWithConcurrency(names, 32, (name, i) =>
      copyFile(join(root, 'originals', i % 2 ? 'mine-rsa.pem' : 'mine'), join(root, 'keys', name)),
    );
  }, 180_000);
  afterAll(async () => {
    ec2?.destroy();
    await sandbox?.stop();
    await rm(root, { recursive: true, force: true });
  });

  async function matchUnderLimit(...paths: string[]) {
    const env = {
      PATH: process.env.PATH ?? '',
      // The CLI is built outside the project; its runtime dependencies stay in node_modules.
      NODE_PATH: join(process.cwd(), 'node_modules'),
      HOME: root,
      KEYRESCUE_HOME: join(root, 'keyrescue-home'),
      AWS_ACCESS_KEY_ID: sandbox.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sandbox.secretAccessKey,
      AWS_REGION: 'us-east-1',
    };
    const args = [cli, 'match', ...paths, '--endpoint', sandbox.endpoint, '--json'];
    try {
      const { stdout, stderr } = await run(
        'bash',
        ['-c', 'ulimit -n 256 && exec "$0" "$@"', process.execPath, ...args],
        { env, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('finds every one of 9,000 keys with only 256 descriptors, and exits 0', async () => {
    const result = await matchUnderLimit(join(root, 'keys'));
    expect(result.stderr).not.toContain('keyrescue match');
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as { file: string; keyPairs: { name: string }[] }[];
    expect(rows).toHaveLength(copies);
    const owners = new Map(rows.map((row) => [row.file, row.keyPairs.map((keyPair) => keyPair.name)]));
    for (let i = 0; i < copies; i++)
      expect(owners.get(join(root, 'keys', `part${i % 9}`, `key${i}`))).toEqual([
        i % 2 ? 'mine-rsa' : 'mine',
      ]);
  }, 150_000);

  it('reports files it cannot read, with the reason, and exits 1', async () => {
    const odd = join(root, 'odd');
    await mkdir(odd);
    await copyFile(join(root, 'originals', 'mine'), join(odd, 'good'));
    // Tests run as root, where chmod 000 still reads: a looping symlink and a FIFO cannot be read by anyone.
    await symlink(join(odd, 'loop-b'), join(odd, 'loop-a'));
    await symlink(join(odd, 'loop-a'), join(odd, 'loop-b'));
    await run('mkfifo', [join(root, 'a-fifo.pem')]);
    await mkdir(join(root, 'folder.pem'));
    const result = await matchUnderLimit(odd, join(root, 'a-fifo.pem'), join(root, 'folder.pem'));
    expect(result.code).toBe(1);
    const warnings = result.stderr
      .split('\n')
      .filter((line) => line.startsWith('keyrescue match: warning:'))
      .sort();
    expect(warnings).toEqual([
      `keyrescue match: warning: ${root}/a-fifo.pem is not a regular file or folder (a FIFO, socket or device); not scanned`,
      `keyrescue match: warning: ${odd}/loop-a ${loopAdvice} [file.symlinkLoop]`,
      `keyrescue match: warning: ${odd}/loop-b ${loopAdvice} [file.symlinkLoop]`,
    ]);
    expect(result.stderr).toContain(
      'keyrescue match: some files could not be read; a key pair without a match may have its key among them',
    );
    const rows = JSON.parse(result.stdout) as { file: string; keyPairs: { name: string }[] }[];
    expect(rows.map((row) => [row.file, row.keyPairs.map((keyPair) => keyPair.name)])).toEqual([
      [join(odd, 'good'), ['mine']],
    ]);
  }, 60_000);
});

/** Through the router, as the window sees it: an unreadable file makes "at risk" unknown, not true. */
describe('a key pair is not called at risk while files could not be read', () => {
  let account: SandboxAccount;
  beforeAll(async () => {
    account = await startSandboxAccount();
    const ec2 = account.ec2('us-east-1');
    await importKeyPair(ec2, 'lost', await sshKeygen(join(account.homeDir, 'elsewhere'), 'ed25519'));
    await launchInstances(ec2, 'us-east-1', 'lost', 1, 'lost-key-server');
  }, 60_000);
  afterAll(async () => {
    await account.close();
  });

  it('says which file could not be read and marks the key pair riskUnknown', async () => {
    const loop = join(account.sshDir, 'backup_key');
    await symlink(loop, loop);
    const view = await account.refreshInventory(['us-east-1']);
    const lost = view.regions[0]?.keyPairs.find((keyPair) => keyPair.name === 'lost');
    expect(lost).toMatchObject({ atRisk: false, riskUnknown: true, localMatches: [] });
    expect(view.localScan).toMatchObject({ keyCount: 0, unreadableCount: 1, problemCount: 1 });
    expect(view.localScan.problems).toEqual([
      {
        path: loop,
        kind: 'unreadable',
        code: 'file.symlinkLoop',
        message: `${loop} ${loopAdvice}`,
      },
    ]);
    expect(view.localScan.sources).toEqual([{ kind: 'sshDir', path: account.sshDir, keys: 0, status: 'ok' }]);

    // Once the file is gone, the scan is complete again and the key pair is at risk.
    await rm(loop);
    const again = await account.invoke('inventory:rematch', {});
    const lostAgain = again?.regions[0]?.keyPairs.find((keyPair) => keyPair.name === 'lost');
    expect(lostAgain?.atRisk).toBe(true);
    expect(lostAgain?.riskUnknown).toBeUndefined();
    expect(again?.localScan.problems).toEqual([]);
  }, 60_000);
});
