import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { Field, Input } from '../../components/field';
import { Badge, Card, FactList } from '../../components/layout';
import { Notice } from '../../components/notice';
import { Spinner } from '../../components/spinner';
import { useErrorText } from '../../lib/errors';
import { useConverterStore, type ConverterItem } from './converter-store';

/**
 * An encrypted key's passphrase, checked by main as soon as it is entered (Enter or Unlock), so a
 * wrong one is reported here and not only when the batch is converted.
 */
function PassphraseUnlock({ item }: { item: ConverterItem }) {
  const { t } = useTranslation('converter');
  const errorText = useErrorText();
  const setPassphrase = useConverterStore((s) => s.setPassphrase);
  const unlock = useConverterStore((s) => s.unlock);
  const cancelUnlock = useConverterStore((s) => s.cancelUnlock);
  if (item.unlocked)
    return (
      <p className="converter-unlocked" data-testid="converter-unlocked">
        <Badge tone="success">{t('list.unlocked')}</Badge> {t('list.unlockedHint')}
      </p>
    );
  return (
    <form
      className="converter-unlock"
      onSubmit={(event) => {
        event.preventDefault();
        void unlock(item.id);
      }}
    >
      <Field
        label={t('list.passphrase', { name: item.label })}
        hint={t('list.passphraseHint')}
        error={item.passphraseError ? errorText(item.passphraseError) : undefined}
      >
        {(control) => (
          <div className="converter-unlock-row">
            <Input
              {...control}
              type="password"
              autoComplete="off"
              value={item.passphrase}
              onChange={(event) => setPassphrase(item.id, event.target.value)}
            />
            <Button type="submit" busy={item.unlocking} disabled={item.passphrase === ''}>
              {t('list.unlock')}
            </Button>
            {item.unlocking ? (
              <Button
                variant="ghost"
                onClick={() => void cancelUnlock(item.id)}
                aria-label={t('list.cancelUnlock', { name: item.label })}
              >
                {t('list.cancelUnlockShort')}
              </Button>
            ) : null}
          </div>
        )}
      </Field>
    </form>
  );
}

function KeyFacts({ item }: { item: ConverterItem }) {
  const { t } = useTranslation('converter');
  const info = item.info!;
  const f = info.fingerprints;
  return (
    <>
      <div className="converter-badges">
        <Badge tone="accent">{t(`formats.${info.format}`)}</Badge>
        {info.type ? <Badge>{`${t(`types.${info.type}`)}${info.bits ? ` ${info.bits}` : ''}`}</Badge> : null}
        {info.encrypted ? <Badge tone="warning">{t('list.encrypted')}</Badge> : null}
        {info.kind === 'public' ? <Badge tone="error">{t('list.publicOnly')}</Badge> : null}
      </div>
      <FactList
        items={[
          ...(info.comment ? [{ id: 'comment', label: t('list.comment'), value: info.comment }] : []),
          ...(f
            ? [
                { id: 'sha256', label: t('list.sha256'), value: <code>{f.sha256}</code> },
                ...(f.awsCreated
                  ? [{ id: 'awsCreated', label: t('list.awsCreated'), value: <code>{f.awsCreated}</code> }]
                  : []),
                { id: 'awsImported', label: t('list.awsImported'), value: <code>{f.awsImported}</code> },
              ]
            : []),
        ]}
      />
      {info.kind === 'public' ? <Notice tone="error">{t('list.publicExplain')}</Notice> : null}
      {info.kind === 'private' && info.encrypted ? <PassphraseUnlock item={item} /> : null}
    </>
  );
}

/** The keys added so far, each with what main detected (format, type, size, comment, fingerprints). */
export function KeyList() {
  const { t } = useTranslation('converter');
  const errorText = useErrorText();
  const { items, remove, clear } = useConverterStore();
  if (items.length === 0) return null;
  return (
    <Card
      title={t('list.title', { count: items.length })}
      actions={
        <Button size="sm" variant="ghost" onClick={clear}>
          {t('list.clear')}
        </Button>
      }
    >
      <ul className="converter-items" aria-label={t('list.title', { count: items.length })}>
        {items.map((item) => (
          <li key={item.id} className="converter-item" data-testid="converter-item">
            <div className="converter-item-head">
              <strong className="converter-item-name">{item.label}</strong>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => remove(item.id)}
                aria-label={t('list.remove', { name: item.label })}
              >
                {t('list.removeShort')}
              </Button>
            </div>
            {item.info ? (
              <KeyFacts item={item} />
            ) : item.error ? (
              <Notice tone="error">{errorText(item.error)}</Notice>
            ) : (
              <Spinner size={16} />
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
