import {
  EC2Client,
  ImportKeyPairCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../app/core';
import type { Channel, ChannelInput, ChannelOutput } from '../../ipc/contract';
import { createClient, type IpcClient } from '../../ipc/client';
import type { InventoryView } from '../../ipc/contracts/inventory';
import type { Envelope } from '../../ipc/envelope';
import { runOperation, type FollowOptions } from '../../ipc/operations/run-operation';
import type { EventName } from '../../ipc/events';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { amiIdFor } from '../../sandbox/images';
import { emptyRegion } from '../../sandbox/network-defaults';

/** A fixed RSA public key (an OpenSSH line from ssh-keygen), where matching is not the point. */
export const fixtureRsaLine =
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCAlY2fucHYUDjKV2yE52D72kWhrM9Xntohmbt3t722g19woJHmYx34wZiOJegwJTSC3XQSHKGZJ1t/EXutB8rKDEbUUw0PRx/AHW6dMg3M68sA8e0ca4YhFEDCb8pEEMrUIEJLBul+gHWe04+vgeNTCb3HguYoQaZFVIinTZaBn+JCCyuSL44OYNHxXG2ZbL7inEHz7o8nkAh6yV0BgnJeHrsz6QXCRolxeL+N3xIo5Aks0lWmlyF4en8SC1O1KC9wwtZbHPwnpvEbXz2r53EGQY3uu5GF/xEjDzBFZqDUQVTz+Ac+ulAbpasRg8SPt5UhobLavTyt9782XXbBYrjx test';

/** One recorded main → renderer event. */
export interface RecordedEvent {
  event: EventName;
  payload: unknown;
}

/** A sandbox account, a core pointed at it (practice account) and helpers to fill and query it. */
export interface SandboxAccount {
  sandbox: RunningSandbox;
  core: Core;
  homeDir: string;
  sshDir: string;
  userDataDir: string;
  events: RecordedEvent[];
  /** A plain SDK client on the sandbox, for setting up state the way a user's other tools would. */
  ec2(region?: string): EC2Client;
  /** Dispatches through the router as the renderer would; returns the envelope. */
  dispatch<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>>;
  /** Dispatches and returns the value, failing the test on an error envelope. */
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** The typed client over the router, with events delivered as the window gets them. */
  client: IpcClient;
  /** `inventory:refresh` started and followed to its end through the router; the view it made. */
  refreshInventory(regions?: string[], options?: FollowOptions): Promise<InventoryView>;
  close(): Promise<void>;
}

export interface SandboxAccountOptions {
  /** Regions to enable besides the sandbox's own two (us-east-1, eu-west-1). */
  extraRegions?: string[];
  accounts?: Omit<NonNullable<CoreOptions['accounts']>, 'practice' | 'homeDir'>;
  /** Replaces the private key file write (a failing disk). */
  privateKeyWrite?: CoreOptions['privateKeyWrite'];
  /** Stands in for the native dialogs (answers are approved for writing, as in the app). */
  dialogs?: CoreOptions['dialogs'];
  /** The core's clock (default: the wall clock). */
  clock?: CoreOptions['clock'];
}

/**
 * Starts an empty sandbox and a core whose practice account is that sandbox, with a private home
 * folder (so ~/.ssh is a fixture) and no AWS profiles. Extra regions are added to the sandbox state
 * directly: the sandbox has no API to enable regions, as AWS has none that a key pair tool would use.
 */
export async function startSandboxAccount(options: SandboxAccountOptions = {}): Promise<SandboxAccount> {
  const sandbox = await startSandbox({ seed: 'empty' });
  for (const region of options.extraRegions ?? [])
    sandbox.control.state.regions[region] = emptyRegion(region);
  const root = await mkdtemp(join(tmpdir(), 'keyrescue-inventory-'));
  const homeDir = join(root, 'home');
  const sshDir = join(homeDir, '.ssh');
  const userDataDir = join(root, 'user-data');
  await mkdir(sshDir, { recursive: true, mode: 0o700 });
  const core = createCore({
    userDataDir,
    runtime: 'test',
    accounts: {
      environment: { env: {}, homeDir },
      ...options.accounts,
      homeDir,
      practice: async () => sandbox,
    },
    ...(options.privateKeyWrite ? { privateKeyWrite: options.privateKeyWrite } : {}),
    ...(options.dialogs ? { dialogs: options.dialogs } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const events: RecordedEvent[] = [];
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const clients: EC2Client[] = [];
  const dispatch = <C extends Channel>(channel: C, input: ChannelInput<C>) =>
    core.router.dispatch(channel, input, {
      caller: 'renderer',
      emit: (event, payload) => {
        events.push({ event, payload });
        for (const listener of listeners) listener(event, payload);
      },
    }) as Promise<Envelope<ChannelOutput<C>>>;
  const client = createClient({
    invoke: (channel, input) => dispatch(channel as Channel, input as never),
    on(event, listener) {
      const forward = (name: string, payload: unknown) => name === event && listener(payload);
      listeners.add(forward);
      return () => listeners.delete(forward);
    },
  });
  return {
    sandbox,
    core,
    homeDir,
    sshDir,
    userDataDir,
    events,
    ec2(region = sandbox.region) {
      const client = new EC2Client({
        region,
        endpoint: sandbox.endpoint,
        credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
      });
      clients.push(client);
      return client;
    },
    dispatch,
    client,
    refreshInventory: (regions, options) =>
      runOperation(
        client,
        'inventory.refresh',
        () => client.invoke('inventory:refresh', regions ? { regions } : {}),
        options,
      ),
    async invoke(channel, input) {
      const envelope = await dispatch(channel, input);
      if (!envelope.ok)
        throw new Error(`${channel} failed: ${envelope.error.code}: ${envelope.error.message}`);
      return envelope.value;
    },
    async close() {
      for (const client of clients) client.destroy();
      await core.dispose();
      await sandbox.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Imports a public key line as a key pair; returns its id. */
export async function importKeyPair(client: EC2Client, name: string, publicKeyLine: string): Promise<string> {
  const result = await client.send(
    new ImportKeyPairCommand({ KeyName: name, PublicKeyMaterial: Buffer.from(publicKeyLine) }),
  );
  return result.KeyPairId ?? '';
}

/** Launches `count` Amazon Linux instances naming a key pair, each tagged Name=`${name}-N`. */
export async function launchInstances(
  client: EC2Client,
  region: string,
  keyName: string | undefined,
  count: number,
  name: string,
): Promise<string[]> {
  const result = await client.send(
    new RunInstancesCommand({
      ImageId: amiIdFor(region, 'al2023'),
      InstanceType: 't3.micro',
      MinCount: count,
      MaxCount: count,
      ...(keyName ? { KeyName: keyName } : {}),
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }] }],
    }),
  );
  return (result.Instances ?? []).map((instance) => instance.InstanceId ?? '');
}

export async function terminate(client: EC2Client, ids: string[]): Promise<void> {
  await client.send(new TerminateInstancesCommand({ InstanceIds: ids }));
}
