import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/layout';
import { CleanupStep } from './cleanup-step';
import { ConfirmStep } from './confirm-step';
import { NewKeyStep } from './new-key-step';
import { PathChoice } from './path-choice';
import { PickInstance } from './pick-instance';
import { PreflightChecklist } from './preflight-checklist';
import { useRecoverStore, type WizardStep } from './recover-store';
import { useRecoveryRunStore } from './recovery-run-store';
import { ReportStep } from './report-step';
import { RunStep } from './run-step';
import { UnfinishedRecoveries } from './unfinished-recoveries';
import { TargetBar, WizardProgress } from './wizard-frame';
import './recover.css';

const screens: Record<WizardStep, () => ReactNode> = {
  pick: PickInstance,
  checks: PreflightChecklist,
  path: PathChoice,
  key: NewKeyStep,
  confirm: ConfirmStep,
  run: RunStep,
  cleanup: CleanupStep,
  report: ReportStep,
};

/**
 * The recovery wizard (issue 10 §8): instance → checks → way in → new key → confirm → live run and
 * verification → cleanup → report. Its state lives in the stores, so leaving the page keeps it.
 */
export function RecoverPage() {
  const { t } = useTranslation('recover');
  const step = useRecoverStore((state) => state.step);
  useEffect(() => {
    void useRecoverStore.getState().open();
    void useRecoveryRunStore.getState().loadUnfinished();
  }, []);
  const Screen = screens[step];
  // Once a run started, the instance is fixed: picking another would hide a running recovery.
  const canChange = step !== 'pick' && step !== 'run' && step !== 'cleanup' && step !== 'report';
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="recover-page" data-step={step}>
        <UnfinishedRecoveries />
        <WizardProgress step={step} />
        {step !== 'pick' ? <TargetBar allowChange={canChange} /> : null}
        <Screen />
      </div>
    </>
  );
}
