import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/button';
import { Field, Input, TextArea } from '../../components/field';
import { FactList } from '../../components/layout';
import { Notice } from '../../components/notice';
import { Segmented } from '../../components/segmented';
import { notify } from '../../components/toast';
import { useErrorText } from '../../lib/errors';
import { NameField } from './name-field';
import { previewRequestKey, useNewKeyStore } from './new-key-store';
import { SubmitRow } from './submit-row';
import { TagsEditor } from './tags-editor';

/** Import an existing public key: pasted, a .pub/PEM file, or the public half of a private key file. */
export function ImportKeyForm() {
  const { t } = useTranslation('new-key');
  const errorText = useErrorText();
  const s = useNewKeyStore(
    useShallow((state) => {
      const requestKey = previewRequestKey(state.draft);
      const current = state.preview?.for === requestKey ? state.preview : null;
      return {
        requestKey,
        sourceKind: state.draft.importSource,
        text: state.draft.importText,
        filePath: state.draft.importPath,
        passphrase: state.draft.importPassphrase,
        preview: current?.value ?? null,
        previewError: current?.error ?? null,
        error: state.error,
        edit: state.edit,
        previewPublicKey: state.previewPublicKey,
        chooseImportFile: state.chooseImportFile,
        importKey: state.importKey,
      };
    }),
  );
  const { requestKey, previewPublicKey, preview, previewError } = s;

  useEffect(() => {
    if (!requestKey) return;
    const timer = setTimeout(() => void previewPublicKey(), 250);
    return () => clearTimeout(timer);
  }, [requestKey, previewPublicKey]);

  const previewCode = (previewError as { code?: string } | null)?.code;
  const needsPassphrase = previewCode === 'keypairs.passphraseNeeded' || s.passphrase !== '';

  return (
    <form
      className="new-key-form"
      onSubmit={(event) => {
        event.preventDefault();
        void s.importKey();
      }}
    >
      <NameField />
      <Segmented<'text' | 'file'>
        legend={t('import.source')}
        value={s.sourceKind}
        onChange={(importSource) => s.edit({ importSource })}
        options={[
          { value: 'text', label: t('import.paste') },
          { value: 'file', label: t('import.file') },
        ]}
      />
      {s.sourceKind === 'text' ? (
        <Field label={t('import.textLabel')} hint={t('import.textHint')}>
          {(control) => (
            <TextArea
              {...control}
              mono
              rows={5}
              value={s.text}
              onChange={(event) => s.edit({ importText: event.target.value })}
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
                value={s.filePath}
                onChange={(event) => s.edit({ importPath: event.target.value })}
                spellCheck={false}
                className="mono"
              />
              <Button
                onClick={() =>
                  void s
                    .chooseImportFile()
                    .catch((error: unknown) => notify({ tone: 'error', title: errorText(error) }))
                }
              >
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
              value={s.passphrase}
              onChange={(event) => s.edit({ importPassphrase: event.target.value })}
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
              { id: 'sha256', label: t('import.sha256'), value: <code>{preview.sha256}</code> },
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
      ) : previewError && previewCode !== 'keypairs.passphraseNeeded' ? (
        <Notice tone="error">{errorText(previewError)}</Notice>
      ) : null}
      <TagsEditor />
      {s.error ? <Notice tone="error">{errorText(s.error)}</Notice> : null}
      <SubmitRow>{t('import.submit')}</SubmitRow>
    </form>
  );
}
