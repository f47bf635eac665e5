import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useNavigation } from '../../app/navigation-store';
import { Button } from '../../components/button';
import { Select } from '../../components/field';
import { CloudIcon, KeyPlusIcon, LayersIcon, SuccessIcon } from '../../components/icons';
import { Card, FactList, PageHeader } from '../../components/layout';
import { Notice } from '../../components/notice';
import { Segmented } from '../../components/segmented';
import { useErrorText } from '../../lib/errors';
import { AccountBar } from '../accounts/account-bar';
import { useAccountsStore } from '../accounts/accounts-store';
import { CreateKeyForm } from './create-key-form';
import { ImportKeyForm } from './import-key-form';
import type { Method } from './new-key-rules';
import { useNewKeyStore, useRegion } from './new-key-store';
import { UnsavedKeyDialog } from './unsaved-key-dialog';
import './new-key.css';

/** Three ways to get a key pair: generate here and import (recommended), let AWS generate, import a public key. */
export function NewKeyPage() {
  const { t } = useTranslation('new-key');
  const errorText = useErrorText();
  const navigate = useNavigation((state) => state.navigate);
  const region = useRegion();
  const { regions, generation, regionsError } = useAccountsStore(
    useShallow((accounts) => ({
      regions: accounts.regions,
      generation: accounts.generation,
      regionsError: accounts.regionsError,
    })),
  );
  const s = useNewKeyStore(
    useShallow((state) => ({
      method: state.draft.method,
      loadError: state.loadError,
      done: state.done,
      load: state.load,
      edit: state.edit,
      startAnother: state.startAnother,
    })),
  );
  const { load, done, method } = s;
  const loadError = s.loadError ?? regionsError;

  // Another account has other regions: read them again after a switch.
  useEffect(() => {
    void load();
  }, [load, generation]);

  const showInInventory = () => {
    s.startAnother();
    // The inventory already follows the change (`keypairs:changed`).
    navigate('inventory');
  };

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="new-key-stack">
        <AccountBar />
        {loadError ? <Notice tone="error">{errorText(loadError)}</Notice> : null}
        {done ? (
          <Card
            icon={SuccessIcon}
            title={t('done.title', { name: done.keyPair.name })}
            subtitle={t(`done.subtitle.${done.method}`)}
          >
            <div data-testid="new-key-done">
              <FactList
                items={[
                  { id: 'region', label: t('region'), value: done.keyPair.region },
                  { id: 'id', label: t('done.id'), value: <code>{done.keyPair.id}</code> },
                  {
                    id: 'fingerprint',
                    label: t('done.fingerprint'),
                    value: <code>{done.keyPair.fingerprint}</code>,
                  },
                  ...(done.path
                    ? [{ id: 'path', label: t('done.path'), value: <code>{done.path}</code> }]
                    : []),
                ]}
              />
            </div>
            <div className="new-key-actions">
              <Button variant="primary" icon={LayersIcon} onClick={showInInventory}>
                {t('done.showInventory')}
              </Button>
              <Button onClick={s.startAnother}>{t('done.another')}</Button>
            </div>
          </Card>
        ) : (
          <Card icon={KeyPlusIcon} title={t('method.title')}>
            <div className="new-key-form">
              <Segmented<Method>
                legend={t('method.title')}
                hideLegend
                value={method}
                onChange={(next) => s.edit({ method: next })}
                options={[
                  { value: 'local', label: t('method.local'), icon: KeyPlusIcon },
                  { value: 'aws', label: t('method.aws'), icon: CloudIcon },
                  { value: 'import', label: t('method.import') },
                ]}
              />
              <p className="new-key-muted">{t(`method.${method}Explain`)}</p>
              <label className="new-key-region">
                <span className="field-label">{t('region')}</span>
                <Select value={region} onChange={(event) => s.edit({ region: event.target.value })}>
                  {(regions.length ? regions : region ? [region] : []).map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </Select>
              </label>
            </div>
            {region ? method === 'import' ? <ImportKeyForm /> : <CreateKeyForm method={method} /> : null}
          </Card>
        )}
      </div>
      <UnsavedKeyDialog />
    </>
  );
}
