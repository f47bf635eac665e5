import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { CopyButton } from '../../components/copy-button';
import { Card } from '../../components/layout';
import { Notice } from '../../components/notice';
import { notify } from '../../components/toast';
import { sourceName, useErrorText } from '../../lib/errors';
import { showInFolder, useConverterStore } from './converter-store';

/** One row per converted file: where it went (copy public key, show in folder) or why it failed. */
export function ConvertResults() {
  const { t } = useTranslation('converter');
  const errorText = useErrorText();
  const { results, requestError } = useConverterStore();
  if (requestError) return <Notice tone="error">{errorText(requestError)}</Notice>;
  if (results.length === 0) return null;
  const okCount = results.filter((r) => r.ok).length;
  // The batch is all or nothing: after a failure the other keys only say they were not written.
  const failed = results.filter((r) => !r.ok && r.error.code !== 'keys.batchAborted').length;
  return (
    <Card title={t('results.title')} subtitle={t('results.summary', { ok: okCount, failed })}>
      {okCount === 0 && failed > 0 ? (
        <p className="converter-nothing-written" role="status">
          {t('results.nothingWritten')}
        </p>
      ) : null}
      <ul className="converter-items" aria-label={t('results.title')}>
        {results.map((r, index) => (
          <li key={index} className="converter-item" data-testid="converter-result" data-ok={r.ok}>
            {r.ok ? (
              <>
                <p className="converter-result-line">
                  <strong>{t('results.wrote')}</strong> <code>{r.outputPath}</code>
                </p>
                <p className="converter-muted">
                  {t(`formats.${r.writtenFormat}`)} · {t(`types.${r.type}`)} {r.bits} ·{' '}
                  {t(`results.protection.${r.passphrase}`)} · <code>{r.fingerprints.sha256}</code>
                </p>
                <div className="converter-row">
                  <CopyButton text={r.publicKey} label={t('results.copyPublicKey')} />
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() =>
                      void showInFolder(r.outputPath).catch((error: unknown) =>
                        notify({ tone: 'error', title: errorText(error) }),
                      )
                    }
                  >
                    {t('results.showInFolder')}
                  </Button>
                </div>
              </>
            ) : (
              <Notice tone="error" title={sourceName(r.source, t)}>
                {errorText(r.error)}
              </Notice>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
