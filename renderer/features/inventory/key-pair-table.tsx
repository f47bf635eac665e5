import { useTranslation } from 'react-i18next';
import type { KeyPairEntry } from '../../../src/ipc/contracts/inventory';
import { Badge } from '../../components/layout';
import { WarningIcon, SuccessIcon } from '../../components/icons';
import { keyPairKey, type SortKey } from './inventory-filter';
import { useInventoryStore } from './inventory-store';

const columns: { key: SortKey | null; label: string }[] = [
  { key: 'name', label: 'columns.name' },
  { key: 'region', label: 'columns.region' },
  { key: 'type', label: 'columns.type' },
  { key: null, label: 'columns.fingerprint' },
  { key: 'instances', label: 'columns.instances' },
  { key: null, label: 'columns.privateKey' },
  { key: 'created', label: 'columns.created' },
];

/** Whether this computer has the private key: matched, at risk, or simply unknown (unused key). */
export function PrivateKeyBadge({ keyPair }: { keyPair: KeyPairEntry }) {
  const { t } = useTranslation('inventory');
  if (keyPair.localMatches.length) {
    return (
      <Badge tone="success" icon={SuccessIcon}>
        {t('status.found')}
      </Badge>
    );
  }
  if (keyPair.atRisk) {
    return (
      <Badge tone="error" icon={WarningIcon}>
        {t('status.atRisk')}
      </Badge>
    );
  }
  if (keyPair.riskUnknown) {
    return (
      <Badge tone="warning" title={t('status.riskUnknownTitle')}>
        {t('status.riskUnknown')}
      </Badge>
    );
  }
  return <Badge>{t('status.notFound')}</Badge>;
}

/** The key pair table; a row opens its details. Headers sort (click again to reverse). */
export function KeyPairTable({ rows }: { rows: KeyPairEntry[] }) {
  const { t, i18n } = useTranslation('inventory');
  const filter = useInventoryStore((state) => state.filter);
  const setFilter = useInventoryStore((state) => state.setFilter);
  const selectedKey = useInventoryStore((state) => state.selectedKey);
  const select = useInventoryStore((state) => state.select);
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  // Each cell names its column, so the narrow layout (rows as cards, see inventory.css) can label it.
  const label = (index: number) => t(columns[index]?.label ?? '');

  return (
    <div className="inventory-table-wrap">
      <table className="inventory-table" aria-label={t('table.label')}>
        <thead>
          <tr>
            {columns.map((column) => {
              const sorted = column.key !== null && filter.sort === column.key;
              return (
                <th
                  key={column.label}
                  scope="col"
                  aria-sort={sorted ? (filter.descending ? 'descending' : 'ascending') : undefined}
                >
                  {column.key ? (
                    <button
                      type="button"
                      className="inventory-sort"
                      onClick={() =>
                        setFilter({
                          sort: column.key as SortKey,
                          descending: sorted ? !filter.descending : false,
                        })
                      }
                    >
                      {t(column.label)}
                      <span aria-hidden="true">{sorted ? (filter.descending ? ' ↓' : ' ↑') : ''}</span>
                    </button>
                  ) : (
                    t(column.label)
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((keyPair) => {
            const key = keyPairKey(keyPair);
            return (
              <tr
                key={key}
                className={key === selectedKey ? 'inventory-row-selected' : undefined}
                data-key-pair={keyPair.name}
                data-region={keyPair.region}
              >
                <td data-label={label(0)}>
                  <button
                    type="button"
                    className="inventory-row-open"
                    onClick={() => select(key)}
                    aria-pressed={key === selectedKey}
                  >
                    {keyPair.name}
                  </button>
                </td>
                <td data-label={label(1)}>{keyPair.region}</td>
                <td data-label={label(2)}>
                  {keyPair.type === 'ed25519' ? 'Ed25519' : keyPair.type.toUpperCase()}
                </td>
                <td data-label={label(3)} className="inventory-fingerprint-cell">
                  <code className="inventory-fingerprint" title={keyPair.fingerprint}>
                    {keyPair.fingerprint}
                  </code>
                </td>
                <td data-label={label(4)}>{keyPair.instances.length}</td>
                <td data-label={label(5)}>
                  <PrivateKeyBadge keyPair={keyPair} />
                </td>
                <td data-label={label(6)}>
                  {keyPair.createTime ? (
                    <time dateTime={keyPair.createTime} title={keyPair.createTime}>
                      {dateFormat.format(new Date(keyPair.createTime))}
                    </time>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
