import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { pastedTextSource } from '../../src/ipc/contracts/keys';
import { errorsNamespace } from './i18n';

/** The parts of an IpcError the UI needs; duck-typed so errors from any module copy are recognised. */
interface CodedError {
  code: string;
  message: string;
  details?: Record<string, string | number | boolean> | undefined;
}

function isCodedError(error: unknown): error is CodedError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as CodedError).code === 'string' &&
    typeof (error as CodedError).message === 'string'
  );
}

/**
 * A user-facing sentence for any thrown value. IpcError codes are looked up in the merged `errors`
 * namespace with the error's `details` interpolated (`{{path}}`); a code nobody translated shows the
 * service's own English message. Anything else becomes the generic "unexpected error" text.
 */
export function translateError(error: unknown, t: TFunction): string {
  if (isCodedError(error)) {
    const details = error.details ?? {};
    return t(error.code, {
      ns: errorsNamespace,
      // Codes contain dots (`keys.wrongPassphrase`) and are flat keys, not paths.
      keySeparator: false,
      nsSeparator: false,
      // `replace` keeps details apart from i18next's own options (a detail named `count` or `lng`).
      replace: {
        ...details,
        ...(details.path === undefined ? {} : { path: sourceName(String(details.path), t) }),
      },
      defaultValue: error.message,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return t('errors.unexpected', { ns: 'app', replace: { message } });
}

/** A key's source as the user reads it: the file path, or "pasted text" in the UI language. */
export function sourceName(source: string, t: TFunction): string {
  return source === pastedTextSource ? t('pastedText', { ns: 'common' }) : source;
}

/** `translateError` bound to the current language; re-renders when the language changes. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback((error: unknown) => translateError(error, t), [t]);
}
