import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckIcon, ClockIcon, CloseIcon, ErrorIcon } from '../../components/icons';
import { Spinner } from '../../components/spinner';
import { useErrorText } from '../../lib/errors';
import { elapsedSeconds, liveNote, type StepView } from './run-progress';

/** Re-renders every second while `active`, so a running step's elapsed time moves. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function StateIcon({ state }: { state: StepView['state'] }) {
  if (state === 'running') return <Spinner size={16} decorative />;
  if (state === 'done') return <CheckIcon size={16} />;
  if (state === 'failed') return <ErrorIcon size={16} />;
  if (state === 'undone' || state === 'skipped') return <CloseIcon size={16} />;
  return <ClockIcon size={16} />;
}

/** A running step's latest note: a stop, start or snapshot in the UI's language, else the engine's English. */
function StepNote({ note, showEnglish }: { note: string | undefined; showEnglish: boolean }) {
  const { t } = useTranslation('recover');
  const live = liveNote(note);
  if (live?.kind === 'snapshot')
    return (
      <span className="recover-muted recover-step-note" data-testid="recover-snapshot-progress">
        <progress max={100} value={live.percent} aria-label={t('notes.snapshotLabel')} />{' '}
        {live.seconds === null
          ? t('notes.snapshot', { percent: live.percent })
          : t('notes.snapshotFor', { percent: live.percent, seconds: live.seconds })}
      </span>
    );
  if (live)
    return (
      <span className="recover-muted recover-step-note">
        {t(`notes.${live.kind}`, { seconds: live.seconds })}
      </span>
    );
  return showEnglish && note ? <span className="recover-muted recover-step-note">{note}</span> : null;
}

/** A run's steps, live: name, state, elapsed seconds, the latest note and a failed step's error. */
export function StepList({ steps, label }: { steps: StepView[]; label: string }) {
  const { t, i18n } = useTranslation('recover');
  const errorText = useErrorText();
  // Notes are the engine's live English ("InProgress, 12 s"): shown only where English is the UI's.
  const showNotes = i18n.language.startsWith('en');
  const now = useNow(steps.some((step) => step.state === 'running'));
  return (
    <ol className="recover-steps" aria-label={label} data-testid="recover-steps">
      {steps.map((step) => {
        const seconds = elapsedSeconds(step, now);
        return (
          <li
            key={step.id}
            className={`recover-step is-${step.state}`}
            data-step={step.id}
            data-state={step.state}
          >
            <span className="recover-step-icon" aria-hidden="true">
              <StateIcon state={step.state} />
            </span>
            <span className="recover-step-text">
              <span className="recover-step-name">
                {t(`stepNames.${step.id}`, { defaultValue: step.id })}
              </span>
              {step.state === 'running' ? <StepNote note={step.note} showEnglish={showNotes} /> : null}
              {step.error ? (
                <span className="recover-step-error">
                  {errorText({ code: step.error.code, message: step.error.message || step.error.code })}
                </span>
              ) : null}
            </span>
            <span className="recover-step-state">
              {t(`stepStates.${step.state}`)}
              {seconds !== null ? ` · ${t('seconds', { seconds })}` : ''}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
