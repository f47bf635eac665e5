import {
  CreateTagsCommand,
  DeleteKeyPairCommand,
  EC2Client,
  RunInstancesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { amiIdFor } from '../sandbox/images';
import { InventoryEc2Protocol } from './inventory-ec2-protocol';
import { readRegion } from './region-inventory';
import {
  fixtureRsaLine,
  importKeyPair,
  launchInstances,
  startSandboxAccount,
  terminate,
  type SandboxAccount,
} from './test-support/sandbox-account';

const edLine = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGxMPQkWv5Ax8Jq5UOmTPN9i6AdvHnyUPbz0uFJPXlqz test';

describe('readRegion with the inventory protocol against the sandbox', () => {
  let account: SandboxAccount;
  beforeEach(async () => {
    account = await startSandboxAccount();
  });
  afterEach(async () => {
    await account.close();
  });

  it('reads the same region as the SDK’s own deserializer, instance for instance', async () => {
    const ec2 = account.ec2('us-east-1');
    await importKeyPair(ec2, 'web & <prod>', edLine);
    // Windows AMIs take RSA key pairs only (as on AWS).
    await importKeyPair(ec2, 'win', fixtureRsaLine);
    const web = await launchInstances(ec2, 'us-east-1', 'web & <prod>', 3, 'web "1" 日本');
    await launchInstances(ec2, 'us-east-1', undefined, 1, 'no key');
    const windows = await ec2.send(
      new RunInstancesCommand({
        ImageId: amiIdFor('us-east-1', 'windows-2022'),
        InstanceType: 't3.large',
        MinCount: 1,
        MaxCount: 1,
        KeyName: 'win',
      }),
    );
    const windowsId = windows.Instances?.[0]?.InstanceId ?? '';
    await ec2.send(
      new CreateTagsCommand({
        Resources: [windowsId],
        Tags: [
          { Key: 'Name', Value: '' },
          { Key: 'cost-centre', Value: 'a&b' },
        ],
      }),
    );
    await ec2.send(new StopInstancesCommand({ InstanceIds: [web[0] ?? ''] }));
    await terminate(ec2, [web[1] ?? '']);
    await importKeyPair(ec2, 'deleted-key', edLine);
    await launchInstances(ec2, 'us-east-1', 'deleted-key', 1, 'orphan');
    await ec2.send(new DeleteKeyPairCommand({ KeyName: 'deleted-key' }));

    const { sandbox } = account;
    const credentials = { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey };
    const sdk = new EC2Client({ region: 'us-east-1', endpoint: sandbox.endpoint, credentials });
    const lean = new EC2Client({
      region: 'us-east-1',
      endpoint: sandbox.endpoint,
      credentials,
      protocol: InventoryEc2Protocol,
    });
    // Small pages, so paging is part of the comparison.
    const viaSdk = await readRegion(sdk, 'us-east-1', { pageSize: 5 });
    const viaLean = await readRegion(lean, 'us-east-1', { pageSize: 5 });
    sdk.destroy();
    lean.destroy();

    expect(viaLean).toEqual(viaSdk);
    const webPair = viaLean.keyPairs.find((keyPair) => keyPair.name === 'web & <prod>');
    expect(webPair?.instances.map((instance) => instance.name)).toEqual(['web "1" 日本', 'web "1" 日本']);
    expect(webPair?.instances.map((instance) => instance.state).sort()).toEqual(['running', 'stopped']);
    const winPair = viaLean.keyPairs.find((keyPair) => keyPair.name === 'win');
    expect(winPair?.instances).toEqual([
      expect.objectContaining({ id: windowsId, name: '', platform: 'Windows' }),
    ]);
    expect(viaLean.orphanInstances.map((instance) => [instance.keyName, instance.name])).toEqual([
      ['deleted-key', 'orphan'],
    ]);
  });
});
