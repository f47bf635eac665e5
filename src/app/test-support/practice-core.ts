import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { createCore, type Core } from '../core';

/** A real core whose practice account is a demo-seeded sandbox (real SDK over HTTP). */
export interface PracticeCore {
  sandbox: RunningSandbox;
  core: Core;
  /** An EC2 client on the sandbox, for checking or changing its state from the test. */
  ec2: EC2Client;
  /** The test's temporary folder: `home` (with `.ssh`), `user-data`, the demo's keys. */
  root: string;
  dispose(): Promise<void>;
}

/** The set-up the router's recovery tests share; `dispose` removes all of it. */
export async function startPracticeCore(name: string): Promise<PracticeCore> {
  const root = await mkdtemp(join(tmpdir(), `keyrescue-${name}-`));
  const home = join(root, 'home');
  await mkdir(join(home, '.ssh'), { recursive: true });
  const sandbox = await startSandbox({ seed: 'demo', keysDir: join(root, 'demo-keys') });
  const core = createCore({
    userDataDir: join(root, 'user-data'),
    runtime: 'test',
    accounts: { environment: { env: {}, homeDir: home }, homeDir: home, practice: async () => sandbox },
  });
  const ec2 = new EC2Client({
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
  });
  return {
    sandbox,
    core,
    ec2,
    root,
    async dispose() {
      ec2.destroy();
      await core.dispose();
      await sandbox.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
