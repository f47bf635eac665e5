import * as z from 'zod/mini';
import { operationProgressSchema } from './contracts/operations';
import { text } from './contracts/schema-helpers';
import './zod-locale';

/** Main → renderer pushes. Payloads are validated before they are sent. */
export const events = {
  'settings:changed': z.strictObject({
    language: z.nullable(z.enum(['ja', 'en'])),
    theme: z.enum(['system', 'light', 'dark']),
  }),
  /**
   * The one progress shape of every long-running operation (src/ipc/operations): numbered per
   * operation, so a window that missed some asks `operations:replay` for what came after.
   */
  'operation:progress': operationProgressSchema,
  /** A profile needs an MFA code; the UI answers with `accounts:mfaCode` (owner: inventory). */
  'accounts:mfaRequired': z.strictObject({
    requestId: text(100),
    accountId: text(300),
    mfaSerial: text(2048),
  }),
  /**
   * The app created, imported, saved or deleted a key pair (owner: keypairs), so every view of the
   * account's key pairs (the inventory) reads them again instead of showing the old list.
   */
  'keypairs:changed': z.strictObject({
    change: z.enum(['created', 'imported', 'saved', 'deleted']),
    region: text(40),
    name: text(255),
  }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
