import * as z from 'zod/mini';

// The building blocks every contract uses, defined once so a bound means the same everywhere.
// Everything the renderer sends is bounded: no unbounded string, array or number reaches a service.

/** A string of at most `max` characters (empty allowed). */
export const text = (max: number) => z.string().check(z.maxLength(max));

/** A non-empty string of at most `max` characters. */
export const requiredText = (max: number) => text(max).check(z.minLength(1));

/** An array of at most `max` elements. */
export const list = <T extends z.ZodMiniType>(element: T, max: number) =>
  z.array(element).check(z.maxLength(max));

/** An integer (bounded where it is used when the renderer sends it). */
export const int = () => z.number().check(z.int());

/** A file or folder path, as long as any platform allows. */
export const path = requiredText(4096);

/** An AWS region name (`us-east-1`). */
export const region = requiredText(40);

/** Passphrases travel from the renderer to main only (never back); bounded like any input. */
export const passphrase = text(1024);

/**
 * The account an AWS call works on (`practice`, `profile:NAME`, …); the active one when omitted.
 * The call resolves it once and keeps it, so switching accounts meanwhile changes nothing for it.
 */
export const accountRef = z.optional(requiredText(300));

/** The input of a channel that takes nothing. */
export const empty = () => z.strictObject({});
