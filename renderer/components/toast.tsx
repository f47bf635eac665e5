import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { CloseIcon } from './icons';
import { toneIcons, type Tone } from './tone';
import './toast.css';

export interface ToastInput {
  tone?: Tone;
  title: string;
  message?: string;
  /** Milliseconds before it goes away by itself; `0` keeps it until dismissed. Errors stay by default. */
  timeoutMs?: number;
  /** One button beside the text (e.g. "Show in folder"); the notice goes away when it is pressed. */
  action?: { label: string; run: () => void };
}

interface Toast extends Required<Omit<ToastInput, 'message' | 'action'>> {
  id: number;
  message?: string;
  action?: ToastInput['action'];
}

interface ToastState {
  toasts: Toast[];
}

const useToastStore = create<ToastState>(() => ({ toasts: [] }));
let nextId = 1;

/** Shows a short notice in the corner; callable from anywhere (components, zustand actions). */
export function notify(input: ToastInput): number {
  const tone = input.tone ?? 'info';
  const toast: Toast = {
    id: nextId++,
    tone,
    title: input.title,
    timeoutMs: input.timeoutMs ?? (tone === 'error' ? 0 : 5000),
    ...(input.message ? { message: input.message } : {}),
    ...(input.action ? { action: input.action } : {}),
  };
  // Keep the newest few: a burst of notices should not cover the window.
  useToastStore.setState((state) => ({ toasts: [...state.toasts, toast].slice(-4) }));
  return toast.id;
}

/** Removes a notice. */
export function dismiss(id: number): void {
  useToastStore.setState((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
}

function ToastItem({ toast }: { toast: Toast }) {
  const { t } = useTranslation('common');
  const Icon = toneIcons[toast.tone];
  useEffect(() => {
    if (toast.timeoutMs <= 0) return;
    const timer = setTimeout(() => dismiss(toast.id), toast.timeoutMs);
    return () => clearTimeout(timer);
  }, [toast.id, toast.timeoutMs]);
  return (
    <li className={`toast tone-${toast.tone}`}>
      <Icon size={18} className="toast-icon" />
      <div className="toast-text">
        <p className="toast-title">{toast.title}</p>
        {toast.message ? <p className="toast-message">{toast.message}</p> : null}
        {toast.action ? (
          <button
            type="button"
            className="toast-action"
            onClick={() => {
              dismiss(toast.id);
              toast.action?.run();
            }}
          >
            {toast.action.label}
          </button>
        ) : null}
      </div>
      <button
        type="button"
        className="icon-button"
        onClick={() => dismiss(toast.id)}
        aria-label={t('dismiss')}
      >
        <CloseIcon size={14} />
      </button>
    </li>
  );
}

/** The live region that shows notices; mounted once by the shell. */
export function Toaster() {
  const { t } = useTranslation('common');
  const toasts = useToastStore((state) => state.toasts);
  return (
    <section className="toaster" aria-label={t('notifications')}>
      <ol className="toast-list" aria-live="polite" aria-relevant="additions">
        {toasts.map((toast) => (
          <ToastItem key={toast.id} toast={toast} />
        ))}
      </ol>
    </section>
  );
}
