import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryView } from '../ipc/contracts/inventory';
import { sshKeygen } from './test-support/local-keys';
import {
  importKeyPair,
  launchInstances,
  startSandboxAccount,
  type SandboxAccount,
} from './test-support/sandbox-account';

const run = promisify(execFile);

/**
 * "Private keys on this computer" through the router, as the window drives it: a passphrase for a key
 * whose public part is hidden, files that are not keys, removing what was added, and a count for
 * every place keys are looked for. Keys are made by the real ssh-keygen.
 */
describe('local key sources and session passphrases', () => {
  let account: SandboxAccount;
  let hidden: string;
  let extra: string;
  const passphrase = 'correct horse battery staple';
  const keyPair = (view: InventoryView | null, name: string) =>
    view?.regions.flatMap((region) => region.keyPairs).find((entry) => entry.name === name);

  beforeAll(async () => {
    account = await startSandboxAccount();
    const ec2 = account.ec2('us-east-1');
    // An encrypted traditional PEM without its .pub: its public part is readable only with the passphrase.
    hidden = join(account.sshDir, 'locked.pem');
    await importKeyPair(ec2, 'locked', await sshKeygen(hidden, 'rsa', { pem: true, passphrase }));
    await rm(`${hidden}.pub`);
    await launchInstances(ec2, 'us-east-1', 'locked', 1, 'locked-server');
    await sshKeygen(join(account.sshDir, 'id_ed25519'), 'ed25519');
    extra = join(account.homeDir, 'extra');
    await mkdir(extra);
    await sshKeygen(join(extra, 'one'), 'ed25519');
    await sshKeygen(join(extra, 'two'), 'ed25519');
    await account.invoke('inventory:addFolder', { path: extra });
    await account.refreshInventory(['us-east-1']);
  }, 120_000);
  afterAll(async () => {
    await account.close();
  });

  it('counts the keys of every place: ~/.ssh, an added folder, an added file, a key KeyRescue wrote', async () => {
    const single = join(account.homeDir, 'single_key');
    await sshKeygen(single, 'ed25519');
    const written = join(account.homeDir, 'written', 'saved_key');
    await mkdir(join(account.homeDir, 'written'));
    await sshKeygen(written, 'ed25519');
    const { sources } = await account.core.aws();
    await sources.addWrittenKeys([written]);
    await account.invoke('inventory:addFiles', { paths: [single] });
    const view = await account.invoke('inventory:rematch', {});
    expect(view?.localScan.sources).toEqual([
      { kind: 'sshDir', path: account.sshDir, keys: 2, status: 'ok' },
      { kind: 'folder', path: extra, keys: 2, status: 'ok' },
      { kind: 'file', path: single, keys: 1, status: 'ok' },
      { kind: 'written', path: written, keys: 1, status: 'ok' },
    ]);
    expect(view?.localScan.keyCount).toBe(6);
    expect(view?.localKeys.find((key) => key.path === written)?.source).toBe('written');
    await account.invoke('inventory:removeFile', { path: single });
  });

  it('matches a locked key once its passphrase is given, which never comes back', async () => {
    const before = await account.invoke('inventory:rematch', {});
    expect(before?.localKeys.find((key) => key.path === hidden)?.status).toBe('needsPassphrase');
    expect(keyPair(before, 'locked')).toMatchObject({ atRisk: true, localMatches: [] });

    const wrong = await account.dispatch('inventory:unlockKey', { path: hidden, passphrase: 'not it' });
    expect(wrong.ok ? 'ok' : wrong.error.code).toBe('keys.wrongPassphrase');
    expect(JSON.stringify(wrong)).not.toContain('not it');

    const view = await account.invoke('inventory:unlockKey', { path: hidden, passphrase });
    expect(view?.localKeys.find((key) => key.path === hidden)).toMatchObject({
      status: 'unlocked',
      type: 'rsa',
      encrypted: true,
    });
    expect(keyPair(view, 'locked')).toMatchObject({
      atRisk: false,
      localMatches: [{ path: hidden, rule: 'awsImported' }],
    });
    expect(view?.localScan.needsPassphraseCount).toBe(0);
    expect(JSON.stringify(view)).not.toContain(passphrase);
    // Held for the session: a rescan still matches it without asking again.
    const again = await account.invoke('inventory:rematch', {});
    expect(keyPair(again, 'locked')?.localMatches).toEqual([{ path: hidden, rule: 'awsImported' }]);
  });

  it('takes a passphrase only for a key that is waiting for one', async () => {
    const other = await account.dispatch('inventory:unlockKey', {
      path: join(account.sshDir, 'id_ed25519'),
      passphrase: 'x',
    });
    expect(other.ok ? 'ok' : other.error.code).toBe('inventory.keyNotLocked');
  });

  it('reports an added file that is not a private key, and why; removing it clears the report', async () => {
    const notes = join(account.homeDir, 'notes.txt');
    const pub = join(extra, 'one.pub');
    const folderNamedPem = join(account.homeDir, 'folder.pem');
    await writeFile(notes, 'shopping list\n');
    await mkdir(folderNamedPem);
    await account.invoke('inventory:addFiles', { paths: [notes, pub, folderNamedPem] });
    const view = await account.invoke('inventory:rematch', {});
    expect(view?.localScan.problems.map(({ path, kind, code }) => ({ path, kind, code }))).toEqual([
      { path: pub, kind: 'notKey', code: 'keys.publicNotPrivate' },
      { path: folderNamedPem, kind: 'unreadable', code: 'inventory.fileNotRegular' },
      { path: notes, kind: 'notKey', code: 'keys.unrecognizedFormat' },
    ]);
    expect(view?.localScan.sources.filter((source) => source.kind === 'file')).toEqual([
      { kind: 'file', path: notes, keys: 0, status: 'notKey' },
      { kind: 'file', path: pub, keys: 0, status: 'notKey' },
      { kind: 'file', path: folderNamedPem, keys: 0, status: 'unreadable' },
    ]);
    for (const path of [notes, pub, folderNamedPem]) await account.invoke('inventory:removeFile', { path });
    const sources = await account.invoke('inventory:sources', {});
    expect(sources.files).toEqual([]);
    const after = await account.invoke('inventory:rematch', {});
    expect(after?.localScan.problems).toEqual([]);
    expect(after?.localScan.unreadableCount).toBe(0);
  });

  it('removes an added folder from the list without touching it', async () => {
    const sources = await account.invoke('inventory:removeFolder', { path: extra });
    expect(sources.folders).toEqual([]);
    const view = await account.invoke('inventory:rematch', {});
    expect(view?.localScan.sources.map((source) => source.kind)).toEqual(['sshDir', 'written']);
    await run('test', ['-f', join(extra, 'one')]);
  });
});
