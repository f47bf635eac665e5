import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { Field, Input } from '../../components/field';
import { Notice } from '../../components/notice';
import { Segmented } from '../../components/segmented';
import { api } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { NameField } from './name-field';
import { defaultFileName, joinPath, useNewKeyStore } from './new-key-store';
import { SaveLocationField } from './save-location-field';
import { cleanTags, TagsEditor, type TagRow } from './tags-editor';

type KeyChoice = 'rsa2048' | 'rsa3072' | 'rsa4096' | 'ed25519';
type Format = 'openssh' | 'pem' | 'ppk';

/**
 * Create a key pair. `local`: the key is generated here, saved, and only its public key is imported.
 * `aws`: CreateKeyPair makes it and returns the private key once; KeyRescue saves it before it shows
 * success, and if saving fails the unsaved-key dialog offers another location or deleting the pair.
 */
export function CreateKeyForm({ method, region }: { method: 'local' | 'aws'; region: string }) {
  const { t } = useTranslation('new-key');
  const errorText = useErrorText();
  const sshDir = useNewKeyStore((state) => state.sshDir);
  const finish = useNewKeyStore((state) => state.finish);
  const setUnsaved = useNewKeyStore((state) => state.setUnsaved);
  const [name, setName] = useState('');
  const [nameValid, setNameValid] = useState(false);
  const [keyChoice, setKeyChoice] = useState<KeyChoice>(method === 'local' ? 'ed25519' : 'rsa2048');
  const [format, setFormat] = useState<Format>(method === 'local' ? 'openssh' : 'pem');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  /** The path the user typed; until then it follows the name and format. */
  const [typedPath, setTypedPath] = useState<string | null>(null);
  const [tags, setTags] = useState<TagRow[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onValidity = useCallback((valid: boolean) => setNameValid(valid), []);

  const path = typedPath ?? (sshDir ? joinPath(sshDir, defaultFileName(name || 'new-key', format)) : '');
  const keyType = keyChoice === 'ed25519' ? 'ed25519' : 'rsa';
  const passphraseMismatch = passphrase !== repeat;
  const canSubmit = nameValid && name !== '' && path.trim() !== '' && !passphraseMismatch && !busy;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const outcome = await api.invoke('keypairs:create', {
        region,
        name,
        method,
        keyType,
        ...(keyType === 'rsa' && method === 'local'
          ? { bits: Number(keyChoice.slice(3)) as 2048 | 3072 | 4096 }
          : {}),
        format,
        path: path.trim(),
        ...(passphrase ? { passphrase } : {}),
        tags: cleanTags(tags),
      });
      if (outcome.status === 'saved') finish({ keyPair: outcome.keyPair, path: outcome.path, method });
      else setUnsaved(outcome);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const keyOptions = (
    method === 'local'
      ? (['ed25519', 'rsa2048', 'rsa3072', 'rsa4096'] as const)
      : (['rsa2048', 'ed25519'] as const)
  ).map((value) => ({ value, label: t(`type.${value}`) }));
  const formatOptions = (
    method === 'local' ? (['openssh', 'pem', 'ppk'] as const) : (['pem', 'ppk'] as const)
  ).map((value) => ({ value, label: t(`format.${value}`) }));

  return (
    <form
      className="new-key-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (canSubmit) void submit();
      }}
    >
      <NameField region={region} value={name} onChange={setName} onValidity={onValidity} />
      <Segmented<KeyChoice>
        legend={t('type.label')}
        value={keyChoice}
        onChange={setKeyChoice}
        options={keyOptions}
      />
      {keyType === 'ed25519' ? (
        <Notice tone="warning" title={t('type.windowsTitle')}>
          <p>{t('type.windowsBody')}</p>
        </Notice>
      ) : null}
      <Segmented<Format>
        legend={t('format.label')}
        value={format}
        onChange={setFormat}
        options={formatOptions}
      />
      <div className="new-key-pair-fields">
        <Field label={t('passphrase.label')} hint={t('passphrase.hint')} optional>
          {(control) => (
            <Input
              {...control}
              type="password"
              value={passphrase}
              onChange={(event) => setPassphrase(event.target.value)}
              autoComplete="new-password"
            />
          )}
        </Field>
        <Field
          label={t('passphrase.repeat')}
          error={passphraseMismatch && repeat !== '' ? t('passphrase.mismatch') : undefined}
          optional
        >
          {(control) => (
            <Input
              {...control}
              type="password"
              value={repeat}
              onChange={(event) => setRepeat(event.target.value)}
              autoComplete="new-password"
            />
          )}
        </Field>
      </div>
      <SaveLocationField
        path={path}
        fileName={defaultFileName(name || 'new-key', format)}
        onChange={setTypedPath}
      />
      <TagsEditor tags={tags} onChange={setTags} />
      {method === 'aws' ? (
        <p className="new-key-muted">{t('aws.promise')}</p>
      ) : (
        <p className="new-key-muted">{t('local.promise')}</p>
      )}
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      <div className="new-key-actions">
        <Button type="submit" variant="primary" disabled={!canSubmit} busy={busy}>
          {method === 'local' ? t('local.submit') : t('aws.submit')}
        </Button>
      </div>
    </form>
  );
}
