import { DescribeKeyPairsCommand } from '@aws-sdk/client-ec2';
import { execFile } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../ipc/app-error';
import { computeFingerprints, decodePrivateKey } from '../keys';
import { sshKeygen } from '../inventory/test-support/local-keys';
import {
  launchInstances,
  startSandboxAccount,
  type SandboxAccount,
} from '../inventory/test-support/sandbox-account';
import { writePrivateKeyFile, type PrivateKeyWrite } from '../keys/key-files';

const run = promisify(execFile);

async function keyPairNames(account: SandboxAccount): Promise<string[]> {
  const result = await account.ec2('us-east-1').send(new DescribeKeyPairsCommand({}));
  return (result.KeyPairs ?? []).map((keyPair) => keyPair.KeyName ?? '').sort();
}

describe('key pair create / import / delete against the sandbox', () => {
  let account: SandboxAccount;
  afterEach(async () => {
    await account.close();
  });

  it('generates locally in each format, saves owner-only, and imports only the public key', async () => {
    account = await startSandboxAccount();
    for (const [name, keyType, format] of [
      ['local-ed', 'ed25519', 'openssh'],
      ['local-rsa-pem', 'rsa', 'pem'],
      ['local-rsa-ppk', 'rsa', 'ppk'],
    ] as const) {
      const path = join(account.sshDir, name);
      const outcome = await account.invoke('keypairs:create', {
        region: 'us-east-1',
        name,
        method: 'local',
        keyType,
        format,
        path,
        passphrase: 'long passphrase',
        tags: [{ key: 'team', value: 'ops' }],
      });
      expect(outcome).toMatchObject({
        status: 'saved',
        path,
        pendingId: null,
        keyPair: { name, region: 'us-east-1', type: keyType },
      });
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      // ssh-keygen (or puttygen) reads it back with the passphrase and derives the same public key AWS holds.
      const key = await decodePrivateKey(await readFile(path), { passphrase: 'long passphrase' });
      expect(outcome.keyPair.fingerprint).toBe(computeFingerprints(key.publicKey).awsImported);
    }
    const { stdout } = await run('ssh-keygen', [
      '-y',
      '-P',
      'long passphrase',
      '-f',
      join(account.sshDir, 'local-ed'),
    ]);
    const view = await account.refreshInventory(['us-east-1']);
    const localEd = view.regions[0]?.keyPairs.find((keyPair) => keyPair.name === 'local-ed');
    expect(localEd?.publicKey?.split(' ')[1]).toBe(stdout.trim().split(' ')[1]);
    expect(localEd?.tags).toEqual([{ key: 'team', value: 'ops' }]);
    // Saved with a passphrase and no .pub: its public half is trusted only once the passphrase opens it.
    expect(localEd?.localMatches).toEqual([]);
    expect(view.localKeys.find((key) => key.path === join(account.sshDir, 'local-ed'))?.status).toBe(
      'needsPassphrase',
    );
  });

  it('lets AWS create the key and saves it before reporting success (PEM and PPK, with a passphrase)', async () => {
    account = await startSandboxAccount();
    const pemPath = join(account.sshDir, 'aws-made.pem');
    const pem = await account.invoke('keypairs:create', {
      region: 'us-east-1',
      name: 'aws-made',
      method: 'aws',
      keyType: 'rsa',
      format: 'pem',
      path: pemPath,
      tags: [],
    });
    expect(pem.status).toBe('saved');
    // openssl reads the saved file and yields the fingerprint AWS reported (SHA-1 of the PKCS#8 DER).
    const { stdout } = await run('sh', [
      '-c',
      `openssl pkcs8 -in '${pemPath}' -topk8 -nocrypt -outform DER | openssl sha1 -c`,
    ]);
    expect(stdout.trim().split('= ')[1]).toBe(pem.keyPair.fingerprint);

    const ppkPath = join(account.sshDir, 'aws-made.ppk');
    const ppk = await account.invoke('keypairs:create', {
      region: 'us-east-1',
      name: 'aws-ppk',
      method: 'aws',
      keyType: 'ed25519',
      format: 'ppk',
      path: ppkPath,
      passphrase: 'ppk passphrase',
      tags: [],
    });
    expect(ppk.status).toBe('saved');
    await writeFile(`${ppkPath}.pass`, 'ppk passphrase\n');
    const { stdout: publicLine } = await run('puttygen', [
      ppkPath,
      '-O',
      'public-openssh',
      '--old-passphrase',
      `${ppkPath}.pass`,
    ]);
    const view = await account.refreshInventory(['us-east-1']);
    expect(
      view.regions[0]?.keyPairs.find((keyPair) => keyPair.name === 'aws-ppk')?.publicKey?.split(' ')[1],
    ).toBe(publicLine.trim().split(' ')[1]);
  });

  it('never leaves an AWS key pair without its saved private key when the write fails', async () => {
    let failWrites = true;
    // The one mock here: a disk that fails mid-write cannot be produced reliably as root in CI.
    const writer: PrivateKeyWrite = async (path, text, options) => {
      if (failWrites)
        throw new AppError('file.diskFull', `The disk is full; ${path} was not written.`, { path });
      await writePrivateKeyFile(path, text, options);
    };
    account = await startSandboxAccount({ privateKeyWrite: writer });
    const path = join(account.sshDir, 'first.pem');
    const outcome = await account.invoke('keypairs:create', {
      region: 'us-east-1',
      name: 'unsaved',
      method: 'aws',
      keyType: 'rsa',
      format: 'pem',
      path,
      tags: [],
    });
    expect(outcome).toMatchObject({
      status: 'unsaved',
      path: null,
      saveError: { code: 'file.diskFull', path },
    });
    expect(outcome.pendingId).toEqual(expect.any(String));
    expect(await keyPairNames(account)).toEqual(['unsaved']);

    // Retry to another place once the disk works: saved, and the key is the one AWS holds.
    failWrites = false;
    const retryPath = join(account.sshDir, 'saved-later.pem');
    const retried = await account.invoke('keypairs:retrySave', {
      pendingId: outcome.pendingId ?? '',
      path: retryPath,
    });
    expect(retried).toMatchObject({ status: 'saved', path: retryPath, keyPair: { name: 'unsaved' } });
    const key = await decodePrivateKey(await readFile(retryPath));
    expect(computeFingerprints(key).awsCreated).toBe(outcome.keyPair.fingerprint);
    const again = await account.dispatch('keypairs:retrySave', {
      pendingId: outcome.pendingId ?? '',
      path: retryPath,
    });
    expect(again.ok ? 'ok' : again.error.code).toBe('keypairs.pendingUnknown');

    // Or give up: the key pair is deleted so none exists without its key.
    failWrites = true;
    const second = await account.invoke('keypairs:create', {
      region: 'us-east-1',
      name: 'abandoned',
      method: 'aws',
      keyType: 'rsa',
      format: 'pem',
      path: join(account.sshDir, 'x.pem'),
      tags: [],
    });
    expect(await keyPairNames(account)).toEqual(['abandoned', 'unsaved']);
    expect(await account.invoke('keypairs:discardPending', { pendingId: second.pendingId ?? '' })).toEqual({
      deleted: true,
    });
    expect(await keyPairNames(account)).toEqual(['unsaved']);
  });

  it('checks the name and the save location before calling AWS', async () => {
    account = await startSandboxAccount();
    const existing = join(account.sshDir, 'exists.pem');
    await writeFile(existing, 'something the user keeps');
    const refused = await account.dispatch('keypairs:create', {
      region: 'us-east-1',
      name: 'x',
      method: 'aws',
      keyType: 'rsa',
      format: 'pem',
      path: existing,
      tags: [],
    });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('file.exists');
    // The form offers the free name beside it (or replacing the file after a confirmation).
    expect(refused.ok ? 'ok' : refused.error.details).toEqual({
      path: existing,
      suggestion: join(account.sshDir, 'exists-2.pem'),
    });
    const noFolder = await account.dispatch('keypairs:create', {
      region: 'us-east-1',
      name: 'x',
      method: 'aws',
      keyType: 'rsa',
      format: 'pem',
      path: join(account.homeDir, 'missing', 'k.pem'),
      tags: [],
    });
    expect(noFolder.ok ? 'ok' : noFolder.error.code).toBe('file.folderMissing');
    expect(await keyPairNames(account)).toEqual([]);
    expect(await readFile(existing, 'utf8')).toBe('something the user keeps');

    await account.invoke('keypairs:create', {
      region: 'us-east-1',
      name: 'taken',
      method: 'local',
      keyType: 'ed25519',
      format: 'openssh',
      path: join(account.sshDir, 'taken'),
      tags: [],
    });
    expect(await account.invoke('keypairs:checkName', { region: 'us-east-1', name: 'taken' })).toEqual({
      valid: false,
      problem: 'duplicate',
    });
    expect(await account.invoke('keypairs:checkName', { region: 'eu-west-1', name: 'taken' })).toEqual({
      valid: true,
      problem: null,
    });
    expect(await account.invoke('keypairs:checkName', { region: 'us-east-1', name: ' padded' })).toEqual({
      valid: false,
      problem: 'edgeSpaces',
    });
    expect(await account.invoke('keypairs:checkName', { region: 'us-east-1', name: 'キー' })).toEqual({
      valid: false,
      problem: 'notAscii',
    });
    const duplicate = await account.dispatch('keypairs:create', {
      region: 'us-east-1',
      name: 'taken',
      method: 'local',
      keyType: 'ed25519',
      format: 'openssh',
      path: join(account.sshDir, 'taken2'),
      tags: [],
    });
    expect(duplicate.ok ? 'ok' : duplicate.error.code).toBe('keypairs.nameTaken');
    // Refused before anything was generated or written.
    await expect(stat(join(account.sshDir, 'taken2'))).rejects.toThrow();
  });

  it('imports a pasted OpenSSH line, an RFC 4716 file and the public half of an encrypted private key', async () => {
    account = await startSandboxAccount();
    const line = await sshKeygen(join(account.homeDir, 'pasted'), 'ed25519');
    const pasted = await account.invoke('keypairs:import', {
      region: 'us-east-1',
      name: 'pasted',
      source: { kind: 'text', text: line },
      tags: [],
    });
    expect(pasted.fingerprint.replace(/=+$/, '')).toBe(
      computeFingerprints(
        await decodePrivateKey(await readFile(join(account.homeDir, 'pasted'))),
      ).sha256.slice(7),
    );

    await sshKeygen(join(account.homeDir, 'rfc'), 'rsa');
    const { stdout: rfc } = await run('ssh-keygen', ['-e', '-f', join(account.homeDir, 'rfc.pub')]);
    await writeFile(join(account.homeDir, 'rfc.txt'), rfc);
    const fromRfc = await account.invoke('keypairs:import', {
      region: 'us-east-1',
      name: 'rfc',
      source: { kind: 'file', path: join(account.homeDir, 'rfc.txt') },
      tags: [],
    });
    const { stdout: md5 } = await run('sh', [
      '-c',
      `ssh-keygen -e -m PKCS8 -f '${join(account.homeDir, 'rfc.pub')}' | openssl pkey -pubin -outform DER | openssl md5 -c`,
    ]);
    expect(fromRfc.fingerprint).toBe(md5.trim().split('= ')[1]);

    await sshKeygen(join(account.homeDir, 'locked'), 'rsa', { pem: true, passphrase: 'locked-pass' });
    const source = { kind: 'file' as const, path: join(account.homeDir, 'locked') };
    const needs = await account.dispatch('keypairs:previewPublicKey', { source });
    expect(needs.ok ? 'ok' : needs.error.code).toBe('keypairs.passphraseNeeded');
    const preview = await account.invoke('keypairs:previewPublicKey', { source, passphrase: 'locked-pass' });
    expect(preview).toMatchObject({ type: 'rsa', bits: 2048, fromPrivateKey: true });
    const imported = await account.invoke('keypairs:import', {
      region: 'us-east-1',
      name: 'from-private',
      source,
      passphrase: 'locked-pass',
      tags: [],
    });
    expect(imported.fingerprint).toBe(preview.awsImported);

    const junk = await account.dispatch('keypairs:import', {
      region: 'us-east-1',
      name: 'junk',
      source: { kind: 'text', text: 'hello' },
      tags: [],
    });
    expect(junk.ok ? 'ok' : junk.error.code).toBe('keypairs.publicKeyNotRecognized');
  });

  it('shows the instances that still name a key pair and deletes only after the exact name is typed', async () => {
    account = await startSandboxAccount();
    await account.invoke('keypairs:import', {
      region: 'us-east-1',
      name: 'old-key',
      source: { kind: 'text', text: await sshKeygen(join(account.homeDir, 'old'), 'ed25519') },
      tags: [],
    });
    const ids = await launchInstances(account.ec2('us-east-1'), 'us-east-1', 'old-key', 2, 'web');
    const preview = await account.invoke('keypairs:deletePreview', { region: 'us-east-1', name: 'old-key' });
    expect(preview.instances.map((instance) => instance.id)).toEqual([...ids].sort());
    expect(preview.keyPair.name).toBe('old-key');
    const mismatch = await account.dispatch('keypairs:delete', {
      region: 'us-east-1',
      name: 'old-key',
      confirmName: 'old-ke',
    });
    expect(mismatch.ok ? 'ok' : mismatch.error.code).toBe('keypairs.confirmMismatch');
    expect(await keyPairNames(account)).toEqual(['old-key']);
    const deleted = await account.invoke('keypairs:delete', {
      region: 'us-east-1',
      name: 'old-key',
      confirmName: 'old-key',
    });
    expect(deleted).toEqual({ deleted: true, keyPairId: preview.keyPair.id });
    expect(await keyPairNames(account)).toEqual([]);
    const missing = await account.dispatch('keypairs:deletePreview', {
      region: 'us-east-1',
      name: 'old-key',
    });
    expect(missing.ok ? 'ok' : missing.error.code).toBe('keypairs.notFound');
  });
});
