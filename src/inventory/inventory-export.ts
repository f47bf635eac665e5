import type { InventoryView } from '../ipc/contracts/inventory';

const csvColumns = [
  'region',
  'name',
  'id',
  'type',
  'fingerprint',
  'createTime',
  'atRisk',
  'instances',
  'localMatches',
  'tags',
] as const;

/** RFC 4180 quoting; a leading =+-@ is prefixed so spreadsheets never run a cell as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The view narrowed to the key pairs the user sees (`region/name` keys); all of them when omitted. */
export function onlyKeyPairs(
  view: InventoryView,
  shown?: readonly { region: string; name: string }[],
): InventoryView {
  if (!shown) return view;
  const wanted = new Set(shown.map((keyPair) => `${keyPair.region}/${keyPair.name}`));
  return {
    ...view,
    regions: view.regions.map((region) => ({
      ...region,
      keyPairs: region.keyPairs.filter((keyPair) => wanted.has(`${keyPair.region}/${keyPair.name}`)),
    })),
  };
}

/** How many key pairs a view holds. */
export function keyPairCount(view: InventoryView): number {
  return view.regions.reduce((sum, region) => sum + region.keyPairs.length, 0);
}

/** UTF-8 byte order mark: Excel (Japanese Windows above all) reads a CSV without it as Shift_JIS. */
const utf8Bom = '\uFEFF';

/**
 * One row per key pair; instances as `id (name, state)` and tags as `k=v`, each list `; `-separated.
 * Starts with a UTF-8 BOM so spreadsheets read names and tags in any script correctly.
 */
export function inventoryToCsv(view: InventoryView): string {
  const rows = view.regions.flatMap((region) =>
    region.keyPairs.map((keyPair) => [
      keyPair.region,
      keyPair.name,
      keyPair.id,
      keyPair.type,
      keyPair.fingerprint,
      keyPair.createTime ?? '',
      keyPair.atRisk ? 'yes' : 'no',
      keyPair.instances
        .map((instance) => `${instance.id} (${instance.name ?? ''}, ${instance.state})`)
        .join('; '),
      keyPair.localMatches.map((match) => match.path).join('; '),
      keyPair.tags.map((tag) => `${tag.key}=${tag.value}`).join('; '),
    ]),
  );
  return (
    utf8Bom + [csvColumns.join(','), ...rows.map((row) => row.map(csvCell).join(','))].join('\r\n') + '\r\n'
  );
}

/** The same JSON shape as `keyrescue keypairs list --json`. */
export function inventoryToJson(view: InventoryView): string {
  return `${JSON.stringify(toKeyPairListJson(view), null, 2)}\n`;
}

/** `keypairs list --json`: one object per key pair, tags as an object, instances and matched files. */
export function toKeyPairListJson(view: InventoryView) {
  return view.regions.flatMap((region) =>
    region.keyPairs.map((keyPair) => ({
      region: keyPair.region,
      name: keyPair.name,
      id: keyPair.id,
      type: keyPair.type,
      fingerprint: keyPair.fingerprint,
      createTime: keyPair.createTime,
      tags: Object.fromEntries(keyPair.tags.map((tag) => [tag.key, tag.value])),
      publicKey: keyPair.publicKey,
      instances: keyPair.instances.map((instance) => ({
        id: instance.id,
        name: instance.name,
        state: instance.state,
      })),
      localMatches: keyPair.localMatches.map((match) => match.path),
      atRisk: keyPair.atRisk,
    })),
  );
}
