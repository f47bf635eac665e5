import { translateError } from '../../lib/errors';
import { i18n } from '../../lib/i18n';

/** A region error stored in the view as code + English message, translated like an IpcError. */
export function translateErrorCode(
  code: string,
  message: string,
  details: Record<string, string> = {},
): string {
  return translateError({ code, message, details }, i18n.t);
}
