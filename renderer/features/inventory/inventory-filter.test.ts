import { describe, expect, it } from 'vitest';
import type { KeyPairEntry } from '../../../src/ipc/contracts/inventory';
import { defaultFilter, filterKeyPairs } from './inventory-filter';

function keyPair(name: string, region: string, extra: Partial<KeyPairEntry> = {}): KeyPairEntry {
  return {
    region,
    name,
    id: `key-${name}`,
    type: 'rsa',
    fingerprint: `fp-${name}`,
    createTime: null,
    tags: [],
    publicKey: null,
    instances: [],
    localMatches: [],
    atRisk: false,
    ...extra,
  };
}
const instance = (id: string, name: string | null) => ({
  id,
  name,
  state: 'running',
  platform: null,
  availabilityZone: null,
  publicIp: null,
});

const rows = [
  keyPair('web', 'us-east-1', { instances: [instance('i-1', 'frontend')], atRisk: true }),
  keyPair('db', 'eu-west-1', {
    type: 'ed25519',
    instances: [instance('i-2', null), instance('i-3', null)],
    localMatches: [{ path: '/k/db', rule: 'sha256' }],
  }),
  keyPair('spare', 'us-east-1', {
    tags: [{ key: 'owner', value: 'alice' }],
    createTime: '2020-01-01T00:00:00Z',
  }),
];
const names = (filter: Partial<typeof defaultFilter>) =>
  filterKeyPairs(rows, { ...defaultFilter, ...filter }).map((row) => row.name);

describe('inventory filtering and sorting', () => {
  it('searches names, instance names, tags, fingerprints and matched files', () => {
    expect(names({ search: 'FRONT' })).toEqual(['web']);
    expect(names({ search: 'alice' })).toEqual(['spare']);
    expect(names({ search: 'fp-db' })).toEqual(['db']);
    expect(names({ search: '/k/' })).toEqual(['db']);
  });

  it('filters by region, type and status', () => {
    expect(names({ region: 'us-east-1' })).toEqual(['spare', 'web']);
    expect(names({ type: 'ed25519' })).toEqual(['db']);
    expect(names({ status: 'atRisk' })).toEqual(['web']);
    expect(names({ status: 'unused' })).toEqual(['spare']);
    expect(names({ status: 'matched' })).toEqual(['db']);
  });

  it('sorts by any column, either way', () => {
    expect(names({ sort: 'instances', descending: true })).toEqual(['db', 'web', 'spare']);
    expect(names({ sort: 'region' })).toEqual(['db', 'spare', 'web']);
    expect(names({ sort: 'name', descending: true })).toEqual(['web', 'spare', 'db']);
  });
});
