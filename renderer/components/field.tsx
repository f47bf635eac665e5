import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorIcon } from './icons';
import './field.css';

/** What a Field hands its control so label, hint and error are wired for screen readers. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

export interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  /** A validation message; marks the control invalid. */
  error?: ReactNode;
  optional?: boolean;
  /** Renders the control: `{(props) => <Input {...props} value={…} />}`. */
  children: (control: FieldControlProps) => ReactNode;
}

/** A labelled form row: label, the control, a hint and an error, all linked by ids. */
export function Field({ label, hint, error, optional = false, children }: FieldProps) {
  const { t } = useTranslation('common');
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label className="field-label" htmlFor={id}>
        {label}
        {optional ? <span className="field-optional"> ({t('optional')})</span> : null}
      </label>
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
      })}
      {error ? (
        <p className="field-error" id={errorId}>
          <ErrorIcon size={14} />
          {error}
        </p>
      ) : null}
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A single-line text input in the app's style. */
export function Input({ className, ...rest }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={className ? `input ${className}` : 'input'} {...rest} />;
}

/** A multi-line text input (monospace when `mono`, for pasted keys). */
export function TextArea({
  className,
  mono = false,
  ...rest
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { mono?: boolean }) {
  const classes = ['input', 'textarea', mono ? 'mono' : '', className].filter(Boolean).join(' ');
  return <textarea className={classes} {...rest} />;
}

/** A native select in the app's style (native keeps keyboard and screen-reader behaviour). */
export function Select({ className, ...rest }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={className ? `input select ${className}` : 'input select'} {...rest} />;
}
