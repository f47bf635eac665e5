import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/button';
import { Field, Input } from '../../components/field';
import { notify } from '../../components/toast';
import { useErrorText } from '../../lib/errors';
import { baseName, savePath } from './new-key-rules';
import { useNewKeyStore } from './new-key-store';

/** Where the private key is written: a full path, with a folder chooser that keeps the file name. */
export function SaveLocationField() {
  const { t } = useTranslation('new-key');
  const errorText = useErrorText();
  const { path, edit, chooseFolder } = useNewKeyStore(
    useShallow((state) => ({
      path: savePath(state.draft, state.sshDir),
      edit: state.edit,
      chooseFolder: state.chooseFolder,
    })),
  );
  return (
    <Field label={t('save.label')} hint={t('save.hint')}>
      {(control) => (
        <div className="new-key-path-row">
          <Input
            {...control}
            value={path}
            onChange={(event) => edit({ typedPath: event.target.value })}
            spellCheck={false}
            className="mono"
          />
          <Button
            onClick={() =>
              void chooseFolder(baseName(path) || 'new-key').catch((error: unknown) =>
                notify({ tone: 'error', title: errorText(error) }),
              )
            }
          >
            {t('save.chooseFolder')}
          </Button>
        </div>
      )}
    </Field>
  );
}
