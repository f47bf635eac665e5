import { randomBytes, randomUUID } from 'node:crypto';

/** An AWS-looking resource id: `prefix-` plus 17 hex digits (8 for the older short forms). */
export function newResourceId(prefix: string, hexDigits = 17): string {
  return `${prefix}-${randomBytes(9).toString('hex').slice(0, hexDigits)}`;
}

/** A request id as AWS returns them (a UUID). */
export function newRequestId(): string {
  return randomUUID();
}
