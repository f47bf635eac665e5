import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { Field, Input } from '../../components/field';
import { Notice } from '../../components/notice';
import { Spinner } from '../../components/spinner';
import { notify } from '../../components/toast';
import { useErrorText } from '../../lib/errors';
import { useDeleteKeyPairStore, type DeletePreview } from './delete-key-pair-store';

/**
 * Deleting a key pair: shows what still names it (instances, launch templates), says that no
 * instance's authorized_keys changes, and enables Delete only once the name is typed exactly.
 */
export function DeleteKeyPairDialog() {
  const { target, preview, error, busy, close, confirm } = useDeleteKeyPairStore(
    useShallow((state) => ({
      target: state.target,
      preview: state.preview,
      error: state.error,
      busy: state.busy,
      close: state.close,
      confirm: state.confirm,
    })),
  );
  if (!target) return null;
  // Keyed by the key pair, so what was typed for one never carries over to another.
  return (
    <DeleteDialog
      key={`${target.region}/${target.name}`}
      keyPair={target}
      preview={preview}
      error={error}
      busy={busy}
      onClose={close}
      onConfirm={confirm}
    />
  );
}

function DeleteDialog({
  keyPair,
  preview,
  error,
  busy,
  onClose,
  onConfirm,
}: {
  keyPair: { region: string; name: string };
  preview: DeletePreview | null;
  error: unknown;
  busy: boolean;
  onClose: () => void;
  onConfirm: (typed: string) => Promise<boolean>;
}) {
  const { t } = useTranslation('inventory');
  const errorText = useErrorText();
  const [typed, setTyped] = useState('');

  const remove = async () => {
    if (await onConfirm(typed)) notify({ tone: 'success', title: t('delete.done', { name: keyPair.name }) });
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
