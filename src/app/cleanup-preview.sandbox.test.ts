import { join } from 'node:path';
import {
  DeleteKeyPairCommand,
  DescribeKeyPairsCommand,
  EC2Client,
  ImportKeyPairCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../ipc/contract';
import type { OperationStatus } from '../ipc/contracts/operations';
import type { CleanupResult, RecoveryRunResult } from '../ipc/contracts/recovery-run';
import { generatePrivateKey, publicKeyToOpenSSH } from '../keys';
import { instanceNamed } from '../sandbox/test-support/demo-lookup';
import type { Core } from './core';
import { startPracticeCore, type PracticeCore } from './test-support/practice-core';

// The cleanup's "delete the old key pair" goes to the key pair the window's delete preview showed,
// by its id, through the router on the practice account (demo seed, real SDK over HTTP): a key pair
// re-created under the name after the preview, or one gone since, is refused with a clear error.
let root: string;
let core: Core;
let ec2: EC2Client;
const events: { event: string; payload: unknown }[] = [];
const context = {
  caller: 'renderer' as const,
  emit: (event: string, payload: unknown) => {
    if (event !== 'operation:progress') events.push({ event, payload });
  },
};

let practice: PracticeCore;
beforeAll(async () => {
  practice = await startPracticeCore('cleanup-preview');
  ({ core, ec2, root } = practice);
});
afterAll(() => practice.dispose());

async function invoke(channel: string, payload: unknown): Promise<unknown> {
  const answer = await core.router.dispatch(channel, payload, context);
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

/** Starts an operation channel and waits for its end. */
async function operation(channel: 'recovery:start' | 'recovery:cleanup', payload: unknown) {
  const { operationId } = (await invoke(channel, payload)) as { operationId: string };
  for (;;) {
    const status = (await invoke('operations:wait', { operationId, timeoutMs: 30_000 })) as OperationStatus;
    if (status.state !== 'running') return status;
  }
}

const idOf = async (name: string) =>
  (await ec2.send(new DescribeKeyPairsCommand({ KeyNames: [name] }))).KeyPairs?.[0]?.KeyPairId ?? '';

/** Someone else re-creates the key pair under the same name (another public key, another id). */
async function recreate(name: string): Promise<string> {
  const line = publicKeyToOpenSSH(await generatePrivateKey({ type: 'ed25519' }));
  const { KeyPairId } = await ec2.send(
    new ImportKeyPairCommand({ KeyName: name, PublicKeyMaterial: Buffer.from(line) }),
  );
  return KeyPairId ?? '';
}

const deleteChanges = () =>
  events.filter(
    (entry) =>
      entry.event === 'keypairs:changed' && (entry.payload as { change: string }).change === 'deleted',
  );

describe('cleanup deletes the previewed key pair only', () => {
  it('refuses a key pair re-created or gone after the preview; deletes the previewed id and announces it', async () => {
    const legacy = (await instanceNamed(ec2, 'legacy-app')).InstanceId ?? '';
    const started = await operation('recovery:start', {
      region: 'us-east-1',
      instanceId: legacy,
      path: 'eic',
      targetUser: 'ec2-user',
      newKey: {
        kind: 'generate',
        type: 'ed25519',
        outputPath: join(root, 'home', '.ssh', 'new'),
        format: 'openssh',
      },
      hostKey: { kind: 'accept-new' },
    });
    expect(started.state, JSON.stringify(started.error)).toBe('succeeded');
    const result = started.result as RecoveryRunResult;
    // The recovery names the account it pinned: the window previews the delete there.
    expect(result.accountId).toBe('practice');

    const previewOf = async () =>
      (await invoke('keypairs:deletePreview', {
        region: 'us-east-1',
        name: 'legacy-app-key',
        accountId: result.accountId,
      })) as ChannelOutput<'keypairs:deletePreview'>;
    const preview = await previewOf();
    const previewedId = preview.keyPair.id;
    expect(previewedId).toBe(await idOf('legacy-app-key'));
    expect(preview.instances.map((instance) => instance.id)).toEqual([legacy]);

    // After the preview the key pair is deleted and re-created under its name elsewhere.
    await ec2.send(new DeleteKeyPairCommand({ KeyPairId: previewedId }));
    const recreatedId = await recreate('legacy-app-key');
    const cleanup = (previewed: string) =>
      operation('recovery:cleanup', {
        recoveryId: result.recoveryId,
        removeOldKey: true,
        deleteOldKeyPair: true,
        previewedKeyPairId: previewed,
        revokeIngress: false,
      });
    const replaced = await cleanup(previewedId);
    expect(replaced.state).toBe('failed');
    expect(replaced.error).toMatchObject({
      code: 'cleanup.keyPairReplaced',
      message: `Key pair legacy-app-key in us-east-1 is not the one the delete preview showed: that was ${previewedId}, and the name now belongs to ${recreatedId}, created since. Nothing was deleted; look at the key pair again before deleting it.`,
      details: {
        name: 'legacy-app-key',
        keyPairId: previewedId,
        currentId: recreatedId,
        region: 'us-east-1',
      },
    });
    expect(await idOf('legacy-app-key')).toBe(recreatedId);
    expect(deleteChanges()).toEqual([]);

    // Gone altogether since the preview: refused too, with its own sentence.
    await ec2.send(new DeleteKeyPairCommand({ KeyPairId: recreatedId }));
    const gone = await cleanup(recreatedId);
    expect(gone.state).toBe('failed');
    expect(gone.error).toMatchObject({
      code: 'cleanup.keyPairGone',
      message: `Key pair legacy-app-key (${recreatedId}) no longer exists in us-east-1: it was deleted after the delete preview (elsewhere, or by an earlier attempt of this cleanup). Nothing was deleted.`,
    });

    // A fresh preview of the key pair now under the name: that id is the one deleted, and announced.
    const thirdId = await recreate('legacy-app-key');
    const fresh = await previewOf();
    expect(fresh.keyPair.id).toBe(thirdId);
    const done = await cleanup(fresh.keyPair.id);
    expect(done.state, JSON.stringify(done.error)).toBe('succeeded');
    const cleaned = done.result as CleanupResult;
    expect(cleaned.steps.map((step) => `${step.stepId}:${step.state}`)).toEqual([
      'remove-old-key:done',
      'delete-old-key-pair:done',
    ]);
    expect(cleaned.deletedKeyPairName).toBe('legacy-app-key');
    expect(deleteChanges()).toEqual([
      {
        event: 'keypairs:changed',
        payload: { change: 'deleted', region: 'us-east-1', name: 'legacy-app-key' },
      },
    ]);
    expect(await idOf('legacy-app-key').catch((error: { name?: string }) => error.name)).toBe(
      'InvalidKeyPair.NotFound',
    );
  }, 120_000);
});
