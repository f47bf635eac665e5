import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Field, Input } from '../../components/field';
import { Notice } from '../../components/notice';
import { Segmented } from '../../components/segmented';
import { useErrorText } from '../../lib/errors';
import { FileExistsNotice } from './file-exists-notice';
import { NameField } from './name-field';
import {
  effectiveFormat,
  effectiveKeyChoice,
  formatsOf,
  keyChoicesOf,
  type Format,
  type KeyChoice,
} from './new-key-rules';
import { useNewKeyStore } from './new-key-store';
import { SaveLocationField } from './save-location-field';
import { SubmitRow } from './submit-row';
import { TagsEditor } from './tags-editor';

/**
 * Create a key pair. `local`: the key is generated here, saved, and only its public key is imported.
 * `aws`: CreateKeyPair makes it and returns the private key once; KeyRescue saves it before it shows
 * success, and if saving fails the unsaved-key dialog offers another location or deleting the pair.
 * Everything typed lives in the store's draft, so switching the method keeps it.
 */
export function CreateKeyForm({ method }: { method: 'local' | 'aws' }) {
  const { t } = useTranslation('new-key');
  const errorText = useErrorText();
  const s = useNewKeyStore(
    useShallow((state) => ({
      keyChoice: effectiveKeyChoice(method, state.draft.keyChoice),
      format: effectiveFormat(method, state.draft.format),
      passphrase: state.draft.passphrase,
      confirmPassphrase: state.draft.confirmPassphrase,
      error: state.error,
      edit: state.edit,
      create: state.create,
    })),
  );
  const passphraseHintId = useId();
  const mismatch = s.confirmPassphrase !== '' && s.passphrase !== s.confirmPassphrase;

  return (
    <form
      className="new-key-form"
      onSubmit={(event) => {
        event.preventDefault();
        void s.create();
      }}
    >
      <NameField />
      <Segmented<KeyChoice>
        legend={t('type.label')}
        value={s.keyChoice}
        onChange={(keyChoice) => s.edit({ keyChoice })}
        options={keyChoicesOf[method].map((value) => ({ value, label: t(`type.${value}`) }))}
      />
      {s.keyChoice === 'ed25519' ? (
        <Notice tone="warning" title={t('type.windowsTitle')}>
          <p>{t('type.windowsBody')}</p>
        </Notice>
      ) : null}
      <Segmented<Format>
        legend={t('format.label')}
        value={s.format}
        onChange={(format) => s.edit({ format })}
        options={formatsOf[method].map((value) => ({ value, label: t(`format.${value}`) }))}
      />
      <div className="new-key-pair-fields">
        <Field label={t('passphrase.label')} optional>
          {(control) => (
            <Input
              {...control}
              aria-describedby={passphraseHintId}
              type="password"
              value={s.passphrase}
              onChange={(event) => s.edit({ passphrase: event.target.value })}
              autoComplete="new-password"
            />
          )}
        </Field>
        <Field
          label={t('passphrase.confirm')}
          error={mismatch ? t('passphrase.mismatch') : undefined}
          optional
        >
          {(control) => (
            <Input
              {...control}
              type="password"
              value={s.confirmPassphrase}
              onChange={(event) => s.edit({ confirmPassphrase: event.target.value })}
              autoComplete="new-password"
            />
          )}
        </Field>
        <p className="field-hint new-key-pair-hint" id={passphraseHintId}>
          {t('passphrase.hint')}
        </p>
      </div>
      <SaveLocationField />
      <FileExistsNotice />
      <TagsEditor />
      <p className="new-key-muted">{method === 'aws' ? t('aws.promise') : t('local.promise')}</p>
      {s.error ? <Notice tone="error">{errorText(s.error)}</Notice> : null}
      <SubmitRow>{method === 'local' ? t('local.submit') : t('aws.submit')}</SubmitRow>
    </form>
  );
}
