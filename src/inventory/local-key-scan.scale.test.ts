import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxListedLocalKeys, maxListedMatches, type InventoryView } from '../ipc/contracts/inventory';
import { InventoryCache } from './inventory-cache';
import { sshKeygen } from './test-support/local-keys';
import {
  importKeyPair,
  launchInstances,
  startSandboxAccount,
  type SandboxAccount,
} from './test-support/sandbox-account';

/**
 * 100,000 local key files through the router, whose output schema once refused more than 2,000 and
 * failed the whole inventory. The files are copies of real ssh-keygen keys: 99,000 of an unencrypted
 * Ed25519 key and 1,000 of an encrypted one without its .pub (each needs its passphrase), so the test
 * spends its time on the scan's bounds, not on key generation. (Identical bytes are verified once
 * per scan, see ParsedBytesCache; every file is still opened and read.)
 */
describe('an inventory with 100,000 local keys', () => {
  const plainCopies = 99_000;
  const lockedCopies = 1_000;
  let account: SandboxAccount;
  let folder: string;
  let view: InventoryView;

  beforeAll(async () => {
    account = await startSandboxAccount();
    const ec2 = account.ec2('us-east-1');
    const originals = join(account.homeDir, 'originals');
    mkdirSync(originals);
    const lockedLine = await sshKeygen(join(originals, 'locked'), 'ed25519', { passphrase: 'pw' });
    // The copies have no .pub beside them: only the passphrase could tell their public half.
    const plainLine = await sshKeygen(join(originals, 'plain'), 'ed25519');
    await importKeyPair(ec2, 'locked-copies', lockedLine);
    await importKeyPair(ec2, 'plain-copies', plainLine);
    await launchInstances(ec2, 'us-east-1', 'plain-copies', 1, 'in-use');
    await importKeyPair(ec2, 'lost', await sshKeygen(join(originals, 'gone'), 'ed25519'));
    await launchInstances(ec2, 'us-east-1', 'lost', 1, 'lost-key-server');
    const locked = readFileSync(join(originals, 'locked'));
    const plain = readFileSync(join(originals, 'plain'));
    // 100 folders of 1,000 (the scan reads one level down), written synchronously: fastest here.
    folder = join(account.homeDir, 'many');
    for (let part = 0; part < 100; part++) {
      const dir = join(folder, `part${String(part).padStart(3, '0')}`);
      mkdirSync(dir, { recursive: true });
      for (let i = 0; i < 1000; i++) {
        const n = part * 1000 + i;
        writeFileSync(join(dir, `key${String(n).padStart(6, '0')}`), n < lockedCopies ? locked : plain, {
          mode: 0o600,
        });
      }
    }
    await account.invoke('inventory:addFolder', { path: folder });
    view = await account.refreshInventory(['us-east-1']);
  }, 240_000);
  afterAll(async () => {
    await account.close();
  });

  const keyPair = (name: string) =>
    view.regions.flatMap((region) => region.keyPairs).find((entry) => entry.name === name);

  it('counts every key and says where they are, with a bounded list', () => {
    expect(view.localScan).toMatchObject({
      keyCount: lockedCopies + plainCopies,
      needsPassphraseCount: lockedCopies,
      unreadableCount: 0,
      problemCount: 0,
      skippedFiles: 0,
    });
    expect(view.localScan.sources).toEqual([
      { kind: 'sshDir', path: account.sshDir, keys: 0, status: 'ok' },
      { kind: 'folder', path: folder, keys: lockedCopies + plainCopies, status: 'ok' },
    ]);
    // Every key that needs its passphrase is listed (the user acts on those), then the first others.
    expect(view.localKeys).toHaveLength(maxListedLocalKeys);
    expect(view.localKeys.filter((key) => key.status === 'needsPassphrase')).toHaveLength(lockedCopies);
    expect(view.localKeys[0]).toMatchObject({
      path: join(folder, 'part000', 'key000000'),
      source: 'folder',
      encrypted: true,
    });
    expect(view.localKeys[lockedCopies]).toMatchObject({
      path: join(folder, 'part001', 'key001000'),
      status: 'matchable',
    });
  });

  it('matches tens of thousands of copies to one key pair, listing the first and counting all', () => {
    const plain = keyPair('plain-copies');
    expect(plain?.localMatches).toHaveLength(maxListedMatches);
    expect(plain).toMatchObject({ atRisk: false, localMatchTotal: plainCopies });
    expect(plain?.localMatches[0]).toEqual({ path: join(folder, 'part001', 'key001000'), rule: 'sha256' });
    expect(keyPair('locked-copies')).toMatchObject({ atRisk: false, localMatches: [] });
    expect(keyPair('lost')).toMatchObject({ atRisk: true, localMatches: [] });
    expect(keyPair('lost')?.riskUnknown).toBeUndefined();
  });

  it('keeps the bounded view in the on-disk cache, which reads back', async () => {
    const cache = new InventoryCache(account.userDataDir);
    const cached = await cache.read(view.accountId);
    expect(cached?.localKeys).toHaveLength(maxListedLocalKeys);
    expect(cached?.localScan.keyCount).toBe(lockedCopies + plainCopies);
  });
});
