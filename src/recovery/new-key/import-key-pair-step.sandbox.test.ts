import { DescribeKeyPairsCommand, ImportKeyPairCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePrivateKey, publicKeyToOpenSSH } from '../../keys';
import { failure } from '../engine/test-support/executor-fixtures';
import { startDemoAccount, type DemoAccount } from '../paths/test-support/demo-account';
import { testStepContext } from '../paths/test-support/step-context';
import { keyPairErrorCodes } from '../../keypairs/keypair-errors';
import { newKeyErrorCodes } from './new-key-errors';
import { importKeyPairStep } from './import-key-pair-step';

// ImportKeyPair of the new public key against the practice sandbox, through the app's client
// factory and the real SDK over HTTP.

let demo: DemoAccount;

beforeAll(async () => {
  demo = await startDemoAccount();
});
afterAll(() => demo.stop());

async function newPublicLine(comment: string): Promise<string> {
  const key = await generatePrivateKey({ type: 'ed25519', comment });
  return publicKeyToOpenSSH(key);
}

describe('import-key-pair step', () => {
  it('imports the public key with the recovery tag, explains the console, and a repeat finds it', async () => {
    const legacy = await demo.instance('legacy-app');
    const line = await newPublicLine('keyrescue-legacy');
    const step = importKeyPairStep({
      account: demo.account,
      region: demo.region,
      name: 'legacy-app-recovered',
      publicKeyLine: line,
      instanceId: legacy.InstanceId ?? '',
      instanceKeyName: legacy.KeyName ?? '',
    });
    expect(await step.check?.(testStepContext('rec-import'))).toEqual({ state: 'notDone' });
    const outcome = await step.apply(testStepContext('rec-import'));
    const keyPairId = outcome.facts?.keyPairId ?? '';
    expect(keyPairId).toMatch(/^key-/);
    expect(outcome.result).toContain('legacy-app-key');
    expect(outcome.result).toContain('launch-time metadata');

    const { KeyPairs } = await demo.ec2.send(
      new DescribeKeyPairsCommand({ KeyPairIds: [keyPairId], IncludePublicKey: true }),
    );
    expect(KeyPairs?.[0]?.KeyName).toBe('legacy-app-recovered');
    expect(KeyPairs?.[0]?.PublicKey?.split(' ').slice(0, 2)).toEqual(line.split(' ').slice(0, 2));
    expect(KeyPairs?.[0]?.Tags).toEqual([{ Key: 'keyrescue:recovery', Value: 'rec-import' }]);
    // The instance still names its launch key pair: EC2 never updates it.
    expect((await demo.instance('legacy-app')).KeyName).toBe('legacy-app-key');

    // A resumed recovery: the check and a repeated apply find the same key pair.
    expect(await step.check?.(testStepContext('rec-import'))).toMatchObject({
      state: 'done',
      outcome: { facts: { keyPairId } },
    });
    expect((await step.apply(testStepContext('rec-import'))).facts).toEqual({ keyPairId });
  });

  it('a key pair of that name holding another key is a clear error, and nothing is imported', async () => {
    const theirs = await newPublicLine('someone else');
    await demo.ec2.send(
      new ImportKeyPairCommand({ KeyName: 'taken-name', PublicKeyMaterial: Buffer.from(theirs) }),
    );
    const step = importKeyPairStep({
      account: demo.account,
      region: demo.region,
      name: 'taken-name',
      publicKeyLine: await newPublicLine('mine'),
      instanceId: 'i-0123456789abcdef0',
    });
    for (const run of [
      () => step.apply(testStepContext('rec-x')),
      () => step.check!(testStepContext('rec-x')),
    ]) {
      const error = await failure(run());
      expect(error.code).toBe(newKeyErrorCodes.keyPairNameHoldsOtherKey);
      expect(error.message).toContain('taken-name');
      expect(error.message).toContain(demo.region);
    }
    const { KeyPairs } = await demo.ec2.send(
      new DescribeKeyPairsCommand({ KeyNames: ['taken-name'], IncludePublicKey: true }),
    );
    expect(KeyPairs?.[0]?.PublicKey?.split(' ')[1]).toBe(theirs.split(' ')[1]);
  });

  it('an invalid name is refused when the step is built, before anything runs', async () => {
    const publicKeyLine = await newPublicLine('mine');
    for (const name of [' edge', 'ключ', 'x'.repeat(256)]) {
      const error = await failure(
        Promise.resolve().then(() =>
          importKeyPairStep({
            account: demo.account,
            region: demo.region,
            name,
            publicKeyLine,
            instanceId: 'i-1',
          }),
        ),
      );
      expect(error.code, name).toBe(keyPairErrorCodes.nameInvalid);
    }
  });
});
