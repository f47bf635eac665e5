import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { Field, Input } from '../../components/field';
import { Notice } from '../../components/notice';
import { notify } from '../../components/toast';
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
  const { unsaved, path, busy, error, editPath, chooseFolder, retrySave, discardPending } = useNewKeyStore(
    useShallow((state) => ({
      unsaved: state.unsaved,
      path: state.unsavedPath,
      busy: state.unsavedBusy,
      error: state.unsavedError,
      editPath: state.editUnsavedPath,
      chooseFolder: state.chooseUnsavedFolder,
      retrySave: state.retrySave,
      discardPending: state.discardPending,
    })),
  );
  if (!unsaved?.pendingId) return null;

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
            onClick={() => void discardPending()}
          >
            {t('unsaved.delete')}
          </Button>
          <Button
            variant="primary"
            busy={busy === 'save'}
            disabled={busy !== null || path.trim() === ''}
            onClick={() => void retrySave()}
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
          <div className="new-key-path-row">
            <Input
              {...control}
              value={path}
              onChange={(event) => editPath(event.target.value)}
              spellCheck={false}
              className="mono"
            />
            <Button
              disabled={busy !== null}
              onClick={() =>
                void chooseFolder().catch((failure: unknown) =>
                  notify({ tone: 'error', title: errorText(failure) }),
                )
              }
            >
              {t('save.chooseFolder')}
            </Button>
          </div>
        )}
      </Field>
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
    </Dialog>
  );
}
