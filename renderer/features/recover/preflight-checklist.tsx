import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Finding } from '../../../src/ipc/contracts/recovery';
import { Button } from '../../components/button';
import { ErrorIcon, InfoIcon, SearchIcon, SuccessIcon, WarningIcon } from '../../components/icons';
import { Card } from '../../components/layout';
import { Notice } from '../../components/notice';
import { useErrorText } from '../../lib/errors';
import { useRecoverStore } from './recover-store';
import { Busy, StepActions } from './wizard-frame';

const statusIcon = { ok: SuccessIcon, warning: WarningIcon, blocker: ErrorIcon, unknown: InfoIcon } as const;
const savedKeyCodes = new Set<Finding['code']>(['savedKeyPairParameter', 'savedEc2rlParameter']);

/** Step 2: preflight's findings, each in the user's language with what it means. */
export function PreflightChecklist() {
  const { t } = useTranslation('recover');
  const errorText = useErrorText();
  const { preflight, status, error, runPreflight, goTo } = useRecoverStore(
    useShallow((state) => ({
      preflight: state.preflight,
      status: state.preflightStatus,
      error: state.preflightError,
      runPreflight: state.runPreflight,
      goTo: state.goTo,
    })),
  );
  const savedKey = preflight?.findings.some((finding) => savedKeyCodes.has(finding.code)) ?? false;
  return (
    <Card
      icon={SearchIcon}
      title={t('checks.title')}
      subtitle={t('checks.subtitle')}
      actions={
        status === 'done' || status === 'failed' ? (
          <Button size="sm" variant="ghost" onClick={() => void runPreflight()}>
            {t('checks.retry')}
          </Button>
        ) : null
      }
    >
      <div className="recover-stack">
        {status === 'running' ? <Busy label={t('checks.running')} /> : null}
        {status === 'failed' ? (
          <Notice
            tone="error"
            title={t('checks.failed')}
            actions={
              <Button size="sm" onClick={() => void runPreflight()}>
                {t('checks.retry')}
              </Button>
            }
          >
            <p>{errorText(error)}</p>
          </Notice>
        ) : null}
        {savedKey ? <Notice tone="warning" title={t('checks.savedKey')} /> : null}
        {preflight && status !== 'running' ? (
          <ul className="recover-findings" data-testid="recover-findings">
            {preflight.findings.map((finding) => {
              const Icon = statusIcon[finding.status];
              return (
                <li
                  key={finding.id}
                  className={`recover-finding is-${finding.status}`}
                  data-finding={finding.code}
                >
                  <Icon size={16} className="recover-finding-icon" aria-hidden="true" />
                  <span className="visually-hidden">{t(`checks.status.${finding.status}`)}: </span>
                  <span>{t(`findings.${finding.code}`, { replace: finding.params })}</span>
                </li>
              );
            })}
          </ul>
        ) : null}
        <StepActions
          onBack={() => goTo('pick')}
          onNext={() => goTo('path')}
          blockers={status === 'done' ? [] : ['blockers.preflight']}
        />
      </div>
    </Card>
  );
}
