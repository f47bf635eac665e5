import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { Field, Input } from '../../components/field';
import { api } from '../../lib/api';
import { joinPath } from './new-key-store';

/** Where the private key is written: a full path, with a folder chooser that keeps the file name. */
export function SaveLocationField({
  path,
  fileName,
  onChange,
  error,
}: {
  path: string;
  fileName: string;
  onChange: (path: string) => void;
  error?: string;
}) {
  const { t } = useTranslation('new-key');
  const chooseFolder = async () => {
    const { path: folder } = await api.invoke('dialog:chooseFolder', {});
    if (folder) onChange(joinPath(folder, fileName));
  };
  return (
    <Field label={t('save.label')} hint={t('save.hint')} error={error}>
      {(control) => (
        <div className="new-key-path-row">
          <Input
            {...control}
            value={path}
            onChange={(event) => onChange(event.target.value)}
            spellCheck={false}
            className="mono"
          />
          <Button onClick={() => void chooseFolder().catch(() => undefined)}>{t('save.chooseFolder')}</Button>
        </div>
      )}
    </Field>
  );
}
