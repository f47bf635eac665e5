import { CreateKeyPairCommand } from '@aws-sdk/client-ec2';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryView, KeyPairEntry } from '../ipc/contracts/inventory';
import { encryptWithSshKeygen, puttygenKey, sshKeygen } from './test-support/local-keys';
import {
  importKeyPair,
  launchInstances,
  startSandboxAccount,
  type SandboxAccount,
} from './test-support/sandbox-account';

const run = promisify(execFile);

/**
 * Local key matching against key pairs the sandbox made or imported, with keys written by the real
 * ssh-keygen, puttygen and openssl in every format a user may have, by every AWS fingerprint rule.
 */
describe('matching local private keys to key pairs', () => {
  let account: SandboxAccount;
  let view: InventoryView;
  const byName = (name: string): KeyPairEntry => {
    const found = view.regions.flatMap((region) => region.keyPairs).find((keyPair) => keyPair.name === name);
    if (!found) throw new Error(`no key pair ${name}`);
    return found;
  };

  beforeAll(async () => {
    account = await startSandboxAccount();
    const ec2 = account.ec2('us-east-1');
    const ssh = account.sshDir;
    const extra = join(account.homeDir, 'keys');
    await run('mkdir', ['-p', extra]);

    // Imported RSA (PKCS#1 PEM): AWS shows MD5 of the SPKI.
    await importKeyPair(
      ec2,
      'imported-rsa',
      await sshKeygen(join(ssh, 'imported_rsa.pem'), 'rsa', { pem: true }),
    );
    // Imported Ed25519 (OpenSSH): SHA-256, compared without padding or prefix.
    await importKeyPair(ec2, 'imported-ed25519', await sshKeygen(join(ssh, 'id_ed25519'), 'ed25519'));
    // EC2-created RSA saved as AWS returns it: SHA-1 of the PKCS#8 private key.
    const created = await ec2.send(new CreateKeyPairCommand({ KeyName: 'created-rsa', KeyType: 'rsa' }));
    await writeFile(join(ssh, 'created-rsa.pem'), created.KeyMaterial ?? '', { mode: 0o600 });
    // EC2-created RSA, then encrypted by the user with ssh-keygen: only the public key can match it.
    const createdLocked = await ec2.send(
      new CreateKeyPairCommand({ KeyName: 'created-locked', KeyType: 'rsa' }),
    );
    await writeFile(join(extra, 'created-locked.pem'), createdLocked.KeyMaterial ?? '', { mode: 0o600 });
    await encryptWithSshKeygen(join(extra, 'created-locked.pem'), 'secret phrase');
    // An encrypted PPK made by puttygen (its public half is stored in the clear).
    await importKeyPair(ec2, 'putty-rsa', await puttygenKey(join(extra, 'putty.ppk'), 'rsa', 'putty pass'));
    // An encrypted OpenSSH key (public half readable without the passphrase).
    await importKeyPair(
      ec2,
      'locked-openssh',
      await sshKeygen(join(extra, 'locked_openssh'), 'rsa', { passphrase: 'pw-openssh' }),
    );
    // An encrypted traditional PEM with its .pub beside it, and one without: the second needs its passphrase.
    await importKeyPair(
      ec2,
      'pem-with-pub',
      await sshKeygen(join(extra, 'pem_with_pub'), 'rsa', { pem: true, passphrase: 'pass-one' }),
    );
    const hiddenLine = await sshKeygen(join(extra, 'pem_hidden'), 'rsa', {
      pem: true,
      passphrase: 'pass-two',
    });
    await run('rm', [join(extra, 'pem_hidden.pub')]);
    await importKeyPair(ec2, 'pem-hidden', hiddenLine);
    // A key used by an instance, whose private key is nowhere: at risk.
    await importKeyPair(ec2, 'lost', await sshKeygen(join(account.homeDir, 'elsewhere'), 'ed25519'));
    await launchInstances(ec2, 'us-east-1', 'lost', 1, 'lost-key-server');
    await launchInstances(ec2, 'us-east-1', 'imported-rsa', 1, 'fine-server');
    // Non-key files in ~/.ssh are ignored quietly.
    await writeFile(join(ssh, 'known_hosts'), 'example.com ssh-ed25519 AAAA\n');
    await writeFile(join(ssh, 'notes.txt'), 'not a key\n');

    await account.invoke('inventory:addFolder', { path: extra });
    view = await account.refreshInventory(['us-east-1']);
  });
  afterAll(async () => {
    await account.close();
  });

  it('matches an imported RSA key in PEM by the MD5-of-SPKI rule', () => {
    expect(byName('imported-rsa').localMatches).toEqual([
      { path: join(account.sshDir, 'imported_rsa.pem'), rule: 'awsImported' },
    ]);
  });

  it('matches an Ed25519 key by its SHA-256 fingerprint', () => {
    expect(byName('imported-ed25519').fingerprint.endsWith('=')).toBe(true);
    expect(byName('imported-ed25519').localMatches).toEqual([
      { path: join(account.sshDir, 'id_ed25519'), rule: 'sha256' },
    ]);
  });

  it('matches an EC2-created RSA key by the SHA-1-of-PKCS#8 rule', () => {
    expect(byName('created-rsa').fingerprint).toHaveLength(59);
    expect(byName('created-rsa').localMatches).toEqual([
      { path: join(account.sshDir, 'created-rsa.pem'), rule: 'awsCreated' },
    ]);
  });

  it('does not trust the clear public half of an encrypted PPK or OpenSSH key: it needs the passphrase', () => {
    // Only the passphrase can show that half was not swapped (see readVerifiedPublicKey).
    for (const [name, file] of [
      ['created-locked', 'created-locked.pem'],
      ['putty-rsa', 'putty.ppk'],
    ]) {
      expect(byName(name!).localMatches).toEqual([]);
      expect(view.localKeys.find((key) => key.path === join(account.homeDir, 'keys', file!))).toMatchObject({
        status: 'needsPassphrase',
        encrypted: true,
        sha256: null,
      });
    }
    // ssh-keygen wrote a .pub beside this one: the user's own public key file is what matches.
    const locked = join(account.homeDir, 'keys', 'locked_openssh');
    expect(byName('locked-openssh').localMatches).toEqual([{ path: locked, rule: 'awsImported' }]);
    expect(view.localKeys.find((key) => key.path === locked)).toMatchObject({ publicFrom: `${locked}.pub` });
  });

  it('reads an encrypted PEM through its .pub, and lists one without as needing its passphrase', () => {
    const withPub = join(account.homeDir, 'keys', 'pem_with_pub');
    const hidden = join(account.homeDir, 'keys', 'pem_hidden');
    expect(byName('pem-with-pub').localMatches).toEqual([{ path: withPub, rule: 'awsImported' }]);
    expect(view.localKeys.find((key) => key.path === withPub)).toMatchObject({
      status: 'matchable',
      publicFrom: `${withPub}.pub`,
      encrypted: true,
    });
    expect(byName('pem-hidden').localMatches).toEqual([]);
    expect(view.localKeys.find((key) => key.path === hidden)).toMatchObject({
      status: 'needsPassphrase',
      encrypted: true,
      sha256: null,
    });
  });

  it('flags a key pair in use with no private key as at risk, and only that one', () => {
    const atRisk = view.regions.flatMap((region) => region.keyPairs).filter((keyPair) => keyPair.atRisk);
    // pem-hidden is not at risk only because no instance uses it.
    expect(atRisk.map((keyPair) => keyPair.name)).toEqual(['lost']);
    expect(byName('lost').instances.map((instance) => instance.name)).toEqual(['lost-key-server']);
    expect(byName('imported-rsa').atRisk).toBe(false);
  });

  it('lists every private key found, and nothing that is not one', () => {
    const paths = view.localKeys.map((key) => key.path.replace(account.homeDir, '~'));
    expect(paths).toEqual([
      '~/.ssh/created-rsa.pem',
      '~/.ssh/id_ed25519',
      '~/.ssh/imported_rsa.pem',
      '~/keys/created-locked.pem',
      '~/keys/locked_openssh',
      '~/keys/pem_hidden',
      '~/keys/pem_with_pub',
      '~/keys/putty.ppk',
    ]);
  });
});
