import type { ButtonHTMLAttributes, ReactNode } from 'react';
import type { IconComponent } from './icons';
import { Spinner } from './spinner';
import './button.css';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'md' | 'sm';
  /** Leading icon. */
  icon?: IconComponent;
  /** Shows a spinner, disables the button and sets aria-busy while an action runs. */
  busy?: boolean;
  children?: ReactNode;
}

/** The app's button. Defaults to `type="button"` so it never submits a form by accident. */
export function Button({
  variant = 'secondary',
  size = 'md',
  icon: Icon,
  busy = false,
  disabled,
  className,
  children,
  type = 'button',
  ...rest
}: ButtonProps) {
  const classes = ['btn', `btn-${variant}`, `btn-${size}`, className].filter(Boolean).join(' ');
  return (
    <button
      type={type}
      className={classes}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? <Spinner size={14} decorative /> : Icon ? <Icon size={size === 'sm' ? 14 : 16} /> : null}
      {children !== undefined ? <span className="btn-label">{children}</span> : null}
    </button>
  );
}
