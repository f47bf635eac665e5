import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import { useNewKeyStore } from './new-key-store';
import { UnsavedKeyDialog } from './unsaved-key-dialog';
import './new-key.css';

type Method = 'local' | 'aws' | 'import';

/** Three ways to get a key pair: generate here and import (recommended), let AWS generate, import a public key. */
export function NewKeyPage() {
  const { t } = useTranslation('new-key');
  const errorText = useErrorText();
  const navigate = useNavigation((state) => state.navigate);
  const load = useNewKeyStore((state) => state.load);
  const regions = useAccountsStore((state) => state.regions);
  const defaultRegion = useAccountsStore((state) => state.defaultRegion);
  const generation = useAccountsStore((state) => state.generation);
  const regionsError = useAccountsStore((state) => state.regionsError);
  const storeError = useNewKeyStore((state) => state.loadError);
  const loadError = storeError ?? regionsError;
  const done = useNewKeyStore((state) => state.done);
  const finish = useNewKeyStore((state) => state.finish);
  const [method, setMethod] = useState<Method>('local');
  const [chosenRegion, setRegion] = useState('');
  const [formKey, setFormKey] = useState(0);

  // Another account has other regions: read them again after a switch.
  useEffect(() => {
    void load();
  }, [load, generation]);
  const region = (chosenRegion && regions.includes(chosenRegion) ? chosenRegion : '') || defaultRegion || '';

  const showInInventory = () => {
    finish(null);
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
              <Button
                onClick={() => {
                  finish(null);
                  setFormKey((key) => key + 1);
                }}
              >
                {t('done.another')}
              </Button>
            </div>
          </Card>
        ) : (
          <Card icon={KeyPlusIcon} title={t('method.title')}>
            <div className="new-key-form">
              <Segmented<Method>
                legend={t('method.title')}
                hideLegend
                value={method}
                onChange={setMethod}
                options={[
                  { value: 'local', label: t('method.local'), icon: KeyPlusIcon },
                  { value: 'aws', label: t('method.aws'), icon: CloudIcon },
                  { value: 'import', label: t('method.import') },
                ]}
              />
              <p className="new-key-muted">{t(`method.${method}Explain`)}</p>
              <label className="new-key-region">
                <span className="field-label">{t('region')}</span>
                <Select value={region} onChange={(event) => setRegion(event.target.value)}>
                  {(regions.length ? regions : region ? [region] : []).map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </Select>
              </label>
            </div>
            {region ? (
              method === 'import' ? (
                <ImportKeyForm key={`import-${formKey}`} region={region} />
              ) : (
                <CreateKeyForm key={`${method}-${formKey}`} method={method} region={region} />
              )
            ) : null}
          </Card>
        )}
      </div>
      <UnsavedKeyDialog />
    </>
  );
}
