import { useTranslation } from 'react-i18next';
import './spinner.css';

export interface SpinnerProps {
  size?: number;
  /** Accessible text; defaults to "Loading…". */
  label?: string;
  /** Inside something that already says it is busy (a busy button): no role, no text. */
  decorative?: boolean;
}

/** An indeterminate activity indicator. */
export function Spinner({ size = 20, label, decorative = false }: SpinnerProps) {
  const { t } = useTranslation('common');
  const circle = (
    <svg
      className="spinner"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" strokeWidth="3" opacity="0.2" />
      <path
        d="M21.5 12a9.5 9.5 0 0 0-9.5-9.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="3"
        strokeLinecap="round"
      />
    </svg>
  );
  if (decorative) return circle;
  return (
    <span role="status" className="spinner-wrap">
      {circle}
      <span className="visually-hidden">{label ?? t('loading')}</span>
    </span>
  );
}

export interface ProgressBarProps {
  /** What is progressing (the accessible name). */
  label: string;
  done?: number;
  total?: number;
  /** Show "3 of 10" under the bar. */
  showCount?: boolean;
}

/** A determinate bar when `done`/`total` are known, indeterminate otherwise (native `<progress>`). */
export function ProgressBar({ label, done, total, showCount = false }: ProgressBarProps) {
  const { t } = useTranslation('common');
  const known = done !== undefined && total !== undefined && total > 0;
  return (
    <div className="progress">
      <div className="progress-head">
        <span className="progress-label">{label}</span>
        {known && showCount ? <span className="progress-count">{t('progress', { done, total })}</span> : null}
      </div>
      <progress aria-label={label} className="progress-bar" {...(known ? { value: done, max: total } : {})} />
    </div>
  );
}
