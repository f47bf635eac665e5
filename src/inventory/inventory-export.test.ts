import { describe, expect, it } from 'vitest';
import type { InventoryView } from '../ipc/contracts/inventory';
import { inventoryToCsv, toKeyPairListJson } from './inventory-export';

const view: InventoryView = {
  accountId: 'practice',
  loadedAt: '2026-01-02T03:04:05.000Z',
  fromCache: false,
  localKeys: [],
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
      'region,name,id,type,fingerprint,createTime,atRisk,instances,localMatches,tags\r\n' +
        `us-east-1,"'=cmd, ""quoted""",key-1,rsa,aa:bb,,no,"i-1 (web, running)",/home/u/.ssh/k,team=ops\r\n`,
    );
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
