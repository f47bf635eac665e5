import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/button';
import { Field, Input, Select } from '../../components/field';
import { KeyPlusIcon } from '../../components/icons';
import { Card } from '../../components/layout';
import { Notice } from '../../components/notice';
import { Segmented } from '../../components/segmented';
import { useErrorText } from '../../lib/errors';
import { keyBlockers, newKeyPath, type KeyFormat } from './recover-rules';
import { useRecoverStore } from './recover-store';
import { StepActions } from './wizard-frame';

const formats: KeyFormat[] = ['openssh', 'pem', 'ppk3'];

/** Step 4: the new key — generated (Ed25519 by default) or a key file the user has. */
export function NewKeyStep() {
  const { t } = useTranslation('recover');
  const errorText = useErrorText();
  const { draft, target, sshDir, dialogError, edit, goTo, chooseKeyPath, chooseKeyFile } = useRecoverStore(
    useShallow((state) => ({
      draft: state.draft,
      target: state.target,
      sshDir: state.sshDir,
      dialogError: state.dialogError,
      edit: state.edit,
      goTo: state.goTo,
      chooseKeyPath: state.chooseKeyPath,
      chooseKeyFile: state.chooseKeyFile,
    })),
  );
  const path = newKeyPath(draft, target, sshDir);
  return (
    <Card icon={KeyPlusIcon} title={t('key.title')} subtitle={t('key.subtitle')}>
      <div className="recover-stack">
        {dialogError ? <Notice tone="error">{errorText(dialogError)}</Notice> : null}
        <Segmented
          legend={t('key.source.legend')}
          hideLegend
          value={draft.keySource}
          onChange={(keySource) => edit({ keySource })}
          options={[
            { value: 'generate', label: t('key.source.generate') },
            { value: 'existing', label: t('key.source.existing') },
          ]}
        />
        {draft.keySource === 'generate' ? (
          <>
            <div className="recover-pair">
              <Segmented
                legend={t('key.type.legend')}
                value={draft.keyType}
                onChange={(keyType) => edit({ keyType })}
                options={[
                  { value: 'ed25519', label: t('key.type.ed25519') },
                  { value: 'rsa', label: t('key.type.rsa') },
                ]}
              />
              <Field label={t('key.format.label')}>
                {(control) => (
                  <Select
                    {...control}
                    value={draft.format}
                    onChange={(event) => edit({ format: event.target.value as KeyFormat })}
                  >
                    {formats.map((format) => (
                      <option key={format} value={format}>
                        {t(`key.format.${format}`)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            </div>
            <Field label={t('key.saveTo')} hint={t('key.saveHint')}>
              {(control) => (
                <div className="recover-path-row">
                  <Input
                    {...control}
                    className="mono"
                    value={path}
                    title={path}
                    onChange={(event) => edit({ typedPath: event.target.value, pathFromDialog: false })}
                    spellCheck={false}
                  />
                  <Button onClick={() => void chooseKeyPath()}>{t('key.choose')}</Button>
                </div>
              )}
            </Field>
            <div className="recover-pair">
              <Field label={t('key.passphrase')} optional>
                {(control) => (
                  <Input
                    {...control}
                    type="password"
                    value={draft.passphrase}
                    onChange={(event) => edit({ passphrase: event.target.value })}
                    autoComplete="new-password"
                  />
                )}
              </Field>
              <Field label={t('key.confirmPassphrase')}>
                {(control) => (
                  <Input
                    {...control}
                    type="password"
                    value={draft.confirmPassphrase}
                    onChange={(event) => edit({ confirmPassphrase: event.target.value })}
                    autoComplete="new-password"
                  />
                )}
              </Field>
              <p className="recover-muted recover-pair-hint">{t('key.passphraseHint')}</p>
            </div>
          </>
        ) : (
          <>
            <Field label={t('key.existingPath')} hint={t('key.existingHint')}>
              {(control) => (
                <div className="recover-path-row">
                  <Input
                    {...control}
                    className="mono"
                    value={draft.existingPath}
                    title={draft.existingPath}
                    onChange={(event) => edit({ existingPath: event.target.value })}
                    spellCheck={false}
                  />
                  <Button onClick={() => void chooseKeyFile('existing')}>{t('key.existingChoose')}</Button>
                </div>
              )}
            </Field>
            <Field label={t('key.existingPassphrase')} optional>
              {(control) => (
                <Input
                  {...control}
                  type="password"
                  value={draft.existingPassphrase}
                  onChange={(event) => edit({ existingPassphrase: event.target.value })}
                  autoComplete="off"
                />
              )}
            </Field>
          </>
        )}
        <label className="recover-check">
          <input
            type="checkbox"
            checked={draft.importKeyPair}
            onChange={(event) => edit({ importKeyPair: event.target.checked })}
          />
          <span>
            {t('key.importKeyPair', { region: target?.region ?? '' })}
            <span className="recover-check-hint">
              {t('key.importExplain', { keyName: target?.keyName ?? '' })}
            </span>
          </span>
        </label>
        {draft.importKeyPair ? (
          <Field label={t('key.importName')}>
            {(control) => (
              <Input
                {...control}
                value={draft.importName}
                onChange={(event) => edit({ importName: event.target.value })}
                spellCheck={false}
                autoComplete="off"
              />
            )}
          </Field>
        ) : null}
        <StepActions
          onBack={() => goTo('path')}
          onNext={() => goTo('confirm')}
          blockers={keyBlockers(draft, target, sshDir)}
        />
      </div>
    </Card>
  );
}
