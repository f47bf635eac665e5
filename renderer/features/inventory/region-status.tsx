import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/button';
import { Notice } from '../../components/notice';
import { ProgressBar } from '../../components/spinner';
import { translateErrorCode } from './error-code-text';
import { useInventoryStore } from './inventory-store';
import { everyRegionFailed, regionFailures, type RegionFailure } from './region-failures';

/** Each failed region with its reason, translated by error code (never the SDK's own English). */
export function RegionFailureList({ failures }: { failures: RegionFailure[] }) {
  const { t } = useTranslation('inventory');
  return (
    <ul className="inventory-region-errors" data-testid="region-errors">
      {failures.map((entry) => (
        <li key={entry.region}>
          <strong>{entry.region}</strong>
          {t('regionErrors.separator')}
          {translateErrorCode(entry.code, entry.message, { region: entry.region })}
        </li>
      ))}
    </ul>
  );
}

/**
 * Progress per region while loading, and the regions that failed, in place, with their reason and
 * **Try again**. When every region failed, the page shows its error state instead (InventoryPage).
 */
export function RegionStatus() {
  const { t } = useTranslation('inventory');
  const { status, progress, regionProgress, view, refresh } = useInventoryStore(
    useShallow((state) => ({
      status: state.status,
      progress: state.progress,
      regionProgress: state.regionProgress,
      view: state.view,
      refresh: state.refresh,
    })),
  );
  const busy = status === 'loading' || status === 'refreshing';
  const loadingRegions = Object.entries(regionProgress)
    .filter(([, entry]) => entry.status === 'loading')
    .map(([region]) => region);
  const failed = regionFailures(busy, regionProgress, view);
  const showFailures = failed.length > 0 && (busy || !everyRegionFailed(view));

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
      {showFailures ? (
        <Notice
          tone="warning"
          title={t('regionErrors.title', { count: failed.length })}
          actions={
            busy ? null : (
              <Button size="sm" onClick={() => void refresh()}>
                {t('retry')}
              </Button>
            )
          }
        >
          <RegionFailureList failures={failed} />
        </Notice>
      ) : null}
    </div>
  );
}
