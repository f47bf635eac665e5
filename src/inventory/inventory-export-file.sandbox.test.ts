import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DialogPort } from '../app/ports';
import {
  fixtureRsaLine as rsaLine,
  importKeyPair,
  startSandboxAccount,
  type SandboxAccount,
} from './test-support/sandbox-account';

/**
 * `inventory:export` through the router against the sandbox over HTTP. The Save dialog is a fake
 * (no native dialog can run in a test): it records where it opened and answers with `answer`.
 */
describe('inventory:export writes the file the Save dialog chose', () => {
  let account: SandboxAccount | undefined;
  const opened: { defaultPath: string; format: string }[] = [];
  let answer: (defaultPath: string) => string | null = (defaultPath) => defaultPath;
  const dialogs: DialogPort = {
    openKeyFiles: async () => [],
    chooseFolder: async () => null,
    saveExportFile: async (options) => {
      opened.push(options);
      return answer(options.defaultPath);
    },
    showItemInFolder: async () => undefined,
  };

  afterEach(async () => {
    await account?.close();
    opened.length = 0;
    answer = (defaultPath) => defaultPath;
  });

  async function loaded(): Promise<SandboxAccount> {
    account = await startSandboxAccount({ dialogs });
    const east = account.ec2('us-east-1');
    await importKeyPair(east, 'web', rsaLine);
    await importKeyPair(east, 'db', rsaLine);
    await importKeyPair(account.ec2('eu-west-1'), 'ops', rsaLine);
    await account.refreshInventory();
    return account;
  }

  it('offers Downloads, writes the shown rows as CSV with a BOM, and returns path and counts', async () => {
    const { homeDir, invoke } = await loaded();
    await mkdir(join(homeDir, 'Downloads'));
    const result = await invoke('inventory:export', {
      format: 'csv',
      only: [{ region: 'us-east-1', name: 'web' }],
    });
    const today = new Date().toISOString().slice(0, 10);
    const path = join(homeDir, 'Downloads', `keyrescue-inventory-${today}.csv`);
    expect(opened).toEqual([{ defaultPath: path, format: 'csv' }]);
    expect(result).toEqual({ path, format: 'csv', count: 1, total: 3 });
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('region,name,id,type,fingerprint,createTime,atRisk,instances,localMatches,tags');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 2).join(','))).toEqual([
      'us-east-1,web',
      '',
    ]);
  });

  it('writes JSON where the user chose, replacing the file the dialog confirmed, and offers that folder next', async () => {
    const { homeDir, invoke } = await loaded();
    const chosen = join(homeDir, 'reports', 'inventory.json');
    await mkdir(join(homeDir, 'reports'));
    await writeFile(chosen, 'old');
    answer = () => chosen;
    // No Downloads folder here: the first offer is the home folder.
    expect(await invoke('inventory:export', { format: 'json' })).toEqual({
      path: chosen,
      format: 'json',
      count: 3,
      total: 3,
    });
    const names = (JSON.parse(await readFile(chosen, 'utf8')) as { name: string }[]).map((k) => k.name);
    expect(names.sort()).toEqual(['db', 'ops', 'web']);
    await invoke('inventory:export', { format: 'csv' });
    const today = new Date().toISOString().slice(0, 10);
    expect(opened.map((options) => options.defaultPath)).toEqual([
      join(homeDir, `keyrescue-inventory-${today}.json`),
      join(homeDir, 'reports', `keyrescue-inventory-${today}.csv`),
    ]);
  });

  it('writes nothing and answers null when the dialog is cancelled', async () => {
    const { homeDir, invoke } = await loaded();
    answer = () => null;
    const before = await readdir(homeDir);
    expect(await invoke('inventory:export', { format: 'csv' })).toBeNull();
    expect(opened).toHaveLength(1);
    expect(await readdir(homeDir)).toEqual(before);
  });

  it('refuses without a dialog (the CLI has none) with dialog.unavailable', async () => {
    account = await startSandboxAccount();
    await importKeyPair(account.ec2('us-east-1'), 'web', rsaLine);
    await account.refreshInventory();
    const envelope = await account.dispatch('inventory:export', { format: 'csv' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'dialog.unavailable' } });
  });
});
