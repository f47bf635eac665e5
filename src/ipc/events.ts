import { z } from 'zod';

/** Main → renderer pushes. Payloads are validated before they are sent. */
export const events = {
  'settings:changed': z
    .object({ language: z.enum(['ja', 'en']).nullable(), theme: z.enum(['system', 'light', 'dark']) })
    .strict(),
  /** Generic progress for slow operations; `operationId` ties it to the request that started it. */
  progress: z
    .object({
      operationId: z.string().max(100),
      step: z.string().max(100),
      done: z.number().int().min(0),
      total: z.number().int().min(0),
      detail: z.string().max(500).optional(),
    })
    .strict(),
  /** A profile needs an MFA code; the UI answers with `accounts:mfaCode` (owner: inventory). */
  'accounts:mfaRequired': z
    .object({
      requestId: z.string().max(100),
      accountId: z.string().max(300),
      mfaSerial: z.string().max(2048),
    })
    .strict(),
  /** One region of an inventory refresh started, finished or failed (owner: inventory). */
  'inventory:progress': z
    .object({
      operationId: z.string().max(100),
      region: z.string().max(40),
      status: z.enum(['loading', 'done', 'error']),
      keyPairCount: z.number().int().min(0).optional(),
      errorCode: z.string().max(100).optional(),
      errorMessage: z.string().max(1000).optional(),
      done: z.number().int().min(0),
      total: z.number().int().min(0),
    })
    .strict(),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
