import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { Field, Input, Select } from '../../components/field';
import { Card } from '../../components/layout';
import { Notice } from '../../components/notice';
import { useErrorText } from '../../lib/errors';
import { notify } from '../../components/toast';
import {
  convertBlockers,
  useConverterStore,
  type ConvertTarget,
  type PassphraseMode,
} from './converter-store';
import { passphraseStrength } from './passphrase-strength';

const targets: ConvertTarget[] = ['ppk3', 'ppk2', 'openssh', 'pem'];
const passphraseModes: PassphraseMode[] = ['keep', 'new', 'remove'];

/** Target format, new passphrase (confirmed, with a strength hint), comment, and where files go. */
export function ConvertOptions() {
  const { t } = useTranslation('converter');
  const errorText = useErrorText();
  const s = useConverterStore();
  const strength = passphraseStrength(s.newPassphrase);
  const blockers = convertBlockers(s);
  const mismatch = s.confirmPassphrase !== '' && s.newPassphrase !== s.confirmPassphrase;
  return (
    <Card title={t('options.title')}>
      <div className="converter-grid">
        <Field label={t('options.target')} hint={t(`options.targetHint.${s.target}`)}>
          {(control) => (
            <Select
              {...control}
              value={s.target}
              onChange={(event) => s.set({ target: event.target.value as ConvertTarget })}
            >
              {targets.map((target) => (
                <option key={target} value={target}>
                  {t(`options.targets.${target}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('options.comment')} hint={t('options.commentHint')} optional>
          {(control) => (
            <Input
              {...control}
              value={s.comment}
              maxLength={1024}
              onChange={(event) => s.set({ comment: event.target.value })}
            />
          )}
        </Field>
      </div>
      {s.target === 'ppk2' ? (
        <div className="converter-notice">
          <Notice tone="warning">{t('options.ppk2Warning')}</Notice>
        </div>
      ) : null}
      <fieldset className="converter-choice" data-testid="converter-passphrase-mode">
        <legend>{t('options.passphrase')}</legend>
        {passphraseModes.map((mode) => (
          <label key={mode}>
            <input
              type="radio"
              name="converter-passphrase-mode"
              checked={s.passphraseMode === mode}
              onChange={() => s.set({ passphraseMode: mode })}
            />
            {t(`options.passphraseModes.${mode}`)}
          </label>
        ))}
        {s.passphraseMode === 'keep' ? <p className="converter-muted">{t('options.keepHint')}</p> : null}
        {s.passphraseMode === 'remove' ? <Notice tone="warning">{t('options.removeWarning')}</Notice> : null}
      </fieldset>
      {s.passphraseMode === 'new' ? (
        <div className="converter-grid">
          <Field label={t('options.newPassphrase')} hint={t(`options.strength.${strength}`)}>
            {(control) => (
              <Input
                {...control}
                type="password"
                autoComplete="new-password"
                value={s.newPassphrase}
                onChange={(event) => s.set({ newPassphrase: event.target.value })}
              />
            )}
          </Field>
          <Field label={t('options.confirmPassphrase')} error={mismatch ? t('blockers.mismatch') : undefined}>
            {(control) => (
              <Input
                {...control}
                type="password"
                autoComplete="new-password"
                value={s.confirmPassphrase}
                onChange={(event) => s.set({ confirmPassphrase: event.target.value })}
              />
            )}
          </Field>
        </div>
      ) : null}
      <fieldset className="converter-output">
        <legend>{t('options.output')}</legend>
        <label>
          <input
            type="radio"
            name="converter-output"
            checked={s.outputMode === 'beside'}
            onChange={() => s.set({ outputMode: 'beside' })}
          />
          {t('options.beside')}
        </label>
        <label>
          <input
            type="radio"
            name="converter-output"
            checked={s.outputMode === 'folder'}
            onChange={() => s.set({ outputMode: 'folder' })}
          />
          {t('options.folder')}
        </label>
        <div className="converter-row">
          <Button
            onClick={() =>
              void s
                .chooseFolder()
                .catch((error: unknown) => notify({ tone: 'error', title: errorText(error) }))
            }
          >
            {t('options.chooseFolder')}
          </Button>
          <code data-testid="converter-out-dir">{s.outDir ?? t('options.noFolder')}</code>
        </div>
        <label>
          <input
            type="checkbox"
            checked={s.overwrite}
            onChange={(event) => s.set({ overwrite: event.target.checked })}
          />
          {t('options.overwrite')}
        </label>
      </fieldset>
      {s.items.length > 0 && blockers.length > 0 ? (
        <ul className="converter-blockers">
          {blockers.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      ) : null}
      <div className="converter-row">
        <Button
          variant="primary"
          busy={s.busy}
          disabled={blockers.length > 0}
          onClick={() => void s.convert()}
        >
          {s.progress ? t('options.converting', s.progress) : t('options.convert')}
        </Button>
        {s.busy ? (
          // A slow passphrase (bcrypt, Argon2) can take seconds per key: the user may stop it.
          <Button onClick={() => void s.cancelConvert()}>{t('options.cancelConvert')}</Button>
        ) : null}
      </div>
    </Card>
  );
}
