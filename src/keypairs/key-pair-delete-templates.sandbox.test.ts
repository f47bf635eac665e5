import { CreateLaunchTemplateCommand } from '@aws-sdk/client-ec2';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sshKeygen } from '../inventory/test-support/local-keys';
import { startSandboxAccount, type SandboxAccount } from '../inventory/test-support/sandbox-account';

describe('key pair delete preview: launch templates (sandbox)', () => {
  let account: SandboxAccount;
  afterEach(async () => {
    await account.close();
  });

  async function importKey(name: string): Promise<void> {
    const text = await sshKeygen(join(account.homeDir, name), 'ed25519');
    await account.invoke('keypairs:import', {
      region: 'us-east-1',
      name,
      source: { kind: 'text', text },
      tags: [],
    });
  }

  async function createTemplate(name: string, keyName: string): Promise<string> {
    const { LaunchTemplate } = await account.ec2('us-east-1').send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: name,
        LaunchTemplateData: {
          KeyName: keyName,
          ImageId: 'ami-0123456789abcdef0',
          InstanceType: 't3.micro',
        },
      }),
    );
    return LaunchTemplate?.LaunchTemplateId ?? '';
  }

  it('lists a launch template that names the key pair and not one that names another key', async () => {
    account = await startSandboxAccount();
    await importKey('old-key');
    await importKey('other-key');
    const namingId = await createTemplate('web-fleet', 'old-key');
    await createTemplate('batch-fleet', 'other-key');

    const preview = await account.invoke('keypairs:deletePreview', { region: 'us-east-1', name: 'old-key' });
    expect(preview.launchTemplatesReadable).toBe(true);
    expect(preview.launchTemplates).toEqual([{ id: namingId, name: 'web-fleet', version: 1 }]);

    const otherPreview = await account.invoke('keypairs:deletePreview', {
      region: 'us-east-1',
      name: 'other-key',
    });
    expect(otherPreview.launchTemplates.map((template) => template.name)).toEqual(['batch-fleet']);
  });

  it('says launch templates could not be checked when the account may not read them', async () => {
    account = await startSandboxAccount();
    await importKey('old-key');
    await createTemplate('web-fleet', 'old-key');
    account.sandbox.control.deny(['ec2:DescribeLaunchTemplates']);

    const preview = await account.invoke('keypairs:deletePreview', { region: 'us-east-1', name: 'old-key' });
    expect(preview.launchTemplatesReadable).toBe(false);
    expect(preview.launchTemplates).toEqual([]);
  });

  it('says the same when only reading template versions is denied', async () => {
    account = await startSandboxAccount();
    await importKey('old-key');
    await createTemplate('web-fleet', 'old-key');
    account.sandbox.control.deny(['ec2:DescribeLaunchTemplateVersions']);

    const preview = await account.invoke('keypairs:deletePreview', { region: 'us-east-1', name: 'old-key' });
    expect(preview.launchTemplatesReadable).toBe(false);
  });

  it('throttling is reported as throttling, not as "may not read launch templates"', async () => {
    account = await startSandboxAccount();
    await importKey('old-key');
    await createTemplate('web-fleet', 'old-key');
    account.sandbox.control.setFault('DescribeLaunchTemplates', { kind: 'throttle' });

    const result = await account.dispatch('keypairs:deletePreview', { region: 'us-east-1', name: 'old-key' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({
      code: 'aws.throttled',
      details: { region: 'us-east-1', awsCode: 'RequestLimitExceeded' },
    });
    // The SDK retried before giving up: throttling is transient, so it was worth asking again.
    expect(account.sandbox.control.faultCount('DescribeLaunchTemplates')).toBeGreaterThan(1);
  });

  it('an outage while reading templates fails the preview with its own error', async () => {
    account = await startSandboxAccount();
    await importKey('old-key');
    await createTemplate('web-fleet', 'old-key');
    account.sandbox.control.setFault('DescribeLaunchTemplateVersions', { kind: 'unavailable' });

    const result = await account.dispatch('keypairs:deletePreview', { region: 'us-east-1', name: 'old-key' });
    expect(!result.ok && result.error).toMatchObject({
      code: 'aws.serviceUnavailable',
      details: { region: 'us-east-1', awsCode: 'ServiceUnavailable' },
    });
  });

  it('deleting under a deny policy is "not allowed"; once allowed it deletes', async () => {
    account = await startSandboxAccount();
    await importKey('old-key');
    const input = { region: 'us-east-1', name: 'old-key', confirmName: 'old-key' };
    account.sandbox.control.deny(['ec2:DeleteKeyPair']);
    const denied = await account.dispatch('keypairs:delete', input);
    expect(!denied.ok && denied.error).toMatchObject({
      code: 'aws.accessDenied',
      details: { awsCode: 'UnauthorizedOperation', operation: 'DeleteKeyPair' },
    });
    account.sandbox.control.allow(['ec2:DeleteKeyPair']);
    expect(await account.dispatch('keypairs:delete', input)).toMatchObject({ ok: true });
  });
});
