import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../ipc/contract';
import { decodePrivateKey } from '../keys';
import { startSandboxAccount, type SandboxAccount } from '../inventory/test-support/sandbox-account';

describe('keypairs:create onto an existing file', () => {
  let account: SandboxAccount;
  afterEach(async () => {
    await account.close();
  });

  it('is refused with a free name beside it, and replaces the file only with overwrite in a chosen folder', async () => {
    account = await startSandboxAccount();
    const existing = join(account.sshDir, 'laptop');
    await writeFile(existing, 'an old key the user chose to replace');
    const request: ChannelInput<'keypairs:create'> = {
      region: 'us-east-1',
      name: 'laptop',
      method: 'local',
      keyType: 'ed25519',
      format: 'openssh',
      path: existing,
      tags: [],
    };
    const refused = await account.dispatch('keypairs:create', request);
    expect(refused.ok ? 'ok' : refused.error).toMatchObject({
      code: 'file.exists',
      details: { path: existing, suggestion: join(account.sshDir, 'laptop-2') },
    });
    expect(await readFile(existing, 'utf8')).toBe('an old key the user chose to replace');

    // ~/.ssh is where new keys may be created; replacing a file there needs the folder chosen in the dialog.
    const notChosen = await account.dispatch('keypairs:create', { ...request, overwrite: true });
    expect(notChosen.ok ? 'ok' : notChosen.error.code).toBe('file.replaceNotChosen');
    expect(await readFile(existing, 'utf8')).toBe('an old key the user chose to replace');
    account.core.approvals.approveFolder(account.sshDir);
    const replaced = await account.invoke('keypairs:create', { ...request, overwrite: true });
    expect(replaced).toMatchObject({ status: 'saved', path: existing });
    const key = await decodePrivateKey(await readFile(existing));
    expect(key.type).toBe('ed25519');
    expect((await stat(existing)).mode & 0o777).toBe(0o600);
  });
});
