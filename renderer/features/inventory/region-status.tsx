import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/notice';
import { ProgressBar } from '../../components/spinner';
import { translateErrorCode } from './error-code-text';
import { useInventoryStore } from './inventory-store';

/** Progress per region while loading, and every region that failed, in place, with its reason. */
export function RegionStatus() {
  const { t } = useTranslation('inventory');
  const status = useInventoryStore((state) => state.status);
  const progress = useInventoryStore((state) => state.progress);
  const regionProgress = useInventoryStore((state) => state.regionProgress);
  const view = useInventoryStore((state) => state.view);
  const busy = status === 'loading' || status === 'refreshing';
  const loadingRegions = Object.entries(regionProgress)
    .filter(([, entry]) => entry.status === 'loading')
    .map(([region]) => region);
  // While refreshing, failures come from the live progress; afterwards from the view.
  const failed = busy
    ? Object.entries(regionProgress)
        .filter(([, entry]) => entry.status === 'error')
        .map(([region, entry]) => ({
          region,
          code: entry.errorCode ?? '',
          message: entry.errorMessage ?? '',
        }))
    : (view?.regions ?? [])
        .filter((region) => region.status === 'error')
        .map((region) => ({
          region: region.region,
          code: region.error?.code ?? '',
          message: region.error?.message ?? '',
        }));

  return (
    <div className="inventory-region-status">
      {busy ? (
        <div data-testid="inventory-progress">
          <ProgressBar
            label={
              loadingRegions.length
                ? t('progress.loadingRegions', { regions: loadingRegions.join(', ') })
                : t('progress.loading')
            }
            done={progress?.done}
            total={progress?.total}
            showCount
          />
        </div>
      ) : null}
      {failed.length ? (
        <Notice tone="warning" title={t('regionErrors.title', { count: failed.length })}>
          <ul className="inventory-region-errors" data-testid="region-errors">
            {failed.map((entry) => (
              <li key={entry.region}>
                <strong>{entry.region}</strong>:{' '}
                {translateErrorCode(entry.code, entry.message, { region: entry.region })}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
    </div>
  );
}
