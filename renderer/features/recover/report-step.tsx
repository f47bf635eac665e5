import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/button';
import { CopyButton } from '../../components/copy-button';
import { FileTextIcon } from '../../components/icons';
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
  const { report, error, loadReport, resetRun } = useRecoveryRunStore(
    useShallow((state) => ({
      report: state.report,
      error: state.reportError,
      loadReport: state.loadReport,
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
      actions={report ? <CopyButton text={report.markdown} label={t('report.copy')} /> : null}
    >
      <div className="recover-stack">
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
