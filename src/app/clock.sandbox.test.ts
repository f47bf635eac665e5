import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxAccount, type SandboxAccount } from '../inventory/test-support/sandbox-account';
import { TestClock } from './clock';

/**
 * The core stamps times with the clock it was given: an inventory read against the sandbox (real
 * SDK over HTTP) and the offered export file name carry the TestClock's time, not the wall clock's.
 */
describe('the core clock port', () => {
  const clock = new TestClock('2031-02-03T04:05:06.000Z');
  const offered: string[] = [];
  let account: SandboxAccount;

  beforeAll(async () => {
    account = await startSandboxAccount({
      clock,
      dialogs: {
        openKeyFiles: async () => [],
        chooseFolder: async () => null,
        // Cancelled: only the offered name matters here, nothing is written.
        saveExportFile: async ({ defaultPath }) => {
          offered.push(defaultPath);
          return null;
        },
        showItemInFolder: async () => undefined,
      },
    });
  }, 60_000);
  afterAll(async () => {
    await account?.close();
  });

  it('stamps the inventory view and every region with the injected time', async () => {
    const view = await account.refreshInventory(['us-east-1']);
    expect(view.loadedAt).toBe('2031-02-03T04:05:06.000Z');
    expect(view.regions.map((region) => region.loadedAt)).toEqual(['2031-02-03T04:05:06.000Z']);
    clock.advance(86_400_000);
    const later = await account.refreshInventory(['us-east-1']);
    expect(later.loadedAt).toBe('2031-02-04T04:05:06.000Z');
  });

  it('dates the export file name the Save dialog offers', async () => {
    expect(await account.invoke('inventory:export', { format: 'csv' })).toBeNull();
    expect(offered.map((path) => path.split('/').pop())).toEqual(['keyrescue-inventory-2031-02-04.csv']);
  });

  it('is exposed on the core for services built later (the recovery journal)', () => {
    expect(account.core.clock.now().toISOString()).toBe('2031-02-04T04:05:06.000Z');
  });
});

describe('TestClock', () => {
  it('stands still until moved, and gives a fresh Date each call', () => {
    const clock = new TestClock('2026-05-01T00:00:00.000Z');
    const first = clock.now();
    first.setFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-05-01T00:00:00.000Z');
    clock.advance(1500);
    expect(clock.now().toISOString()).toBe('2026-05-01T00:00:01.500Z');
  });

  it('refuses a time that is not one and moving backwards', () => {
    expect(() => new TestClock('not a time')).toThrow('TestClock: not a time is not a time.');
    expect(() => new TestClock().advance(-1)).toThrow('non-negative');
  });
});
