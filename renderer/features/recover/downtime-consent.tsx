import { useTranslation } from 'react-i18next';
import { Field, Input } from '../../components/field';
import { Notice } from '../../components/notice';
import type { PathAssessment } from '../../../src/ipc/contracts/recovery';
import type { RecoverTarget } from '../inventory/recover-handoff';
import { downtimeConfirmed } from './recover-rules';

export interface DowntimeConsentProps {
  assessment: PathAssessment;
  target: RecoverTarget;
  typed: string;
  onType(text: string): void;
}

/**
 * A stop path on the confirm screen: every hazard of stopping the instance (and what could not be
 * checked), then the instance's name
 * or id typed by hand — a click alone must not take a server down (§11.3).
 */
export function DowntimeConsent({ assessment, target, typed, onType }: DowntimeConsentProps) {
  const { t } = useTranslation('recover');
  const name = target.instanceName ?? target.instanceId;
  const confirmed = downtimeConfirmed(typed, target);
  return (
    <section className="recover-stack" aria-label={t('confirm.downtime.title', { name })}>
      <Notice tone="warning" title={t('confirm.downtime.title', { name })}>
        <ul className="recover-reasons is-hazard" data-testid="recover-hazards">
          {assessment.hazards.map((hazard, index) => (
            <li key={`${hazard.code}-${index}`} data-hazard={hazard.code}>
              {t(`plan.${hazard.code}`, { replace: hazard.params })}
            </li>
          ))}
        </ul>
        {assessment.uncertainties.length > 0 ? (
          <>
            <p className="recover-muted">{t('path.uncertain')}</p>
            <ul className="recover-reasons" data-testid="recover-stop-unknowns">
              {assessment.uncertainties.map((reason, index) => (
                <li key={`${reason.code}-${index}`}>
                  {t(`plan.${reason.code}`, { replace: reason.params })}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Notice>
      <Field
        label={t('confirm.downtime.label', { name, id: target.instanceId })}
        hint={t('confirm.downtime.hint')}
      >
        {(control) => (
          <Input
            {...control}
            className="mono"
            value={typed}
            placeholder={name}
            onChange={(event) => onType(event.target.value)}
            spellCheck={false}
            autoComplete="off"
            data-confirmed={confirmed ? 'true' : 'false'}
          />
        )}
      </Field>
    </section>
  );
}
