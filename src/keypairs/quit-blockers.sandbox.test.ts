import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../ipc/app-error';
import { startSandboxAccount, type SandboxAccount } from '../inventory/test-support/sandbox-account';
import { writePrivateKeyFile, type PrivateKeyWrite } from '../keys/key-files';

describe('app:quitBlockers through the router', () => {
  let account: SandboxAccount;
  afterEach(async () => {
    await account.close();
  });

  it('reports AWS-created private keys not saved yet, until each is saved or its key pair deleted', async () => {
    let failWrites = true;
    // The one mock here: a disk that fails mid-write cannot be produced reliably as root in CI.
    const writer: PrivateKeyWrite = async (path, text, options) => {
      if (failWrites)
        throw new AppError('file.diskFull', `The disk is full; ${path} was not written.`, { path });
      await writePrivateKeyFile(path, text, options);
    };
    account = await startSandboxAccount({ privateKeyWrite: writer });
    expect(await account.invoke('app:quitBlockers', {})).toEqual({ blockers: [] });

    const create = (name: string) =>
      account.invoke('keypairs:create', {
        region: 'us-east-1',
        name,
        method: 'aws',
        keyType: 'rsa',
        format: 'pem',
        path: join(account.sshDir, `${name}.pem`),
        tags: [],
      });
    const first = await create('first');
    const second = await create('second');
    expect([first.status, second.status]).toEqual(['unsaved', 'unsaved']);
    expect(await account.invoke('app:quitBlockers', {})).toEqual({
      blockers: [{ kind: 'keypairs.unsavedPrivateKeys', count: 2 }],
    });

    failWrites = false;
    await account.invoke('keypairs:retrySave', {
      pendingId: first.pendingId ?? '',
      path: join(account.sshDir, 'first-saved.pem'),
    });
    expect(await account.invoke('app:quitBlockers', {})).toEqual({
      blockers: [{ kind: 'keypairs.unsavedPrivateKeys', count: 1 }],
    });
    await account.invoke('keypairs:discardPending', { pendingId: second.pendingId ?? '' });
    expect(await account.invoke('app:quitBlockers', {})).toEqual({ blockers: [] });
  });
});
