import { describe, expect, it } from 'vitest';
import type { InventoryView } from '../ipc/contracts/inventory';
import { inventoryToCsv, keyPairCount, onlyKeyPairs, toKeyPairListJson } from './inventory-export';

const view: InventoryView = {
  accountId: 'practice',
  loadedAt: '2026-01-02T03:04:05.000Z',
  fromCache: false,
  localKeys: [],
  localScan: {
    keyCount: 0,
    needsPassphraseCount: 0,
    unreadableCount: 0,
    problemCount: 0,
    problems: [],
    sources: [],
    skippedFiles: 0,
  },
  regions: [
    {
      region: 'us-east-1',
      status: 'ok',
      loadedAt: '2026-01-02T03:04:05.000Z',
      orphanInstances: [],
      keyPairs: [
        {
          region: 'us-east-1',
          name: '=cmd, "quoted"',
          id: 'key-1',
          type: 'rsa',
          fingerprint: 'aa:bb',
          createTime: null,
          tags: [{ key: 'team', value: 'ops' }],
          publicKey: 'ssh-rsa AAAA',
          instances: [
            {
              id: 'i-1',
              name: 'web',
              state: 'running',
              platform: null,
              availabilityZone: 'us-east-1a',
              publicIp: null,
            },
          ],
          localMatches: [{ path: '/home/u/.ssh/k', rule: 'awsImported' }],
          atRisk: false,
        },
      ],
    },
  ],
};

describe('inventory export', () => {
  it('writes RFC 4180 CSV and defuses spreadsheet formulas', () => {
    expect(inventoryToCsv(view)).toBe(
      '\uFEFFregion,name,id,type,fingerprint,createTime,atRisk,instances,localMatches,tags\r\n' +
        `us-east-1,"'=cmd, ""quoted""",key-1,rsa,aa:bb,,no,"i-1 (web, running)",/home/u/.ssh/k,team=ops\r\n`,
    );
  });

  it('starts the CSV with a UTF-8 BOM, so Excel reads Japanese names and tags', () => {
    const japanese = onlyKeyPairs(view);
    const bytes = Buffer.from(inventoryToCsv(japanese), 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('narrows to the rows shown, and counts them', () => {
    const second = { ...view.regions[0]!.keyPairs[0]!, name: 'other' };
    const both: InventoryView = {
      ...view,
      regions: [{ ...view.regions[0]!, keyPairs: [view.regions[0]!.keyPairs[0]!, second] }],
    };
    const shown = onlyKeyPairs(both, [{ region: 'us-east-1', name: 'other' }]);
    expect(keyPairCount(both)).toBe(2);
    expect(keyPairCount(shown)).toBe(1);
    expect(toKeyPairListJson(shown).map((keyPair) => keyPair.name)).toEqual(['other']);
    expect(onlyKeyPairs(both)).toBe(both);
  });

  it('writes the keypairs list JSON shape', () => {
    expect(toKeyPairListJson(view)).toEqual([
      {
        region: 'us-east-1',
        name: '=cmd, "quoted"',
        id: 'key-1',
        type: 'rsa',
        fingerprint: 'aa:bb',
        createTime: null,
        tags: { team: 'ops' },
        publicKey: 'ssh-rsa AAAA',
        instances: [{ id: 'i-1', name: 'web', state: 'running' }],
        localMatches: ['/home/u/.ssh/k'],
        atRisk: false,
      },
    ]);
  });
});
