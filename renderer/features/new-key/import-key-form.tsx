import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src/ipc/contract';
import type { PublicKeySource } from '../../../src/ipc/contracts/keypairs';
import { Button } from '../../components/button';
import { Field, Input, TextArea } from '../../components/field';
import { FactList } from '../../components/layout';
import { Notice } from '../../components/notice';
import { Segmented } from '../../components/segmented';
import { api } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { NameField } from './name-field';
import { useNewKeyStore } from './new-key-store';
import { cleanTags, TagsEditor, type TagRow } from './tags-editor';

type Preview = ChannelOutput<'keypairs:previewPublicKey'>;

/** Import an existing public key: pasted, a .pub/PEM file, or the public half of a private key file. */
export function ImportKeyForm({ region }: { region: string }) {
  const { t } = useTranslation('new-key');
  const errorText = useErrorText();
  const finish = useNewKeyStore((state) => state.finish);
  const [name, setName] = useState('');
  const [nameValid, setNameValid] = useState(false);
  const [sourceKind, setSourceKind] = useState<'text' | 'file'>('text');
  const [text, setText] = useState('');
  const [filePath, setFilePath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  /** The last preview answer and the input it was for; a stale answer is ignored when reading it. */
  const [previewResult, setPreviewResult] = useState<{
    for: string;
    preview: Preview | null;
    error: unknown;
  }>({ for: '', preview: null, error: null });
  const [tags, setTags] = useState<TagRow[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onValidity = useCallback((valid: boolean) => setNameValid(valid), []);

  const source: PublicKeySource | null =
    sourceKind === 'text'
      ? text.trim()
        ? { kind: 'text', text }
        : null
      : filePath
        ? { kind: 'file', path: filePath }
        : null;
  const sourceKey = source ? JSON.stringify(source) : '';
  const requestKey = sourceKey ? `${sourceKey}\n${passphrase}` : '';
  const preview = previewResult.for === requestKey ? previewResult.preview : null;
  const previewError = previewResult.for === requestKey ? previewResult.error : null;

  useEffect(() => {
    if (!sourceKey) return;
    let current = true;
    const timer = setTimeout(() => {
      api
        .invoke('keypairs:previewPublicKey', {
          source: JSON.parse(sourceKey) as PublicKeySource,
          ...(passphrase ? { passphrase } : {}),
        })
        .then(
          (value) => current && setPreviewResult({ for: requestKey, preview: value, error: null }),
          (failure: unknown) =>
            current && setPreviewResult({ for: requestKey, preview: null, error: failure }),
        );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [sourceKey, passphrase, requestKey]);

  const chooseFile = async () => {
    const { paths } = await api.invoke('dialog:openKeyFiles', { multiple: false });
    if (paths[0]) setFilePath(paths[0]);
  };
  const needsPassphrase =
    (previewError as { code?: string } | null)?.code === 'keypairs.passphraseNeeded' || passphrase !== '';
  const canSubmit = nameValid && name !== '' && source !== null && preview !== null && !busy;

  const submit = async () => {
    if (!source) return;
    setBusy(true);
    setError(null);
    try {
      const keyPair = await api.invoke('keypairs:import', {
        region,
        name,
        source,
        ...(passphrase ? { passphrase } : {}),
        tags: cleanTags(tags),
      });
      finish({ keyPair, path: null, method: 'import' });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="new-key-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (canSubmit) void submit();
      }}
    >
      <NameField region={region} value={name} onChange={setName} onValidity={onValidity} />
      <Segmented<'text' | 'file'>
        legend={t('import.source')}
        value={sourceKind}
        onChange={setSourceKind}
        options={[
          { value: 'text', label: t('import.paste') },
          { value: 'file', label: t('import.file') },
        ]}
      />
      {sourceKind === 'text' ? (
        <Field label={t('import.textLabel')} hint={t('import.textHint')}>
          {(control) => (
            <TextArea
              {...control}
              mono
              rows={5}
              value={text}
              onChange={(event) => setText(event.target.value)}
              spellCheck={false}
            />
          )}
        </Field>
      ) : (
        <Field label={t('import.fileLabel')} hint={t('import.fileHint')}>
          {(control) => (
            <div className="new-key-path-row">
              <Input
                {...control}
                value={filePath}
                onChange={(event) => setFilePath(event.target.value)}
                spellCheck={false}
                className="mono"
              />
              <Button onClick={() => void chooseFile().catch(() => undefined)}>
                {t('import.chooseFile')}
              </Button>
            </div>
          )}
        </Field>
      )}
      {needsPassphrase ? (
        <Field label={t('import.passphrase')} hint={t('import.passphraseHint')}>
          {(control) => (
            <Input
              {...control}
              type="password"
              value={passphrase}
              onChange={(event) => setPassphrase(event.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
      ) : null}
      {preview ? (
        <div data-testid="import-preview">
          <FactList
            items={[
              {
                id: 'type',
                label: t('import.type'),
                value: `${preview.type === 'ed25519' ? 'Ed25519' : preview.type.toUpperCase()} (${preview.bits})`,
              },
              {
                id: 'fingerprint',
                label: t('import.fingerprint'),
                value: <code>{preview.awsImported}</code>,
              },
              { id: 'sha256', label: 'SHA256', value: <code>{preview.sha256}</code> },
              ...(preview.comment
                ? [{ id: 'comment', label: t('import.comment'), value: preview.comment }]
                : []),
            ]}
          />
          {preview.fromPrivateKey ? <p className="new-key-muted">{t('import.fromPrivate')}</p> : null}
          {preview.type === 'ed25519' ? (
            <Notice tone="warning" title={t('type.windowsTitle')}>
              <p>{t('type.windowsBody')}</p>
            </Notice>
          ) : null}
        </div>
      ) : previewError && (previewError as { code?: string }).code !== 'keypairs.passphraseNeeded' ? (
        <Notice tone="error">{errorText(previewError)}</Notice>
      ) : null}
      <TagsEditor tags={tags} onChange={setTags} />
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      <div className="new-key-actions">
        <Button type="submit" variant="primary" disabled={!canSubmit} busy={busy}>
          {t('import.submit')}
        </Button>
      </div>
    </form>
  );
}
