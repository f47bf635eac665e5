import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import type { CoreOptions } from '../../src/app/core';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox';
import { installCoreBridge, type CoreBridge } from './core-bridge';

/** The demo practice account behind a real core, as the renderer's recovery tests use it. */
export interface PracticeBridge {
  sandbox: RunningSandbox;
  bridge: CoreBridge;
  /** An EC2 client on the sandbox, for checking or changing its state from the test. */
  ec2: EC2Client;
  /** The test's temporary folder (removed by dispose). */
  root: string;
  /** `root/home/.ssh`, the folder the wizard saves new keys to. */
  sshDir: string;
  dispose(): Promise<void>;
}

/**
 * A demo-seeded sandbox (real SDK over HTTP) as the practice account of a real core in a temporary
 * home, so each test file starts from the same account without repeating the set-up.
 */
export async function startPracticeBridge(
  name: string,
  options: {
    sandbox?: Omit<SandboxOptions, 'seed' | 'keysDir'>;
    core?: Partial<Omit<CoreOptions, 'userDataDir' | 'runtime' | 'accounts'>>;
  } = {},
): Promise<PracticeBridge> {
  const root = await mkdtemp(join(tmpdir(), `keyrescue-${name}-`));
  const homeDir = join(root, 'home');
  const sshDir = join(homeDir, '.ssh');
  await mkdir(sshDir, { recursive: true });
  // The demo's keys are written here, so only the lost one is at risk.
  const sandbox = await startSandbox({
    ...options.sandbox,
    seed: 'demo',
    keysDir: join(root, 'practice-keys'),
  });
  const credentials = { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey };
  const bridge = await installCoreBridge({
    ...options.core,
    accounts: {
      environment: { env: {}, homeDir },
      homeDir,
      practice: async () => ({
        endpoint: sandbox.endpoint,
        region: sandbox.region,
        ...credentials,
        ...(sandbox.control.demoKeysDir ? { keysDir: sandbox.control.demoKeysDir } : {}),
      }),
    },
  });
  const ec2 = new EC2Client({ region: sandbox.region, endpoint: sandbox.endpoint, credentials });
  return {
    sandbox,
    bridge,
    ec2,
    root,
    sshDir,
    async dispose() {
      ec2.destroy();
      await bridge.dispose();
      await sandbox.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
