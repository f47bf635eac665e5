import { ErrorIcon, InfoIcon, SuccessIcon, WarningIcon, type IconComponent } from './icons';

/** The four message tones shared by notices, toasts and badges. */
export type Tone = 'info' | 'success' | 'warning' | 'error';

export const toneIcons: Record<Tone, IconComponent> = {
  info: InfoIcon,
  success: SuccessIcon,
  warning: WarningIcon,
  error: ErrorIcon,
};
