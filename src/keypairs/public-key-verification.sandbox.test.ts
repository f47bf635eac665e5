import { DescribeKeyPairsCommand } from '@aws-sdk/client-ec2';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { puttygenKey } from '../inventory/test-support/local-keys';
import { startSandboxAccount, type SandboxAccount } from '../inventory/test-support/sandbox-account';
import { swapPpkPublicHalf } from '../keys/test-support/tampered-keys';

/**
 * The audit imported an attacker's public key to AWS from a PPK whose public half was swapped.
 * Import (and its preview, which the New key page shows) now read only a verified public half.
 */
describe('keypairs:import from a private key file', () => {
  let account: SandboxAccount;
  afterEach(() => account?.close());

  it('refuses a puttygen PPK with a swapped public half and imports nothing; an encrypted one needs its passphrase', async () => {
    account = await startSandboxAccount();
    const home = account.homeDir;
    await puttygenKey(join(home, 'mine.ppk'), 'rsa');
    await puttygenKey(join(home, 'attacker.ppk'), 'rsa');
    await puttygenKey(join(home, 'locked.ppk'), 'rsa', 'locked pass');
    const mine = await readFile(join(home, 'mine.ppk'), 'utf8');
    const attacker = await readFile(join(home, 'attacker.ppk'), 'utf8');
    // Unencrypted, so the attacker can also recompute the MAC; only the halves check can tell.
    await writeFile(join(home, 'swapped.ppk'), swapPpkPublicHalf(mine, attacker, { fixMac: true }));
    await writeFile(
      join(home, 'locked-swapped.ppk'),
      swapPpkPublicHalf(await readFile(join(home, 'locked.ppk'), 'utf8'), attacker, { fixMac: false }),
    );
    const source = { kind: 'file', path: join(home, 'swapped.ppk') } as const;
    const preview = await account.dispatch('keypairs:previewPublicKey', { source });
    expect(preview).toMatchObject({ ok: false, error: { code: 'keys.mismatchedHalves' } });
    const imported = await account.dispatch('keypairs:import', {
      region: 'us-east-1',
      name: 'swapped',
      source,
      tags: [],
    });
    expect(imported).toMatchObject({ ok: false, error: { code: 'keys.mismatchedHalves' } });

    const locked = { kind: 'file', path: join(home, 'locked-swapped.ppk') } as const;
    expect(
      await account.dispatch('keypairs:import', { region: 'us-east-1', name: 'l', source: locked, tags: [] }),
    ).toMatchObject({ ok: false, error: { code: 'keypairs.passphraseNeeded' } });
    expect(
      await account.dispatch('keypairs:import', {
        region: 'us-east-1',
        name: 'l',
        source: locked,
        passphrase: 'locked pass',
        tags: [],
      }),
    ).toMatchObject({ ok: false, error: { code: 'keys.macMismatch' } });
    const { KeyPairs } = await account.ec2('us-east-1').send(new DescribeKeyPairsCommand({}));
    expect(KeyPairs).toEqual([]);
  });
});
