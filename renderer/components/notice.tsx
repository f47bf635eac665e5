import type { ReactNode } from 'react';
import { toneIcons, type Tone } from './tone';
import './notice.css';

export interface NoticeProps {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  /** Buttons or links shown under the text. */
  actions?: ReactNode;
}

/**
 * An inline callout inside a page (a warning before a risky step, an error with what to do next).
 * Errors are announced (`role="alert"`); other tones are plain content.
 */
export function Notice({ tone = 'info', title, children, actions }: NoticeProps) {
  const Icon = toneIcons[tone];
  return (
    <div className={`notice tone-${tone}`} role={tone === 'error' ? 'alert' : undefined}>
      <Icon size={18} className="notice-icon" />
      <div className="notice-text">
        {title ? <p className="notice-title">{title}</p> : null}
        {children ? <div className="notice-body">{children}</div> : null}
        {actions ? <div className="notice-actions">{actions}</div> : null}
      </div>
    </div>
  );
}
