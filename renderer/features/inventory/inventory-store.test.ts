// @vitest-environment happy-dom
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { installCoreBridge, type CoreBridge } from '../../test-support/core-bridge';
import { resetAccountsStore, useAccountsStore } from '../accounts/accounts-store';
import { useDeleteKeyPairStore } from './delete-key-pair-store';
import { allKeyPairs } from './inventory-filter';
import { subscribeKeyPairChanges, useInventoryStore } from './inventory-store';

/**
 * One source of truth: the inventory store follows what the app changes elsewhere (a key pair
 * created, imported or deleted on another page; another account chosen) without a Refresh. Real
 * router and services over two real sandboxes (the practice account and an "environment" account).
 */
describe('inventory store follows the app’s changes', () => {
  let root: string;
  let practice: RunningSandbox;
  let other: RunningSandbox;
  let bridge: CoreBridge;
  let unsubscribe: () => void;
  const names = () =>
    allKeyPairs(useInventoryStore.getState().view)
      .map((keyPair) => keyPair.name)
      .sort();

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'keyrescue-inventory-store-'));
    const home = join(root, 'home');
    await mkdir(join(home, '.ssh'), { recursive: true });
    practice = await startSandbox({ seed: 'demo', keysDir: join(root, 'practice-keys') });
    other = await startSandbox({});
    bridge = await installCoreBridge({
      accounts: {
        environment: {
          homeDir: home,
          env: {
            AWS_ACCESS_KEY_ID: other.accessKeyId,
            AWS_SECRET_ACCESS_KEY: other.secretAccessKey,
            AWS_REGION: other.region,
            AWS_ENDPOINT_URL: other.endpoint,
          },
        },
        homeDir: home,
        practice: async () => ({
          endpoint: practice.endpoint,
          region: practice.region,
          accessKeyId: practice.accessKeyId,
          secretAccessKey: practice.secretAccessKey,
        }),
      },
    });
    unsubscribe = subscribeKeyPairChanges();
    await useInventoryStore.getState().start();
  }, 60_000);
  afterAll(async () => {
    unsubscribe();
    await bridge.dispose();
    await Promise.all([practice.stop(), other.stop()]);
    await rm(root, { recursive: true, force: true });
  });
  beforeEach(async () => {
    if (useAccountsStore.getState().activeId !== 'practice')
      await useAccountsStore.getState().select('practice');
    await expect.poll(() => useInventoryStore.getState().status).toBe('ready');
  });

  it('starts with the practice account’s demo key pairs', () => {
    expect(useAccountsStore.getState().activeId).toBe('practice');
    expect(names()).toEqual([
      'eu-deploy',
      'laptop-rsa',
      'legacy-app-key',
      'practice-ed25519',
      'practice-rsa',
    ]);
  });

  it('a key pair imported elsewhere (New key) appears without a Refresh', async () => {
    const keyFile = join(root, 'imported');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'store-test', '-f', keyFile]);
    const publicKey = await readFile(`${keyFile}.pub`, 'utf8');
    // What the New key page does through its own store: the inventory store is not told directly.
    await window.api!.invoke('keypairs:import', {
      region: 'us-east-1',
      name: 'from-another-page',
      source: { kind: 'text', text: publicKey },
    });
    await expect.poll(names).toContain('from-another-page');
    expect(useInventoryStore.getState().status).toBe('ready');
  });

  it('a key pair deleted through the delete dialog disappears and its details close', async () => {
    useInventoryStore.getState().select('us-east-1/laptop-rsa');
    await useDeleteKeyPairStore.getState().open({ region: 'us-east-1', name: 'laptop-rsa' });
    expect(await useDeleteKeyPairStore.getState().confirm('laptop-rsa')).toBe(true);
    await expect.poll(names).not.toContain('laptop-rsa');
    expect(useInventoryStore.getState().selectedKey).toBeNull();
  });

  it('choosing another account (on any page) shows that account’s key pairs', async () => {
    expect(useAccountsStore.getState().accounts.map((account) => account.id)).toContain('environment');
    expect(await useAccountsStore.getState().select('environment')).toBe(true);
    await expect.poll(() => useInventoryStore.getState().status).toBe('ready');
    await expect.poll(names).toEqual([]);
    await expect.poll(() => useAccountsStore.getState().identity?.accountId).toBe('111122223333');
  });

  it('a refused account switch keeps the current account and says why', async () => {
    expect(await useAccountsStore.getState().select('profile:does-not-exist')).toBe(false);
    expect(useAccountsStore.getState().activeId).toBe('practice');
    expect(useAccountsStore.getState().error).toMatchObject({ code: expect.stringMatching(/^aws\./) });
  });
});

afterAll(() => resetAccountsStore());
