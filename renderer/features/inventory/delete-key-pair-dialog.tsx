import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src/ipc/contract';
import type { KeyPairEntry } from '../../../src/ipc/contracts/inventory';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { Field, Input } from '../../components/field';
import { Notice } from '../../components/notice';
import { Spinner } from '../../components/spinner';
import { notify } from '../../components/toast';
import { api } from '../../lib/api';
import { useErrorText } from '../../lib/errors';

type Preview = ChannelOutput<'keypairs:deletePreview'>;

/**
 * Deleting a key pair: shows what still names it (instances, launch templates), says that no
 * instance's authorized_keys changes, and enables Delete only once the name is typed exactly.
 */
export function DeleteKeyPairDialog({
  keyPair,
  onClose,
  onDeleted,
}: {
  keyPair: KeyPairEntry;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation('inventory');
  const errorText = useErrorText();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    api.invoke('keypairs:deletePreview', { region: keyPair.region, name: keyPair.name }).then(
      (value) => current && setPreview(value),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [keyPair.region, keyPair.name]);

  const remove = async () => {
    setBusy(true);
    try {
      await api.invoke('keypairs:delete', { region: keyPair.region, name: keyPair.name, confirmName: typed });
      notify({ tone: 'success', title: t('delete.done', { name: keyPair.name }) });
      onDeleted();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      role="alertdialog"
      title={t('delete.title', { name: keyPair.name })}
      description={t('delete.explain')}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('delete.cancel')}
          </Button>
          <Button
            variant="danger"
            disabled={typed !== keyPair.name || preview === null}
            busy={busy}
            onClick={() => void remove()}
          >
            {t('delete.confirm')}
          </Button>
        </>
      }
    >
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      {preview === null && !error ? <Spinner label={t('delete.checking')} /> : null}
      {preview ? (
        <div className="inventory-delete-facts">
          {preview.instances.length ? (
            <Notice tone="warning" title={t('delete.stillUsed', { count: preview.instances.length })}>
              <ul data-testid="delete-instances">
                {preview.instances.map((instance) => (
                  <li key={instance.id}>
                    <code>{instance.id}</code> {instance.name ?? ''} (
                    {t(`states.${instance.state}`, { defaultValue: instance.state })})
                  </li>
                ))}
              </ul>
              <p>{t('delete.stillUsedBody')}</p>
            </Notice>
          ) : (
            <p>{t('delete.unused')}</p>
          )}
          {preview.launchTemplates.length ? (
            <Notice tone="warning" title={t('delete.templates', { count: preview.launchTemplates.length })}>
              <ul>
                {preview.launchTemplates.map((template) => (
                  <li key={`${template.id}:${template.version}`}>
                    {template.name} (<code>{template.id}</code> v{template.version})
                  </li>
                ))}
              </ul>
            </Notice>
          ) : null}
          {!preview.launchTemplatesReadable ? (
            <p className="inventory-muted">{t('delete.templatesUnknown')}</p>
          ) : null}
        </div>
      ) : null}
      <Field label={t('delete.typeName', { name: keyPair.name })}>
        {(control) => (
          <Input
            {...control}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
    </Dialog>
  );
}
