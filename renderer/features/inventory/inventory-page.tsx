import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { LayersIcon, LifeBuoyIcon } from '../../components/icons';
import { PageHeader } from '../../components/layout';
import { Notice } from '../../components/notice';
import { Spinner } from '../../components/spinner';
import { notify } from '../../components/toast';
import { useErrorText } from '../../lib/errors';
import { AccountBar } from '../accounts/account-bar';
import { DeleteKeyPairDialog } from './delete-key-pair-dialog';
import { useDeleteKeyPairStore } from './delete-key-pair-store';
import { useInventoryExportStore } from './inventory-export-store';
import { allKeyPairs, filterKeyPairs, keyPairKey } from './inventory-filter';
import { useInventoryStore } from './inventory-store';
import { KeyPairDetail } from './key-pair-detail';
import { KeyPairFilters } from './key-pair-filters';
import { KeyPairTable } from './key-pair-table';
import { LocalKeysPanel } from '../local-keys/local-keys-panel';
import { OrphanInstances } from './orphan-instances';
import { atRiskTargets, useRecoverHandoff } from './recover-handoff';
import { useNavigation } from '../../app/navigation-store';
import { everyRegionFailed, regionFailures } from './region-failures';
import { RegionFailureList, RegionStatus } from './region-status';
import './inventory.css';

/** Every key pair of the account across regions, its instances, and whether its private key is here. */
export function InventoryPage() {
  const { t } = useTranslation('inventory');
  const errorText = useErrorText();
  const { view, status, error, filter, selectedKey, refresh, setFilter, select } = useInventoryStore(
    useShallow((state) => ({
      view: state.view,
      status: state.status,
      error: state.error,
      filter: state.filter,
      selectedKey: state.selectedKey,
      refresh: state.refresh,
      setFilter: state.setFilter,
      select: state.select,
    })),
  );
  const exportAs = useInventoryExportStore((state) => state.exportAs);
  const showInFolder = useInventoryExportStore((state) => state.showInFolder);
  const openDelete = useDeleteKeyPairStore((state) => state.open);
  const busy = status === 'loading' || status === 'refreshing';

  useEffect(() => {
    void useInventoryStore.getState().start();
  }, []);

  const keyPairs = useMemo(() => allKeyPairs(view), [view]);
  const rows = useMemo(() => filterKeyPairs(keyPairs, filter), [keyPairs, filter]);
  const regions = useMemo(() => (view ? view.regions.map((region) => region.region).sort() : []), [view]);
  const types = useMemo(() => [...new Set(keyPairs.map((keyPair) => keyPair.type))].sort(), [keyPairs]);
  const selected = keyPairs.find((keyPair) => keyPairKey(keyPair) === selectedKey) ?? null;
  // Every region failing is an unreadable account, never "no key pairs yet".
  const allFailed = everyRegionFailed(view);
  const atRiskCount = keyPairs.filter((keyPair) => keyPair.atRisk).length;
  const requestRecovery = useRecoverHandoff((state) => state.request);
  const navigate = useNavigation((state) => state.navigate);
  // The banner goes straight to the wizard: one lost-key instance is picked there without a click.
  const recoverAtRisk = () => {
    requestRecovery(atRiskTargets(keyPairs));
    navigate('recover');
  };

  // Export writes what the filter shows, and the confirmation says which (shown rows or all).
  const filtered = rows.length < keyPairs.length;
  const exportFile = async (format: 'csv' | 'json') => {
    try {
      const result = await exportAs(format, filtered ? rows : undefined);
      if (!result) return; // Save dialog cancelled: nothing written, nothing to say.
      notify({
        tone: 'success',
        title: t(result.count < result.total ? 'export.doneShown' : 'export.doneAll', {
          count: result.count,
          total: result.total,
          path: result.path,
        }),
        timeoutMs: 15_000,
        action: {
          label: t('export.showInFolder'),
          run: () =>
            void showInFolder(result.path).catch((failure: unknown) =>
              notify({ tone: 'error', title: t('export.showFailed'), message: errorText(failure) }),
            ),
        },
      });
    } catch (failure) {
      notify({ tone: 'error', title: t('export.failed'), message: errorText(failure) });
    }
  };

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            <Button size="sm" disabled={!view} onClick={() => void exportFile('csv')}>
              {filtered ? t('export.csvShown', { count: rows.length }) : t('export.csv')}
            </Button>
            <Button size="sm" disabled={!view} onClick={() => void exportFile('json')}>
              {filtered ? t('export.jsonShown', { count: rows.length }) : t('export.json')}
            </Button>
          </>
        }
      />
      <div className="inventory-stack">
        <AccountBar
          actions={
            <Button variant="secondary" onClick={() => void refresh()} busy={busy}>
              {busy ? t('refreshing') : t('refresh')}
            </Button>
          }
        />
        <RegionStatus />
        {status === 'failed' ? (
          <Notice
            tone="error"
            title={t('failed')}
            actions={
              <Button size="sm" onClick={() => void refresh()}>
                {t('retry')}
              </Button>
            }
          >
            <p>{errorText(error)}</p>
          </Notice>
        ) : null}
        {view?.fromCache && status === 'refreshing' ? (
          <p className="inventory-muted">{t('cached', { time: new Date(view.loadedAt).toLocaleString() })}</p>
        ) : null}
        {atRiskCount > 0 ? (
          <Notice
            tone="error"
            title={t('atRiskSummary', { count: atRiskCount })}
            actions={
              <>
                <Button size="sm" variant="primary" icon={LifeBuoyIcon} onClick={recoverAtRisk}>
                  {t('detail.recover')}
                </Button>
                <Button size="sm" onClick={() => setFilter({ status: 'atRisk' })}>
                  {t('showAtRisk')}
                </Button>
              </>
            }
          >
            <p>{t('atRiskExplain')}</p>
          </Notice>
        ) : null}
        {view ? <OrphanInstances view={view} /> : null}
        {!view && (status === 'loading' || status === 'idle') ? (
          <div className="inventory-loading">
            <Spinner label={t('loading')} />
          </div>
        ) : null}
        {allFailed ? (
          <Notice
            tone="error"
            title={t('allFailed.title')}
            actions={
              <Button size="sm" variant="primary" busy={busy} onClick={() => void refresh()}>
                {t('retry')}
              </Button>
            }
          >
            <div data-testid="inventory-unreadable">
              <p>{t('allFailed.body')}</p>
              <RegionFailureList failures={regionFailures(false, {}, view)} />
            </div>
          </Notice>
        ) : null}
        {view && !allFailed && keyPairs.length === 0 && status !== 'loading' ? (
          <EmptyState icon={LayersIcon} title={t('empty.title')}>
            <p>{t('empty.body')}</p>
          </EmptyState>
        ) : null}
        {keyPairs.length > 0 ? (
          <>
            <KeyPairFilters regions={regions} types={types} />
            <p className="inventory-count" aria-live="polite" data-testid="inventory-count">
              {t('count', { shown: rows.length, total: keyPairs.length })}
            </p>
            <div className="inventory-layout">
              <div
                className={
                  selected ? 'inventory-layout-grid inventory-layout-detail' : 'inventory-layout-grid'
                }
              >
                {rows.length ? (
                  <KeyPairTable rows={rows} />
                ) : (
                  <EmptyState
                    icon={LayersIcon}
                    title={t('noMatches.title')}
                    actions={
                      <Button
                        size="sm"
                        onClick={() => setFilter({ search: '', region: '', type: '', status: 'all' })}
                      >
                        {t('noMatches.clear')}
                      </Button>
                    }
                  >
                    <p>{t('noMatches.body')}</p>
                  </EmptyState>
                )}
                {selected ? (
                  <KeyPairDetail
                    keyPair={selected}
                    onDelete={() => void openDelete(selected)}
                    onClose={() => select(null)}
                  />
                ) : null}
              </div>
            </div>
          </>
        ) : null}
        <LocalKeysPanel />
      </div>
      <DeleteKeyPairDialog />
    </>
  );
}
