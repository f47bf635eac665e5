import { CreateKeyPairCommand, DeleteKeyPairCommand } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OperationProgress } from '../ipc/contracts/operations';
import { loadRegions } from './inventory-loader';
import {
  fixtureRsaLine as rsaLine,
  importKeyPair,
  launchInstances,
  startSandboxAccount,
  terminate,
  type SandboxAccount,
} from './test-support/sandbox-account';

describe('inventory against the sandbox over HTTP', () => {
  let account: SandboxAccount;

  beforeEach(async () => {
    account = await startSandboxAccount({ extraRegions: ['ap-northeast-1'] });
  });
  afterEach(async () => {
    await account.close();
  });

  it('lists key pairs of every enabled region with the instances that name them, and reports progress per region', async () => {
    const east = account.ec2('us-east-1');
    const west = account.ec2('eu-west-1');
    const tokyo = account.ec2('ap-northeast-1');
    const webId = await importKeyPair(east, 'web', rsaLine);
    await importKeyPair(east, 'unused', rsaLine);
    const created = await west.send(new CreateKeyPairCommand({ KeyName: 'ops', KeyType: 'ed25519' }));
    const webInstances = await launchInstances(east, 'us-east-1', 'web', 2, 'web-server');
    await launchInstances(west, 'eu-west-1', 'ops', 1, 'bastion');
    const gone = await launchInstances(west, 'eu-west-1', 'ops', 1, 'old');
    await terminate(west, gone);
    await importKeyPair(tokyo, 'tokyo-key', rsaLine);

    const view = await account.refreshInventory();

    expect(view.regions.map((region) => [region.region, region.status])).toEqual([
      ['ap-northeast-1', 'ok'],
      ['eu-west-1', 'ok'],
      ['us-east-1', 'ok'],
    ]);
    const east1 = view.regions.find((region) => region.region === 'us-east-1');
    expect(east1?.keyPairs.map((keyPair) => keyPair.name)).toEqual(['unused', 'web']);
    const web = east1?.keyPairs.find((keyPair) => keyPair.name === 'web');
    expect(web?.id).toBe(webId);
    expect(web?.type).toBe('rsa');
    expect(web?.publicKey?.split(' ').slice(0, 2).join(' ')).toBe(rsaLine.split(' ').slice(0, 2).join(' '));
    expect(web?.instances.map((instance) => instance.id)).toEqual([...webInstances].sort());
    expect(
      web?.instances.every(
        (instance) => instance.name === 'web-server' && instance.availabilityZone?.startsWith('us-east-1'),
      ),
    ).toBe(true);
    expect(web?.atRisk).toBe(true); // in use, and the fixture ~/.ssh is empty
    expect(east1?.keyPairs.find((keyPair) => keyPair.name === 'unused')?.atRisk).toBe(false);
    const ops = view.regions.find((region) => region.region === 'eu-west-1')?.keyPairs[0];
    expect(ops).toMatchObject({
      name: 'ops',
      id: created.KeyPairId,
      type: 'ed25519',
      fingerprint: created.KeyFingerprint,
    });
    // The terminated instance no longer counts as a user of the key.
    expect(ops?.instances.map((instance) => instance.name)).toEqual(['bastion']);

    const progress = account.events
      .filter((entry) => entry.event === 'operation:progress')
      .map((entry) => entry.payload as OperationProgress);
    for (const region of ['us-east-1', 'eu-west-1', 'ap-northeast-1']) {
      expect(progress.filter((entry) => entry.step === region).map((entry) => entry.kind)).toEqual([
        'step',
        'stepDone',
      ]);
    }
    // One operation, numbered 1, 2, 3… from `started` to `succeeded`, the same log replay returns.
    const [operationId] = new Set(progress.map((entry) => entry.operationId));
    expect(progress.map((entry) => entry.seq)).toEqual(progress.map((_entry, index) => index + 1));
    expect(progress[0]).toMatchObject({ kind: 'started', step: 'inventory.refresh' });
    expect(progress.at(-1)).toMatchObject({ kind: 'succeeded', step: 'inventory.refresh' });
    expect(progress.filter((entry) => entry.kind === 'stepDone').at(-1)).toMatchObject({ done: 3, total: 3 });
    expect(progress.find((entry) => entry.step === 'us-east-1' && entry.kind === 'stepDone')?.count).toBe(2);
    const replay = await account.invoke('operations:replay', {
      operationId: operationId as string,
      afterSeq: 0,
    });
    expect(replay).toMatchObject({
      state: 'succeeded',
      lastSeq: progress.length,
      firstKeptSeq: 1,
      more: false,
    });
    expect(replay.entries).toEqual(progress);
  });

  it('lists instances whose key pair was deleted separately, since nobody holds that key any more', async () => {
    const east = account.ec2('us-east-1');
    await importKeyPair(east, 'temp', rsaLine);
    const [orphan] = await launchInstances(east, 'us-east-1', 'temp', 1, 'orphaned');
    await east.send(new DeleteKeyPairCommand({ KeyName: 'temp' }));
    const view = await account.refreshInventory(['us-east-1']);
    expect(view.regions[0]?.keyPairs).toEqual([]);
    expect(view.regions[0]?.orphanInstances).toEqual([
      expect.objectContaining({ id: orphan, name: 'orphaned', keyName: 'temp', state: 'running' }),
    ]);
  });

  it('walks every DescribeInstances page', async () => {
    const east = account.ec2('us-east-1');
    await importKeyPair(east, 'fleet', rsaLine);
    const ids = await launchInstances(east, 'us-east-1', 'fleet', 12, 'fleet');
    const resolved = await (await account.core.aws()).accounts.resolve();
    const [region] = await loadRegions(resolved, ['us-east-1'], { pageSize: 5 });
    expect(region?.status).toBe('ok');
    if (region?.status !== 'ok') return;
    expect(region.keyPairs[0]?.instances.map((instance) => instance.id)).toEqual([...ids].sort());
  });

  it('shows a failing region in place while the others load', async () => {
    await importKeyPair(account.ec2('us-east-1'), 'web', rsaLine);
    // ap-east-1 exists in AWS but is not enabled in this account: AWS answers AuthFailure there.
    const view = await account.refreshInventory(['us-east-1', 'ap-east-1']);
    const [east, hongKong] = view.regions;
    expect(east).toMatchObject({ region: 'us-east-1', status: 'ok' });
    expect(east?.keyPairs.map((keyPair) => keyPair.name)).toEqual(['web']);
    expect(hongKong?.status).toBe('error');
    expect(hongKong?.error?.code).toBe('aws.credentialsInvalid');
    expect(hongKong?.error?.message).toContain('ap-east-1 is not enabled');
    const failed = account.events.find(
      (entry) =>
        entry.event === 'operation:progress' && (entry.payload as OperationProgress).kind === 'stepFailed',
    );
    expect(failed?.payload).toMatchObject({ step: 'ap-east-1', error: { code: 'aws.credentialsInvalid' } });
  });

  it('reports a denied permission per region with the permission to ask for', async () => {
    account.sandbox.control.deny(['ec2:DescribeInstances']);
    const view = await account.refreshInventory(['us-east-1', 'eu-west-1']);
    for (const region of view.regions) {
      expect(region.status).toBe('error');
      expect(region.error?.code).toBe('aws.accessDenied');
      expect(region.error?.message).toContain('ec2:DescribeInstances');
    }
  });

  it('recovers from throttling through the SDK retries', async () => {
    await importKeyPair(account.ec2('us-east-1'), 'web', rsaLine);
    account.sandbox.control.setFault('DescribeKeyPairs', { kind: 'throttle', times: 3 });
    const view = await account.refreshInventory(['us-east-1']);
    expect(account.sandbox.control.faultCount('DescribeKeyPairs')).toBe(3);
    expect(view.regions[0]?.status).toBe('ok');
    expect(view.regions[0]?.keyPairs.map((keyPair) => keyPair.name)).toEqual(['web']);
  });

  it('gives up on a region throttled past the retries, with a message saying to wait', async () => {
    account.sandbox.control.setFault('DescribeKeyPairs', { kind: 'throttle' });
    const resolved = await (await account.core.aws()).accounts.resolve();
    const [region] = await loadRegions(resolved, ['us-east-1'], { maxAttempts: 2 });
    expect(region).toMatchObject({ status: 'error', error: { code: 'aws.throttled' } });
    expect(account.sandbox.control.faultCount('DescribeKeyPairs')).toBe(2);
  });

  it('serves the last inventory from disk at once on the next start', async () => {
    await importKeyPair(account.ec2('us-east-1'), 'web', rsaLine);
    expect(await account.invoke('inventory:cached', {})).toBeNull();
    const fresh = await account.refreshInventory(['us-east-1']);
    // A second core on the same user-data folder stands for the next app start.
    const { createCore } = await import('../app/core');
    const next = createCore({
      userDataDir: account.userDataDir,
      runtime: 'test',
      accounts: { environment: { env: {}, homeDir: account.homeDir }, practice: async () => account.sandbox },
    });
    const envelope = await next.router.dispatch(
      'inventory:cached',
      {},
      { caller: 'renderer', emit: () => undefined },
    );
    expect(envelope.ok).toBe(true);
    if (!envelope.ok) return;
    expect(envelope.value).toEqual({ ...fresh, fromCache: true });
  });
});
