import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../app/core';
import { sshKeygen } from '../../inventory/test-support/local-keys';
import { importKeyPair, launchInstances } from '../../inventory/test-support/sandbox-account';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { EC2Client } from '@aws-sdk/client-ec2';
import { runCliCaptured } from '../test-support/run-cli-captured';

/** The `keypairs` and `match` commands end to end: real CLI parsing, real core, sandbox over HTTP. */
describe('keyrescue keypairs / match', () => {
  let sandbox: RunningSandbox;
  let root: string;
  let home: string;
  let ec2: EC2Client;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'empty' });
    root = await mkdtemp(join(tmpdir(), 'keyrescue-cli-'));
    home = join(root, 'home');
    await mkdir(join(home, '.ssh'), { recursive: true });
    ec2 = new EC2Client({
      region: 'us-east-1',
      endpoint: sandbox.endpoint,
      credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
    });
    await importKeyPair(ec2, 'mine', await sshKeygen(join(home, '.ssh', 'mine'), 'ed25519'));
    await importKeyPair(ec2, 'lost', await sshKeygen(join(root, 'gone'), 'rsa'));
    await launchInstances(ec2, 'us-east-1', 'lost', 1, 'lost-key-server');
  });
  afterAll(async () => {
    ec2.destroy();
    await sandbox.stop();
    await rm(root, { recursive: true, force: true });
  });

  async function cli(
    args: string[],
    options: { env?: NodeJS.ProcessEnv; tty?: boolean; answer?: string } = {},
  ) {
    const env = options.env ?? {};
    const result = await runCliCaptured(args, {
      ...options,
      env,
      cwd: root,
      createCore: () =>
        createCore({
          userDataDir: join(root, 'user-data'),
          runtime: 'cli',
          accounts: { environment: { env, homeDir: home }, homeDir: home, practice: async () => sandbox },
        }),
    });
    return { ...result, json: () => JSON.parse(result.stdout) as unknown };
  }

  it('lists key pairs as JSON with instances, local matches and the at-risk flag', async () => {
    const result = await cli(['keypairs', 'list', '--json']);
    expect(result.code).toBe(0);
    const list = result.json() as Record<string, unknown>[];
    expect(list.map((entry) => Object.keys(entry))).toEqual(
      Array(2).fill([
        'region',
        'name',
        'id',
        'type',
        'fingerprint',
        'createTime',
        'tags',
        'publicKey',
        'instances',
        'localMatches',
        'atRisk',
      ]),
    );
    expect(list.map((entry) => [entry.name, entry.localMatches, entry.atRisk])).toEqual([
      ['lost', [], true],
      ['mine', [join(home, '.ssh', 'mine')], false],
    ]);
    expect((list[0]?.instances as unknown[])[0]).toEqual({
      id: expect.stringMatching(/^i-/),
      name: 'lost-key-server',
      state: 'running',
    });
  });

  it('--scan adds folders, and --all-regions reads every enabled region', async () => {
    await mkdir(join(root, 'backup'), { recursive: true });
    await writeFile(join(root, 'backup', 'recovered'), await readFile(join(root, 'gone')));
    const result = await cli(['keypairs', 'list', '--all-regions', '--scan', join(root, 'backup'), '--json']);
    expect(result.code).toBe(0);
    const lost = (result.json() as { name: string; localMatches: string[]; atRisk: boolean }[]).find(
      (entry) => entry.name === 'lost',
    );
    expect(lost).toMatchObject({ localMatches: [join(root, 'backup', 'recovered')], atRisk: false });
    const table = await cli(['keypairs', 'list']);
    expect(table.stdout).toContain('AT RISK: no private key found');
  });

  it('creates (locally and in AWS), imports and deletes through the CLI', async () => {
    await writeFile(join(root, 'pass.txt'), 'cli passphrase\n');
    const local = await cli([
      'keypairs',
      'create',
      'cli-local',
      '-o',
      'cli-local',
      '--type',
      'ed25519',
      '--new-passphrase-file',
      'pass.txt',
      '--tag',
      'env=test',
      '--json',
    ]);
    expect(local.code).toBe(0);
    expect(local.json()).toMatchObject({
      name: 'cli-local',
      type: 'ed25519',
      region: 'us-east-1',
      path: join(root, 'cli-local'),
      method: 'local',
    });
    expect(await readFile(join(root, 'cli-local'), 'utf8')).toContain('BEGIN OPENSSH PRIVATE KEY');

    const aws = await cli([
      'keypairs',
      'create',
      'cli-aws',
      '--aws',
      '--format',
      'ppk',
      '-o',
      'cli-aws.ppk',
      '--json',
    ]);
    expect(aws.code).toBe(0);
    expect(await readFile(join(root, 'cli-aws.ppk'), 'utf8')).toMatch(/^PuTTY-User-Key-File-\d: ssh-rsa/);

    await sshKeygen(join(root, 'to-import'), 'rsa');
    const imported = await cli([
      'keypairs',
      'import',
      'cli-imported',
      '--public-key',
      'to-import.pub',
      '--json',
    ]);
    expect(imported.code).toBe(0);
    expect(imported.json()).toMatchObject({
      name: 'cli-imported',
      type: 'rsa',
      fingerprint: expect.stringMatching(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/),
    });

    const refused = await cli(['keypairs', 'delete', 'cli-imported']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refusing to delete cli-imported without --yes');
    const wrongName = await cli(['keypairs', 'delete', 'cli-imported'], { tty: true, answer: 'cli-import' });
    expect(wrongName.code).toBe(1);
    const typed = await cli(['keypairs', 'delete', 'cli-imported'], { tty: true, answer: 'cli-imported' });
    expect(typed.code).toBe(0);
    expect(typed.stdout).toContain('Deleted key pair cli-imported');
    const yes = await cli(['keypairs', 'delete', 'cli-aws', '--yes', '--json']);
    expect(yes.json()).toMatchObject({ name: 'cli-aws', deleted: true, instances: [] });
  });

  it('match tells which local file belongs to which key pair', async () => {
    await writeFile(join(root, 'stray'), await readFile(join(home, '.ssh', 'mine')));
    await sshKeygen(join(root, 'unrelated'), 'ed25519');
    const result = await cli(['match', join(home, '.ssh'), join(root, 'unrelated'), '--json']);
    expect(result.code).toBe(0);
    const entries = result.json() as {
      file: string;
      type: string;
      keyPairs: { region: string; name: string; id: string }[];
    }[];
    expect(
      entries.map((entry) => [
        entry.file,
        entry.type,
        entry.keyPairs.map((keyPair) => `${keyPair.region}/${keyPair.name}`),
      ]),
    ).toEqual([
      [join(home, '.ssh', 'mine'), 'ed25519', ['us-east-1/mine']],
      [join(root, 'unrelated'), 'ed25519', []],
    ]);
    expect(entries[0]?.keyPairs[0]?.id).toMatch(/^key-/);
  });

  it('--endpoint without a profile uses environment keys if set, else dummy credentials', async () => {
    const withKeys = await cli(['keypairs', 'list', '--endpoint', sandbox.endpoint, '--json'], {
      env: { AWS_ACCESS_KEY_ID: sandbox.accessKeyId, AWS_SECRET_ACCESS_KEY: sandbox.secretAccessKey },
    });
    expect(withKeys.code).toBe(0);
    expect((withKeys.json() as unknown[]).length).toBeGreaterThan(0);
    // The sandbox checks keys, so the dummy ones are refused — proving they were the ones sent.
    const dummy = await cli(['keypairs', 'list', '--endpoint', sandbox.endpoint]);
    expect(dummy.code).toBe(1);
    expect(dummy.stderr).toContain('AWS rejected the credentials');
  });

  it('reports usage errors with exit code 2 and a missing profile with what to do', async () => {
    expect((await cli(['keypairs'])).code).toBe(2);
    expect((await cli(['keypairs', 'create', 'x'])).stderr).toContain('-o FILE is required');
    expect((await cli(['keypairs', 'list', '--region', 'us-east-1', '--all-regions'])).code).toBe(2);
    const missing = await cli(['keypairs', 'list', '--profile', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no AWS profile named "nope"');
  });
});
