import { AppError } from '../../ipc/app-error';
import { remoteScriptErrorCodes } from './script-errors';

/**
 * A POSIX sh word that stands for exactly `value`: single quotes make every byte literal (no `$`,
 * backtick, backslash or glob is special inside them), and a quote in the value closes the quotes,
 * adds an escaped quote and reopens them. A NUL cannot be in a shell word at all, so it is refused.
 */
export function shellQuote(value: string, what = 'a value'): string {
  if (value.includes('\0'))
    throw new AppError(remoteScriptErrorCodes.badValue, `${capital(what)} contains a NUL character.`);
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** `NAME='value'` for the top of a script; values that must be one line refuse line breaks too. */
export function shellAssignment(name: string, value: string, what: string): string {
  if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw new Error(`not a script variable name: ${name}`);
  if (/[\n\r]/.test(value))
    throw new AppError(remoteScriptErrorCodes.badValue, `${capital(what)} must be one line.`);
  return `${name}=${shellQuote(value, what)}`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
