import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../app/core';
import type { DialogPort } from '../app/ports';
import type { KeyPairEntry } from '../ipc/contracts/inventory';
import { encodePrivateKey, generatePrivateKey } from '../keys';
import { sshKeygen } from './test-support/local-keys';
import { importKeyPair, startSandboxAccount, type SandboxAccount } from './test-support/sandbox-account';
import { createClient } from '../ipc/client';
import { runOperation } from '../ipc/operations/run-operation';

/**
 * B7: a private key KeyRescue writes (New key, Convert, a key pair AWS created) is remembered as a
 * local key source, so the inventory matches it wherever it was saved — also after a restart.
 */
describe('keys KeyRescue wrote are local keys', () => {
  let account: SandboxAccount | undefined;
  afterEach(async () => {
    await account?.close();
    account = undefined;
  });

  it('generate, convert and AWS-create into a chosen folder; the inventory (and a restarted core) matches all three', async () => {
    let chosen = '';
    // Stands in for the native folder dialog (none can run in a test); its answer is approved as the app's is.
    const dialogs: DialogPort = {
      chooseFolder: async () => chosen,
      openKeyFiles: async () => [],
      showItemInFolder: async () => undefined,
    };
    account = await startSandboxAccount({ dialogs });
    const a = account;
    chosen = join(a.homeDir, 'saved-keys');
    await mkdir(chosen);
    await a.invoke('dialog:chooseFolder', {});
    const ec2 = a.ec2('us-east-1');

    // New key on this computer (keys:generate), its public key imported by the user's other tools.
    const generated = await a.invoke('keys:generate', {
      type: 'ed25519',
      format: 'openssh',
      outputPath: join(chosen, 'generated'),
    });
    await importKeyPair(ec2, 'generated', generated.publicKey);
    // Convert: a key from elsewhere (made by ssh-keygen), converted to PPK into the chosen folder.
    const elsewhere = join(a.homeDir, 'elsewhere');
    await mkdir(elsewhere);
    const line = await sshKeygen(join(elsewhere, 'original'), 'rsa', { pem: true });
    await importKeyPair(ec2, 'converted', line);
    const { results } = await a.invoke('keys:convert', {
      items: [{ source: { kind: 'file', path: join(elsewhere, 'original') } }],
      target: 'ppk3',
      outDir: chosen,
    });
    expect(results).toMatchObject([{ ok: true, outputPath: join(chosen, 'original.ppk') }]);
    await import('node:fs/promises').then((fs) => fs.rm(elsewhere, { recursive: true }));
    // A key pair AWS created, its private key saved by KeyRescue.
    const created = await a.invoke('keypairs:create', {
      region: 'us-east-1',
      name: 'aws-made',
      method: 'aws',
      keyType: 'rsa',
      format: 'pem',
      path: join(chosen, 'aws-made.pem'),
      tags: [],
    });
    expect(created.status).toBe('saved');
    // A file in the chosen folder that KeyRescue did not write is not a source (the folder was not added).
    const stranger = await encodePrivateKey(await generatePrivateKey({ type: 'ed25519' }), {
      format: 'openssh',
    });
    await writeFile(join(chosen, 'stranger'), stranger, { mode: 0o600 });

    const written = [join(chosen, 'generated'), join(chosen, 'original.ppk'), join(chosen, 'aws-made.pem')];
    expect((await a.invoke('inventory:sources', {})).written).toEqual(written);
    const matches = (entries: KeyPairEntry[]) =>
      Object.fromEntries(entries.map((entry) => [entry.name, entry.localMatches.map((match) => match.path)]));
    const view = await a.refreshInventory(['us-east-1']);
    expect(matches(view.regions[0]!.keyPairs)).toEqual({
      'aws-made': [join(chosen, 'aws-made.pem')],
      converted: [join(chosen, 'original.ppk')],
      generated: [join(chosen, 'generated')],
    });
    expect(view.localKeys.map((key) => key.path)).not.toContain(join(chosen, 'stranger'));

    // After a restart (a new core on the same user-data folder) the keys are still found.
    const restarted = createCore({
      userDataDir: a.userDataDir,
      runtime: 'test',
      accounts: {
        environment: { env: {}, homeDir: a.homeDir },
        homeDir: a.homeDir,
        practice: async () => a.sandbox,
      },
    });
    try {
      const client = createClient({
        invoke: (channel, input) =>
          restarted.router.dispatch(channel, input, { caller: 'renderer', emit: () => undefined }),
        on: () => () => undefined,
      });
      const again = await runOperation(client, 'inventory.refresh', () =>
        client.invoke('inventory:refresh', { regions: ['us-east-1'] }),
      );
      expect(matches(again.regions[0]!.keyPairs)).toEqual(matches(view.regions[0]!.keyPairs));
    } finally {
      await restarted.dispose();
    }
  });
});
