import { readFileSync } from 'node:fs';
import { EC2Client, type Instance } from '@aws-sdk/client-ec2';
import type { ResolvedAccount } from '../../../aws/account-types';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import { instanceNamed, sshEndpointOf } from '../../../sandbox/test-support/demo-lookup';
import type { SshAddress } from '../ssh-target';

/** The demo practice account over HTTP: the sandbox, a plain SDK client, and the app's account. */
export interface DemoAccount {
  sandbox: RunningSandbox;
  /** A plain SDK client, for setting up and inspecting state as another tool would. */
  ec2: EC2Client;
  /** The account as the app resolves the practice account (clients come from the app's factory). */
  account: ResolvedAccount;
  region: string;
  instance(name: string): Promise<Instance>;
  /** The instance's loopback sshd (its `keyrescue:ssh-endpoint` tag). */
  endpoint(name: string): Promise<SshAddress>;
  /** A demo private key from the practice keys folder (`practice-rsa.pem`, …). */
  demoKey(file: string): string;
  stop(): Promise<void>;
}

/** `speed: 'realistic'` makes stops, starts and snapshots take seconds, as progress tests need. */
export async function startDemoAccount(
  options: { speed?: 'instant' | 'realistic' } = {},
): Promise<DemoAccount> {
  const sandbox = await startSandbox({ seed: 'demo', ...options });
  const region = sandbox.region;
  const credentials = { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey };
  const ec2 = new EC2Client({ endpoint: sandbox.endpoint, region, credentials });
  const account: ResolvedAccount = {
    id: 'practice',
    label: 'Practice account',
    kind: 'practice',
    region,
    endpoint: sandbox.endpoint,
    needsMfa: false,
    credentials: async () => credentials,
    mode: 'sandbox',
  };
  return {
    sandbox,
    ec2,
    account,
    region,
    instance: (name) => instanceNamed(ec2, name),
    async endpoint(name) {
      const tag = sshEndpointOf(await instanceNamed(ec2, name));
      if (!tag) throw new Error(`${name} has no SSH endpoint`);
      const [host = '', port = ''] = tag.split(':');
      return { host, port: Number(port) };
    },
    demoKey: (file) => readFileSync(`${sandbox.control.demoKeysDir}/${file}`, 'utf8'),
    async stop() {
      ec2.destroy();
      await sandbox.stop();
    },
  };
}
