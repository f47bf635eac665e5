import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import {
  CreateKeyPairCommand,
  DescribeKeyPairsCommand,
  EC2Client,
  RunInstancesCommand,
  DescribeImagesCommand,
  waitUntilInstanceRunning,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instanceNamed, sshEndpointOf } from './test-support/demo-lookup';
import { openSsh } from './test-support/openssh';

interface Started {
  child: ChildProcess;
  info: { endpoint: string; region: string; accessKeyId: string; secretAccessKey: string };
  exited: Promise<number | null>;
}

const repo = resolve(__dirname, '../..');
// Inside node_modules so the bundle's external packages resolve from the repo's node_modules.
const bundle = join(repo, 'node_modules', '.cache', 'keyrescue-sandbox-test', 'keyrescue.cjs');
let dir: string;
const children: ChildProcess[] = [];

/** Starts `keyrescue sandbox` as a real child process and reads its first stdout line. */
async function startCli(stateFile: string): Promise<Started> {
  const child = spawn(
    process.execPath,
    [bundle, 'sandbox', '--state', stateFile, '--seed', 'demo', '--speed', 'instant'],
    {
      env: { ...process.env, KEYRESCUE_HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const first = await new Promise<string>((done, fail) => {
    lines.once('line', done);
    child.once('exit', (code) => fail(new Error(`keyrescue sandbox exited with ${code}`)));
  });
  return { child, info: JSON.parse(first) as Started['info'], exited };
}

function clientFor(started: Started): EC2Client {
  const { endpoint, region, accessKeyId, secretAccessKey } = started.info;
  return new EC2Client({ endpoint, region, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kr-persist-'));
  await build({
    entryPoints: [join(repo, 'src/cli/keyrescue.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    outfile: bundle,
    logLevel: 'warning',
  });
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('keyrescue sandbox (child process)', () => {
  it(
    'prints its credentials, survives kill -9 mid-operation, restarts from the state file, exits cleanly on SIGTERM',
    { timeout: 120_000 },
    async () => {
      const stateFile = join(dir, 'state.json');
      const first = await startCli(stateFile);
      expect(Object.keys(first.info).sort()).toEqual([
        'accessKeyId',
        'endpoint',
        'region',
        'secretAccessKey',
      ]);
      expect(first.info.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(first.info.region).toBe('us-east-1');
      const ec2 = clientFor(first);

      // A guest change over SSH, flushed to the state file by the store's timer.
      const bastion = await instanceNamed(ec2, 'bastion');
      const key = join(dir, 'practice-keys', 'practice-rsa.pem');
      const marker = `persisted-${Date.now()}`;
      const wrote = await openSsh(
        sshEndpointOf(bastion) ?? '',
        'ec2-user',
        key,
        `echo ${marker} > ~/persist.txt`,
      );
      expect(wrote.code).toBe(0);
      // File contents are stored base64-encoded in the state (binary-safe JSON).
      const stored = Buffer.from(`${marker}\n`).toString('base64');
      while (!(await readFile(stateFile, 'utf8')).includes(stored))
        await new Promise((done) => setTimeout(done, 100));
      const { Images } = await ec2.send(
        new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: ['ubuntu/*'] }] }),
      );
      const run = await ec2.send(
        new RunInstancesCommand({
          ImageId: Images?.[0]?.ImageId,
          MinCount: 1,
          MaxCount: 1,
          KeyName: 'practice-ed25519',
        }),
      );
      await waitUntilInstanceRunning(
        { client: ec2, maxWaitTime: 30, minDelay: 1 },
        { InstanceIds: [run.Instances?.[0]?.InstanceId ?? ''] },
      );

      // Kill -9 while many key pair creations are in flight.
      const acknowledged: string[] = [];
      const inFlight = Array.from({ length: 12 }, (_, index) =>
        ec2.send(new CreateKeyPairCommand({ KeyName: `inflight-${index}` })).then(
          () => acknowledged.push(`inflight-${index}`),
          () => undefined,
        ),
      );
      while (acknowledged.length < 2) await new Promise((done) => setTimeout(done, 5));
      first.child.kill('SIGKILL');
      await Promise.all(inFlight);
      expect(await first.exited).toBe(null);
      ec2.destroy();

      // The state file is whole and holds every acknowledged change.
      JSON.parse(await readFile(stateFile, 'utf8'));
      const second = await startCli(stateFile);
      expect(second.info.accessKeyId).toBe(first.info.accessKeyId);
      const ec2Again = clientFor(second);
      const { KeyPairs } = await ec2Again.send(new DescribeKeyPairsCommand({}));
      const names = KeyPairs?.map((pair) => pair.KeyName) ?? [];
      for (const name of acknowledged) expect(names).toContain(name);
      expect(names).toContain('practice-rsa');
      const ubuntu = await ec2Again.send(new DescribeKeyPairsCommand({ KeyNames: ['practice-ed25519'] }));
      expect(ubuntu.KeyPairs?.length).toBe(1);
      const restarted = await instanceNamed(ec2Again, 'bastion');
      expect(restarted.State?.Name).toBe('running');
      const read = await openSsh(sshEndpointOf(restarted) ?? '', 'ec2-user', key, 'cat ~/persist.txt');
      expect(read.stdout).toBe(`${marker}\n`);

      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      ec2Again.destroy();
      const saved = JSON.parse(await readFile(stateFile, 'utf8')) as { accessKeyId: string };
      expect(saved.accessKeyId).toBe(first.info.accessKeyId);
    },
  );
});
