import type { InventoryView, KeyPairEntry } from '../../../src/ipc/contracts/inventory';

export type StatusFilter = 'all' | 'atRisk' | 'unused' | 'matched';
export type SortKey = 'name' | 'region' | 'type' | 'instances' | 'created';

export interface InventoryFilter {
  search: string;
  region: string; // '' = every region
  type: string; // '' = every type
  status: StatusFilter;
  sort: SortKey;
  descending: boolean;
}

export const defaultFilter: InventoryFilter = {
  search: '',
  region: '',
  type: '',
  status: 'all',
  sort: 'name',
  descending: false,
};

/** Identifies a key pair across regions (names are unique per region only). */
export function keyPairKey(keyPair: Pick<KeyPairEntry, 'region' | 'name'>): string {
  return `${keyPair.region}/${keyPair.name}`;
}

export function allKeyPairs(view: InventoryView | null): KeyPairEntry[] {
  return view ? view.regions.flatMap((region) => region.keyPairs) : [];
}

function matchesSearch(keyPair: KeyPairEntry, search: string): boolean {
  if (!search) return true;
  const needle = search.toLowerCase();
  const haystack = [
    keyPair.name,
    keyPair.id,
    keyPair.fingerprint,
    keyPair.region,
    ...keyPair.tags.flatMap((tag) => [tag.key, tag.value]),
    ...keyPair.instances.flatMap((instance) => [instance.id, instance.name ?? '']),
    ...keyPair.localMatches.map((match) => match.path),
  ];
  return haystack.some((value) => value.toLowerCase().includes(needle));
}

function matchesStatus(keyPair: KeyPairEntry, status: StatusFilter): boolean {
  switch (status) {
    case 'all':
      return true;
    case 'atRisk':
      return keyPair.atRisk;
    case 'unused':
      return keyPair.instances.length === 0;
    case 'matched':
      return keyPair.localMatches.length > 0;
  }
}

const comparators: Record<SortKey, (a: KeyPairEntry, b: KeyPairEntry) => number> = {
  name: (a, b) => a.name.localeCompare(b.name) || a.region.localeCompare(b.region),
  region: (a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name),
  type: (a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name),
  instances: (a, b) => a.instances.length - b.instances.length || a.name.localeCompare(b.name),
  created: (a, b) => (a.createTime ?? '').localeCompare(b.createTime ?? '') || a.name.localeCompare(b.name),
};

/** The rows the table shows: search (names, ids, fingerprints, tags, instances, files), filters, sort. */
export function filterKeyPairs(keyPairs: readonly KeyPairEntry[], filter: InventoryFilter): KeyPairEntry[] {
  const rows = keyPairs.filter(
    (keyPair) =>
      matchesSearch(keyPair, filter.search.trim()) &&
      (!filter.region || keyPair.region === filter.region) &&
      (!filter.type || keyPair.type === filter.type) &&
      matchesStatus(keyPair, filter.status),
  );
  const compare = comparators[filter.sort];
  rows.sort((a, b) => (filter.descending ? -compare(a, b) : compare(a, b)));
  return rows;
}
