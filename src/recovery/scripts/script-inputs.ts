import { AppError } from '../../ipc/app-error';
import { describeInput } from '../../ipc/user-input';
import { parsePublicKey, type PublicKey } from '../../keys';
import { remoteScriptErrorCodes } from './script-errors';

/** What the script needs to know about the key, all of it checked before any script exists. */
export interface AuthorizedKeyLine {
  /** `type base64 [comment]`, one line, no options: what gets appended. */
  line: string;
  sshType: string;
  /** The base64 field: the script matches lines by it, whatever their comment or options. */
  blob: string;
  publicKey: PublicKey;
}

const maxLineLength = 16 * 1024;
const maxUserLength = 32;
const maxPrefixLength = 1024;
// Controls (TAB aside), DEL, C1, bidi controls and line separators: a comment holding one would
// not print as itself (the CLI escapes them) and could hide part of the line from whoever reads it.
/* eslint-disable no-control-regex -- matching control characters is the point */
const unprintable =
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/* eslint-enable no-control-regex */

/**
 * A Linux user name as useradd accepts it (POSIX portable characters, at most 32, not only digits:
 * `getent passwd 1000` would look up a uid), so it can also sit in an awk or `sshd -C` argument.
 */
export function checkTargetUser(user: string): string {
  const valid =
    user.length <= maxUserLength &&
    /^[A-Za-z0-9_.][A-Za-z0-9_.-]*\$?$/.test(user) &&
    !/^[0-9]+$/.test(user) &&
    user !== '.' &&
    user !== '..';
  if (!valid)
    throw new AppError(
      remoteScriptErrorCodes.badUserName,
      `The target user ${describeInput(user, 40)} is not a Linux user name (letters, digits, ".", "_" and "-", at most ${maxUserLength} characters, not only digits).`,
      { user: user.slice(0, maxUserLength + 8) },
    );
  return user;
}

/**
 * The public key as one authorized_keys line, validated with the app's own key parser (type the
 * data really is, RSA 1024–16384 bits, no DSA, certificates or FIDO keys). A `.pub` file's final
 * line break is fine; a second line, an options prefix or control characters are refused.
 */
export function checkPublicKeyLine(text: string, source = 'The public key'): AuthorizedKeyLine {
  const bad = (problem: string) =>
    new AppError(remoteScriptErrorCodes.badPublicKey, `${source}: ${problem}`, { path: source });
  if (text.length > maxLineLength)
    throw bad(`it is longer than ${maxLineLength} characters; it is not one public key line.`);
  const withoutEnd = text.replace(/\r?\n$/, '');
  if (/[\r\n]/.test(withoutEnd))
    throw bad('it has more than one line; give exactly one public key line (type, key data, comment).');
  const trimmed = withoutEnd.trim();
  if (unprintable.test(trimmed)) throw bad('it contains control characters; remove them from the comment.');
  const publicKey = parsePublicKey(trimmed, source);
  const [type = '', data = ''] = trimmed.split(/[ \t]+/, 2);
  const blob = publicKey.blob.toString('base64');
  if (type !== publicKey.sshType)
    throw bad(
      `it must start with the key type (${publicKey.sshType}); authorized_keys options such as "${type.slice(0, 20)}" are not accepted here.`,
    );
  if (data !== blob) throw bad('its key data is not canonical base64.');
  const comment = trimmed
    .slice(trimmed.indexOf(data) + data.length)
    .replace(/^[ \t]+/, '')
    .replace(/\t/g, ' ');
  return { line: `${type} ${blob}${comment ? ` ${comment}` : ''}`, sshType: type, blob, publicKey };
}

/**
 * A root prefix is where another system's root file system is mounted (a rescue volume). It is
 * kept to plain characters so it can be compared and globbed in sh without surprises.
 */
export function checkRootPrefix(prefix: string): string {
  const stripped = prefix.replace(/\/+$/, '');
  const valid =
    stripped.length > 0 &&
    stripped.length <= maxPrefixLength &&
    /^\/[A-Za-z0-9._@+=,:/-]*$/.test(stripped) &&
    !stripped.split('/').some((part) => part === '.' || part === '..') &&
    !stripped.includes('//');
  if (!valid)
    throw new AppError(
      remoteScriptErrorCodes.badRootPrefix,
      `The root prefix ${describeInput(prefix)} must be an absolute folder other than "/" made of letters, digits and ._@+=,:- (no "." or ".." parts, no spaces).`,
      { path: prefix.slice(0, maxPrefixLength) },
    );
  return stripped;
}
