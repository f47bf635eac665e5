import {
  CreateLaunchTemplateCommand,
  DeleteKeyPairCommand,
  DescribeKeyPairsCommand,
  ImportKeyPairCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePrivateKey, publicKeyToOpenSSH } from '../../keys';
import { failure } from '../engine/test-support/executor-fixtures';
import { startDemoAccount, type DemoAccount } from '../paths/test-support/demo-account';
import { testStepContext } from '../paths/test-support/step-context';
import { cleanupErrorCodes } from './cleanup-errors';
import { deleteOldKeyPairStep } from './cleanup-steps';
import { findOldKey, requireOldKey } from './old-key';

// The old key and its key pair's deletion against the practice sandbox: the app's client factory,
// the real SDK over HTTP, EC2's semantics (launch-time KeyName, NotFound, delete by id).

let demo: DemoAccount;

beforeAll(async () => {
  demo = await startDemoAccount();
});
afterAll(() => demo.stop());

async function idOf(name: string): Promise<string> {
  const { KeyPairs } = await demo.ec2.send(new DescribeKeyPairsCommand({ KeyNames: [name] }));
  return KeyPairs?.[0]?.KeyPairId ?? '';
}

describe('findOldKey', () => {
  it("reads the instance's launch key pair and its public key (the lost-key demo instance)", async () => {
    const legacy = await demo.instance('legacy-app');
    const lookup = await findOldKey(demo.account, demo.region, legacy.InstanceId ?? '');
    expect(lookup.keyName).toBe('legacy-app-key');
    const { KeyPairs } = await demo.ec2.send(
      new DescribeKeyPairsCommand({ KeyNames: ['legacy-app-key'], IncludePublicKey: true }),
    );
    const [type, blob] = (KeyPairs?.[0]?.PublicKey ?? '').split(' ');
    expect(lookup.oldKey).toMatchObject({
      keyName: 'legacy-app-key',
      keyPairId: KeyPairs?.[0]?.KeyPairId,
      publicKeyLine: `${type} ${blob}`,
    });
    expect(lookup.oldKey?.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(requireOldKey(lookup)).toBe(lookup.oldKey);
  });

  it('an unknown instance is an error naming it', async () => {
    const error = await failure(findOldKey(demo.account, demo.region, 'i-00000000000000000'));
    expect(error.code).toBe(cleanupErrorCodes.instanceNotFound);
    expect(error.message).toContain('i-00000000000000000');
  });
});

describe('delete-old-key-pair', () => {
  it('deletes by id; afterwards the old key is gone, removal impossible, and a repeat is a no-op', async () => {
    const legacy = await demo.instance('legacy-app');
    const instanceId = legacy.InstanceId ?? '';
    const oldKey = requireOldKey(await findOldKey(demo.account, demo.region, instanceId));
    const step = deleteOldKeyPairStep({ account: demo.account, region: demo.region, oldKey });
    expect(await step.check?.(testStepContext('rec-del'))).toEqual({ state: 'notDone' });

    const outcome = await step.apply(testStepContext('rec-del'));
    expect(outcome.result).toContain(`Deleted key pair legacy-app-key (${oldKey.keyPairId})`);
    // The lost-key instance itself was launched with it: it keeps showing the name.
    expect(outcome.result).toContain(instanceId);
    expect(outcome.facts).toEqual({ deletedKeyPairId: oldKey.keyPairId });
    await expect(
      demo.ec2.send(new DescribeKeyPairsCommand({ KeyPairIds: [oldKey.keyPairId] })),
    ).rejects.toMatchObject({ name: 'InvalidKeyPair.NotFound' });

    expect(await step.check?.(testStepContext('rec-del'))).toMatchObject({ state: 'done' });
    expect((await step.apply(testStepContext('rec-del'))).result).toContain('no longer in');

    const after = await findOldKey(demo.account, demo.region, instanceId);
    expect(after).toMatchObject({ keyName: 'legacy-app-key', oldKey: null });
    expect(after.whyNone).toContain('no longer exists');
    const error = await failure(Promise.resolve().then(() => requireOldKey(after)));
    expect(error.code).toBe(cleanupErrorCodes.oldKeyUnknown);

    // A key pair re-created under the name meanwhile is another id: the step leaves it alone.
    const line = publicKeyToOpenSSH(await generatePrivateKey({ type: 'ed25519' }));
    await demo.ec2.send(
      new ImportKeyPairCommand({ KeyName: 'legacy-app-key', PublicKeyMaterial: Buffer.from(line) }),
    );
    const recreated = await idOf('legacy-app-key');
    expect((await step.apply(testStepContext('rec-del'))).result).toContain('no longer in');
    expect(await idOf('legacy-app-key')).toBe(recreated);
  });

  it('a previewed key pair gone by the time the step runs is refused, not reported as nothing to do', async () => {
    const line = publicKeyToOpenSSH(await generatePrivateKey({ type: 'ed25519' }));
    const { KeyPairId = '' } = await demo.ec2.send(
      new ImportKeyPairCommand({ KeyName: 'previewed-key', PublicKeyMaterial: Buffer.from(line) }),
    );
    const oldKey = { keyName: 'previewed-key', keyPairId: KeyPairId };
    const step = deleteOldKeyPairStep({
      account: demo.account,
      region: demo.region,
      oldKey,
      previewed: true,
    });
    await demo.ec2.send(new DeleteKeyPairCommand({ KeyPairId }));
    const error = await failure(step.apply(testStepContext('rec-previewed')));
    expect(error.code).toBe(cleanupErrorCodes.keyPairGone);
    expect(error.message).toBe(
      `Key pair previewed-key (${KeyPairId}) no longer exists in ${demo.region}: it was deleted after the delete preview (elsewhere, or by an earlier attempt of this cleanup). Nothing was deleted.`,
    );
    expect(error.details).toEqual({ name: 'previewed-key', keyPairId: KeyPairId, region: demo.region });
    // A resume's check still tells a delete that happened (done) from one that did not.
    expect(await step.check?.(testStepContext('rec-previewed'))).toMatchObject({ state: 'done' });
  });

  it('refuses while a launch template names the key pair', async () => {
    await demo.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'laptop-fleet',
        LaunchTemplateData: {
          KeyName: 'laptop-rsa',
          ImageId: 'ami-0123456789abcdef0',
          InstanceType: 't3.micro',
        },
      }),
    );
    const keyPairId = await idOf('laptop-rsa');
    const step = deleteOldKeyPairStep({
      account: demo.account,
      region: demo.region,
      oldKey: { keyName: 'laptop-rsa', keyPairId },
    });
    const error = await failure(step.apply(testStepContext('rec-lt')));
    expect(error.code).toBe(cleanupErrorCodes.keyPairInLaunchTemplates);
    expect(error.message).toContain('laptop-fleet v1');
    expect(await idOf('laptop-rsa')).toBe(keyPairId);
  });
});
