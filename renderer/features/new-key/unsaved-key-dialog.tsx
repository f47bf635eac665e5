import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { Field, Input } from '../../components/field';
import { Notice } from '../../components/notice';
import { api } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { useNewKeyStore } from './new-key-store';

/**
 * AWS created the key pair but its private key (returned once) could not be saved. The dialog does
 * not close until the key is saved elsewhere or the key pair is deleted: no key pair may exist
 * whose private key was never saved.
 */
export function UnsavedKeyDialog() {
  const { t } = useTranslation('new-key');
  const errorText = useErrorText();
  const unsaved = useNewKeyStore((state) => state.unsaved);
  const setUnsaved = useNewKeyStore((state) => state.setUnsaved);
  const finish = useNewKeyStore((state) => state.finish);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState<'save' | 'delete' | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!unsaved?.pendingId) return null;
  const pendingId = unsaved.pendingId;

  const retry = async () => {
    setBusy('save');
    setError(null);
    try {
      const outcome = await api.invoke('keypairs:retrySave', { pendingId, path: path.trim() });
      if (outcome.status === 'saved') finish({ keyPair: outcome.keyPair, path: outcome.path, method: 'aws' });
      else setUnsaved(outcome);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };
  const discard = async () => {
    setBusy('delete');
    setError(null);
    try {
      await api.invoke('keypairs:discardPending', { pendingId });
      setUnsaved(null);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Dialog
      open
      // Closing without a choice is not offered: the two buttons are the only ways out.
      onClose={() => undefined}
      role="alertdialog"
      title={t('unsaved.title', { name: unsaved.keyPair.name })}
      description={t('unsaved.explain')}
      footer={
        <>
          <Button
            variant="danger"
            busy={busy === 'delete'}
            disabled={busy !== null}
            onClick={() => void discard()}
          >
            {t('unsaved.delete')}
          </Button>
          <Button
            variant="primary"
            busy={busy === 'save'}
            disabled={busy !== null || path.trim() === ''}
            onClick={() => void retry()}
          >
            {t('unsaved.retry')}
          </Button>
        </>
      }
    >
      <Notice tone="error" title={t('unsaved.reason')}>
        <p data-testid="unsaved-reason">
          {unsaved.saveError
            ? errorText({
                code: unsaved.saveError.code,
                message: unsaved.saveError.message,
                details: { path: unsaved.saveError.path },
              })
            : ''}
        </p>
      </Notice>
      <Field label={t('unsaved.newPath')}>
        {(control) => (
          <Input
            {...control}
            value={path}
            onChange={(event) => setPath(event.target.value)}
            spellCheck={false}
            className="mono"
          />
        )}
      </Field>
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
    </Dialog>
  );
}
