import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox';
import { createCore, type Core } from '../core';

/** A demo-seeded sandbox (real SDK over HTTP) and a temporary home to use it from. */
export interface PracticePlace {
  sandbox: RunningSandbox;
  /** An EC2 client on the sandbox, for checking or changing its state from the test. */
  ec2: EC2Client;
  /** The test's temporary folder: `home` (with `.ssh`), `user-data`, the demo's keys. */
  root: string;
  /** `root/home`, the user's home folder. */
  home: string;
  dispose(): Promise<void>;
}

/** A real core whose practice account is the place's sandbox. */
export interface PracticeCore extends PracticePlace {
  core: Core;
}

/**
 * The set-up the recovery tests share (router and CLI alike); `dispose` removes all of it. The
 * sandbox is instant unless `timings` says otherwise (the recovery benchmark's AWS-like profile).
 */
export async function startPracticePlace(
  name: string,
  options: Pick<SandboxOptions, 'timings'> = {},
): Promise<PracticePlace> {
  const root = await mkdtemp(join(tmpdir(), `keyrescue-${name}-`));
  const home = join(root, 'home');
  await mkdir(join(home, '.ssh'), { recursive: true });
  const sandbox = await startSandbox({ seed: 'demo', keysDir: join(root, 'demo-keys'), ...options });
  const ec2 = new EC2Client({
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
  });
  return {
    sandbox,
    ec2,
    root,
    home,
    async dispose() {
      ec2.destroy();
      await sandbox.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

export async function startPracticeCore(name: string): Promise<PracticeCore> {
  const place = await startPracticePlace(name);
  const { home, sandbox } = place;
  const core = createCore({
    userDataDir: join(place.root, 'user-data'),
    runtime: 'test',
    accounts: { environment: { env: {}, homeDir: home }, homeDir: home, practice: async () => sandbox },
  });
  return {
    ...place,
    core,
    async dispose() {
      await core.dispose();
      await place.dispose();
    },
  };
}
