import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { Field, Input } from '../../components/field';
import { notify } from '../../components/toast';
import { useDeleteKeyPairStore, type DeletePreview } from './delete-key-pair-store';
import { DeletePreviewPanel } from './delete-preview';

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
      <DeletePreviewPanel preview={preview} error={error} />
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
