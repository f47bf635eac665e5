import { useTranslation } from 'react-i18next';
import { Input, Select } from '../../components/field';
import { SearchIcon } from '../../components/icons';
import { Segmented } from '../../components/segmented';
import type { StatusFilter } from './inventory-filter';
import { useInventoryStore } from './inventory-store';

/** Search box, region and type filters, and the status filter (all / at risk / unused / matched). */
export function KeyPairFilters({ regions, types }: { regions: string[]; types: string[] }) {
  const { t } = useTranslation('inventory');
  const filter = useInventoryStore((state) => state.filter);
  const setFilter = useInventoryStore((state) => state.setFilter);
  return (
    <div className="inventory-filters" role="search">
      <label className="inventory-search">
        <SearchIcon size={16} aria-hidden="true" />
        <span className="visually-hidden">{t('filters.search')}</span>
        <Input
          type="search"
          value={filter.search}
          placeholder={t('filters.searchPlaceholder')}
          onChange={(event) => setFilter({ search: event.target.value })}
        />
      </label>
      <label>
        <span className="visually-hidden">{t('filters.region')}</span>
        <Select
          value={filter.region}
          onChange={(event) => setFilter({ region: event.target.value })}
          aria-label={t('filters.region')}
        >
          <option value="">{t('filters.allRegions')}</option>
          {regions.map((region) => (
            <option key={region} value={region}>
              {region}
            </option>
          ))}
        </Select>
      </label>
      <label>
        <span className="visually-hidden">{t('filters.type')}</span>
        <Select
          value={filter.type}
          onChange={(event) => setFilter({ type: event.target.value })}
          aria-label={t('filters.type')}
        >
          <option value="">{t('filters.allTypes')}</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {type === 'ed25519' ? 'Ed25519' : type.toUpperCase()}
            </option>
          ))}
        </Select>
      </label>
      <Segmented<StatusFilter>
        legend={t('filters.status')}
        hideLegend
        value={filter.status}
        onChange={(status) => setFilter({ status })}
        options={[
          { value: 'all', label: t('filters.all') },
          { value: 'atRisk', label: t('filters.atRisk') },
          { value: 'unused', label: t('filters.unused') },
          { value: 'matched', label: t('filters.matched') },
        ]}
      />
    </div>
  );
}
