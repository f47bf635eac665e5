import type { ErrorDetails } from './app-error';

/** What crosses every IPC boundary: never a thrown error, never a stack trace (Signal's wrapResult). */
export interface IpcErrorBody {
  code: string;
  message: string;
  details?: ErrorDetails;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: IpcErrorBody };

export const ok = <T>(value: T): Envelope<T> => ({ ok: true, value });
export const fail = (error: IpcErrorBody): Envelope<never> => ({ ok: false, error });
