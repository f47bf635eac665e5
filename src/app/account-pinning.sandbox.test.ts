import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationProgress } from '../ipc/contracts/operations';
import {
  fixtureRsaLine,
  importKeyPair,
  startSandboxAccount,
  type SandboxAccount,
} from '../inventory/test-support/sandbox-account';
import { startSandbox, type RunningSandbox } from '../sandbox';

/** The EC2 actions the inventory and key pair channels send. */
const ec2Actions = [
  'DescribeRegions',
  'DescribeKeyPairs',
  'DescribeInstances',
  'DescribeLaunchTemplates',
  'DescribeLaunchTemplateVersions',
  'DeleteKeyPair',
];

/** Requests a sandbox answered, by action: every request passes its `*` fault, which counts it. */
const requestsTo = (sandbox: RunningSandbox) =>
  Object.fromEntries(
    ec2Actions.map((action) => [action, sandbox.control.faultCount(action)]).filter(([, n]) => n !== 0),
  );

/**
 * An AWS call pins its account when it starts. Two accounts, each its own sandbox with its own keys
 * and endpoint (a request signed with one account's keys is refused by the other, so where a
 * request went says which credentials signed it): the practice account and profile `other`.
 * Through the router with the real SDK over HTTP.
 */
describe('an operation pins its account', () => {
  let practice: SandboxAccount;
  let other: RunningSandbox;
  let awsFiles: string;

  afterEach(async () => {
    await practice.close();
    await other.stop();
    await rm(awsFiles, { recursive: true, force: true });
  });

  async function twoAccounts(): Promise<void> {
    other = await startSandbox({ seed: 'empty' });
    awsFiles = await mkdtemp(join(tmpdir(), 'keyrescue-pinning-'));
    const config = join(awsFiles, 'config');
    const credentials = join(awsFiles, 'credentials');
    await writeFile(config, `[profile other]\nendpoint_url = ${other.endpoint}\nregion = us-east-1\n`);
    await writeFile(
      credentials,
      `[other]\naws_access_key_id = ${other.accessKeyId}\naws_secret_access_key = ${other.secretAccessKey}\n`,
    );
    // A third region makes the practice refresh three slow steps, one region at a time.
    practice = await startSandboxAccount({
      extraRegions: ['ap-northeast-1'],
      accounts: {
        environment: {
          env: { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials },
          homeDir: awsFiles,
        },
        inventory: { concurrency: 1 },
      },
    });
    await importKeyPair(practice.ec2('us-east-1'), 'practice-only', fixtureRsaLine);
    const otherEc2 = new EC2Client({
      region: 'us-east-1',
      endpoint: other.endpoint,
      credentials: { accessKeyId: other.accessKeyId, secretAccessKey: other.secretAccessKey },
    });
    await importKeyPair(otherEc2, 'other-only', fixtureRsaLine);
    otherEc2.destroy();
    // Counted from here on; the practice account answers slowly so the switch lands mid-way.
    practice.sandbox.control.setFault('*', { latencyMs: 250 });
    other.control.setFault('*', { latencyMs: 1 });
    await practice.invoke('accounts:select', { id: 'practice' });
  }

  const progressOf = (operationId: string) =>
    practice.events
      .filter((entry) => entry.event === 'operation:progress')
      .map((entry) => entry.payload as OperationProgress)
      .filter((entry) => entry.operationId === operationId);

  const keyPairNames = (view: { regions: { keyPairs: { name: string }[] }[] }) =>
    view.regions.flatMap((region) => region.keyPairs.map((keyPair) => keyPair.name));

  it('a slow multi-region refresh keeps the account it started on when the user switches mid-way', async () => {
    await twoAccounts();
    const { operationId } = await practice.invoke('inventory:refresh', {});
    expect(await practice.invoke('operations:status', { operationId })).toMatchObject({
      metadata: { accountId: 'practice' },
    });
    await expect.poll(() => progressOf(operationId).some((entry) => entry.kind === 'stepDone')).toBe(true);
    await practice.invoke('accounts:select', { id: 'profile:other' });
    const ended = await practice.invoke('operations:wait', { operationId, timeoutMs: 30_000 });
    if (ended.kind !== 'inventory.refresh' || !ended.result) throw new Error(`no result: ${ended.state}`);
    // Every request of the refresh — the region list and each region — went to the first account.
    expect(requestsTo(other)).toEqual({});
    expect(requestsTo(practice.sandbox)).toEqual({
      DescribeRegions: 1,
      DescribeKeyPairs: 3,
      DescribeInstances: 3,
    });
    expect(ended.result.accountId).toBe('practice');
    expect(ended.result.regions.map((region) => region.region)).toEqual([
      'ap-northeast-1',
      'eu-west-1',
      'us-east-1',
    ]);
    expect(keyPairNames(ended.result)).toEqual(['practice-only']);
    expect(ended.metadata).toEqual({ accountId: 'practice' });
    // The account now active has no inventory yet: the practice view is not shown as its.
    expect(await practice.invoke('inventory:cached', {})).toBeNull();
  });

  it('a refresh that names its account reads that one, whichever is active', async () => {
    await twoAccounts();
    const { operationId } = await practice.invoke('inventory:refresh', {
      accountId: 'profile:other',
      regions: ['us-east-1'],
    });
    const ended = await practice.invoke('operations:wait', { operationId, timeoutMs: 30_000 });
    if (ended.kind !== 'inventory.refresh' || !ended.result) throw new Error(`no result: ${ended.state}`);
    expect(ended.result.accountId).toBe('profile:other');
    expect(keyPairNames(ended.result)).toEqual(['other-only']);
    expect(requestsTo(practice.sandbox)).toEqual({});
    expect(requestsTo(other)).toEqual({ DescribeKeyPairs: 1, DescribeInstances: 1 });
  });

  it('a delete confirmed after a switch deletes in the account the preview showed', async () => {
    await twoAccounts();
    const target = { region: 'us-east-1', name: 'practice-only', accountId: 'practice' };
    expect(await practice.invoke('keypairs:deletePreview', target)).toMatchObject({
      keyPair: { name: 'practice-only' },
    });
    await practice.invoke('accounts:select', { id: 'profile:other' });
    expect(
      await practice.invoke('keypairs:delete', { ...target, confirmName: 'practice-only' }),
    ).toMatchObject({
      deleted: true,
    });
    expect(requestsTo(other)).toEqual({});
    expect(practice.sandbox.control.faultCount('DeleteKeyPair')).toBe(1);
    expect(
      practice.sandbox.control.state.regions['us-east-1']?.keyPairs.map((keyPair) => keyPair.keyName),
    ).toEqual([]);
  });
});
