import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/button';
import { CopyButton } from '../../components/copy-button';
import { FileTextIcon, HardDriveIcon } from '../../components/icons';
import { Card } from '../../components/layout';
import { Notice } from '../../components/notice';
import { useErrorText } from '../../lib/errors';
import { useRecoverStore } from './recover-store';
import { useRecoveryRunStore } from './recovery-run-store';
import { Busy } from './wizard-frame';

/** Step 8: the recovery's report (Markdown, no secrets) in the UI's language. */
export function ReportStep() {
  const { t, i18n } = useTranslation('recover');
  const errorText = useErrorText();
  const language = i18n.language.startsWith('ja') ? 'ja' : 'en';
  const { report, error, loadReport, saving, saveReport, resetRun } = useRecoveryRunStore(
    useShallow((state) => ({
      report: state.report,
      error: state.reportError,
      loadReport: state.loadReport,
      saving: state.reportSave,
      saveReport: state.saveReport,
      resetRun: state.reset,
    })),
  );
  const reset = useRecoverStore((state) => state.reset);
  // Read again when the language changes: the report is written in the language it is asked in.
  useEffect(() => {
    void loadReport(language);
  }, [language, loadReport]);

  return (
    <Card
      icon={FileTextIcon}
      title={t('report.title')}
      subtitle={t('report.subtitle')}
      actions={
        report ? (
          <>
            <CopyButton text={report.markdown} label={t('report.copy')} />
            <Button
              icon={HardDriveIcon}
              busy={saving.phase === 'saving'}
              onClick={() => void saveReport(language)}
            >
              {saving.phase === 'saving' ? t('report.saving') : t('report.save')}
            </Button>
          </>
        ) : null
      }
    >
      <div className="recover-stack">
        {saving.phase === 'saved' && saving.path ? (
          <Notice tone="success" title={t('report.saved')}>
            <p data-testid="recover-report-saved">{t('report.savedTo', { path: saving.path })}</p>
          </Notice>
        ) : null}
        {saving.error ? (
          <Notice tone="error" title={t('report.saveFailed')}>
            <p>{errorText(saving.error)}</p>
          </Notice>
        ) : null}
        {error ? (
          <Notice
            tone="error"
            title={t('report.failed')}
            actions={
              <Button size="sm" onClick={() => void loadReport(language)}>
                {t('report.retry')}
              </Button>
            }
          >
            <p>{errorText(error)}</p>
          </Notice>
        ) : null}
        {!report && !error ? <Busy label={t('report.loading')} /> : null}
        {report ? (
          <pre className="recover-report" tabIndex={0} data-testid="recover-report">
            {report.markdown}
          </pre>
        ) : null}
        <div className="recover-actions-row">
          <Button
            variant="primary"
            onClick={() => {
              resetRun();
              reset();
            }}
          >
            {t('report.another')}
          </Button>
        </div>
      </div>
    </Card>
  );
}
