import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { CheckIcon } from '../../components/icons';
import { Spinner } from '../../components/spinner';
import { useRecoverStore, wizardSteps, type WizardStep } from './recover-store';

/** Where the wizard is: every screen in order, the current one marked (`aria-current="step"`). */
export function WizardProgress({ step }: { step: WizardStep }) {
  const { t } = useTranslation('recover');
  const current = wizardSteps.indexOf(step);
  return (
    <nav aria-label={t('steps.label')}>
      <ol className="recover-progress">
        {wizardSteps.map((id, index) => (
          <li
            key={id}
            className={index < current ? 'is-done' : index === current ? 'is-current' : undefined}
            aria-current={index === current ? 'step' : undefined}
            data-step={id}
          >
            <span className="recover-progress-mark" aria-hidden="true">
              {index < current ? <CheckIcon size={12} /> : index + 1}
            </span>
            <span className="recover-progress-label">{t(`steps.${id}`)}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The instance being recovered, on every screen after the picker, with a way to pick another. */
export function TargetBar({ allowChange }: { allowChange: boolean }) {
  const { t } = useTranslation('recover');
  const target = useRecoverStore((state) => state.target);
  const reset = useRecoverStore((state) => state.reset);
  if (!target) return null;
  return (
    <section className="recover-target" aria-label={t('target.label')} data-testid="recover-target">
      <div className="recover-target-text">
        <span className="recover-target-label">{t('target.label')}</span>
        <strong>{target.instanceName ?? target.instanceId}</strong>
        <span className="recover-muted">
          {t('target.facts', { id: target.instanceId, region: target.region, keyName: target.keyName })}
        </span>
      </div>
      {allowChange ? (
        <Button size="sm" variant="ghost" onClick={reset}>
          {t('target.change')}
        </Button>
      ) : null}
    </section>
  );
}

/**
 * A screen's Back / Continue row. A disabled Continue lists what is missing under it, so the user
 * never wonders why it does nothing.
 */
export function StepActions({
  onBack,
  onNext,
  nextLabel,
  blockers = [],
  busy = false,
  extra,
}: {
  onBack?: () => void;
  onNext?: () => void;
  nextLabel?: string;
  blockers?: string[];
  busy?: boolean;
  extra?: ReactNode;
}) {
  const { t } = useTranslation('recover');
  return (
    <div className="recover-actions">
      <div className="recover-actions-row">
        {onBack ? (
          <Button variant="secondary" onClick={onBack}>
            {t('back')}
          </Button>
        ) : null}
        {extra}
        {onNext ? (
          <Button variant="primary" disabled={blockers.length > 0} busy={busy} onClick={onNext}>
            {nextLabel ?? t('continue')}
          </Button>
        ) : null}
      </div>
      {blockers.length > 0 ? (
        <ul className="recover-blockers" data-testid="recover-blockers">
          {blockers.map((blocker) => (
            <li key={blocker}>{t(blocker)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A spinner with its text visible (and announced once, as a status). */
export function Busy({ label }: { label: string }) {
  return (
    <p className="recover-busy" role="status">
      <Spinner size={16} decorative />
      <span>{label}</span>
    </p>
  );
}
