import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Finding } from '../../../src/ipc/contracts/recovery';
import { Button } from '../../components/button';
import {
  CheckIcon,
  ClockIcon,
  ErrorIcon,
  InfoIcon,
  SearchIcon,
  SuccessIcon,
  WarningIcon,
} from '../../components/icons';
import { Card } from '../../components/layout';
import { Notice } from '../../components/notice';
import { Spinner } from '../../components/spinner';
import { useErrorText } from '../../lib/errors';
import type { CheckView } from './preflight-progress';
import { useRecoverStore } from './recover-store';
import { StepActions } from './wizard-frame';

const statusIcon = { ok: SuccessIcon, warning: WarningIcon, blocker: ErrorIcon, unknown: InfoIcon } as const;
const savedKeyCodes = new Set<Finding['code']>(['savedKeyPairParameter', 'savedEc2rlParameter']);

function CheckStateIcon({ state }: { state: CheckView['state'] }) {
  if (state === 'running') return <Spinner size={16} decorative />;
  if (state === 'done') return <CheckIcon size={16} />;
  if (state === 'failed') return <ErrorIcon size={16} />;
  return <ClockIcon size={16} />;
}

function Findings({ findings }: { findings: Finding[] }) {
  const { t } = useTranslation('recover');
  return (
    <ul className="recover-findings">
      {findings.map((finding) => {
        const Icon = statusIcon[finding.status];
        return (
          <li key={finding.id} className={`recover-finding is-${finding.status}`} data-finding={finding.code}>
            <Icon size={16} className="recover-finding-icon" aria-hidden="true" />
            <span className="visually-hidden">{t(`checks.status.${finding.status}`)}: </span>
            <span>{t(`findings.${finding.code}`, { replace: finding.params })}</span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Step 2: preflight as a live checklist. Every check is listed from the start (waiting), runs in
 * turn, and shows its findings — each in the user's language with what it means — as it finishes.
 */
export function PreflightChecklist() {
  const { t } = useTranslation('recover');
  const errorText = useErrorText();
  const { checks, status, error, cancelling, runPreflight, cancelPreflight, goTo } = useRecoverStore(
    useShallow((state) => ({
      checks: state.preflightChecks,
      status: state.preflightStatus,
      error: state.preflightError,
      cancelling: state.preflightCancelling,
      runPreflight: state.runPreflight,
      cancelPreflight: state.cancelPreflight,
      goTo: state.goTo,
    })),
  );
  const savedKey = checks.some((check) => check.findings.some((finding) => savedKeyCodes.has(finding.code)));
  const retry = (
    <Button size="sm" variant="ghost" onClick={() => void runPreflight()}>
      {t('checks.retry')}
    </Button>
  );
  return (
    <Card
      icon={SearchIcon}
      title={t('checks.title')}
      subtitle={t('checks.subtitle')}
      actions={
        status === 'running' ? (
          <Button size="sm" variant="ghost" disabled={cancelling} onClick={cancelPreflight}>
            {cancelling ? t('checks.cancelling') : t('checks.cancel')}
          </Button>
        ) : status === 'idle' ? null : (
          retry
        )
      }
    >
      <div className="recover-stack">
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
        {status === 'cancelled' ? (
          <Notice tone="info" title={t('checks.cancelled')}>
            <p>{t('checks.cancelledHint')}</p>
          </Notice>
        ) : null}
        {savedKey ? <Notice tone="warning" title={t('checks.savedKey')} /> : null}
        <ol
          className="recover-steps recover-checks"
          aria-label={t('checks.listLabel')}
          aria-busy={status === 'running'}
          data-testid="recover-findings"
        >
          {checks.map((check) => (
            <li
              key={check.id}
              className={`recover-step is-${check.state}`}
              data-check={check.id}
              data-state={check.state}
            >
              <span className="recover-step-icon" aria-hidden="true">
                <CheckStateIcon state={check.state} />
              </span>
              <span className="recover-step-text">
                <span className="recover-step-name">
                  {t(`checkNames.${check.id}`, { defaultValue: check.id })}
                </span>
                {check.findings.length > 0 ? <Findings findings={check.findings} /> : null}
              </span>
              <span className="recover-step-state">
                {check.state === 'done'
                  ? t('checks.state.done', { count: check.findings.length })
                  : t(`checks.state.${check.state}`)}
              </span>
            </li>
          ))}
        </ol>
        <StepActions
          onBack={() => goTo('pick')}
          onNext={() => goTo('path')}
          blockers={status === 'done' ? [] : ['blockers.preflight']}
        />
      </div>
    </Card>
  );
}
