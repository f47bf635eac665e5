import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/button';
import { confirm } from '../../components/confirm';
import { Notice } from '../../components/notice';
import { baseName } from './new-key-rules';
import { useNewKeyStore } from './new-key-store';

/**
 * The save location already holds a file. Two ways on: save under a free name main found beside it,
 * or replace that file — only after a confirmation that names it (the old file cannot come back).
 */
export function FileExistsNotice() {
  const { t } = useTranslation('new-key');
  const { fileExists, busy, takeSuggestedPath, create, replaceExisting } = useNewKeyStore(
    useShallow((state) => ({
      fileExists: state.fileExists,
      busy: state.busy,
      takeSuggestedPath: state.takeSuggestedPath,
      create: state.create,
      replaceExisting: state.replaceExisting,
    })),
  );
  if (!fileExists) return null;
  const { path, suggestion } = fileExists;

  const replace = async () => {
    const yes = await confirm({
      title: t('exists.confirmTitle', { file: baseName(path) }),
      message: t('exists.confirmBody', { path }),
      confirmLabel: t('exists.confirmReplace'),
      tone: 'danger',
    });
    if (yes) await replaceExisting();
  };
  return (
    <Notice
      tone="warning"
      title={t('exists.title', { file: baseName(path) })}
      actions={
        <>
          {suggestion ? (
            <Button
              variant="primary"
              disabled={busy}
              onClick={() => {
                takeSuggestedPath();
                void create();
              }}
            >
              {t('exists.useSuggestion', { file: baseName(suggestion) })}
            </Button>
          ) : null}
          <Button variant="danger" disabled={busy} onClick={() => void replace()}>
            {t('exists.replace')}
          </Button>
        </>
      }
    >
      <p data-testid="new-key-file-exists">{t('exists.body', { path })}</p>
    </Notice>
  );
}
