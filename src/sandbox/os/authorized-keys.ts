/**
 * What sshd accepts for a login: keys from the AuthorizedKeysFile paths (read with the user's
 * own permissions, checked like StrictModes), plus — only when the image's sshd has an
 * AuthorizedKeysCommand (the ec2-instance-connect package) — the live Instance Connect keys.
 */
import type { ParsedKey } from 'ssh2';
import { utils } from 'ssh2';
import type { PasswdEntry } from './accounts.js';
import { credentialsOf } from './accounts.js';
import type { GuestOs } from './guest-os.js';
import { authorizedKeysPaths, readSshdConfig, sshdValue } from './sshd-config.js';
import { UnixVfs } from './unix-vfs.js';

/** One usable authorized key. */
export interface AuthorizedKey {
  key: ParsedKey;
  /** `command="…"` option (a forced command), if present. */
  forcedCommand: string | undefined;
  /** Where it came from: a file path or 'instance-connect'. */
  source: string;
}

/** Splits an authorized_keys line into options, key type+blob and comment. */
export function parseAuthorizedKeyLine(line: string): { options: string; keyText: string } | undefined {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  const typeRe =
    /^(ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp(?:256|384|521)|sk-[a-z0-9@.-]+)\s+([A-Za-z0-9+/=]+)/;
  const direct = typeRe.exec(trimmed);
  if (direct) return { options: '', keyText: `${direct[1]} ${direct[2]}` };
  // Options run to the first space outside double quotes.
  let i = 0;
  let quoted = false;
  for (; i < trimmed.length; i += 1) {
    const ch = trimmed[i];
    if (ch === '\\' && quoted) i += 1;
    else if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ' ' || ch === '\t')) break;
  }
  const rest = typeRe.exec(trimmed.slice(i).trim());
  return rest ? { options: trimmed.slice(0, i), keyText: `${rest[1]} ${rest[2]}` } : undefined;
}

function forcedCommandOf(options: string): string | undefined {
  const m = /(?:^|,)command="((?:[^"\\]|\\.)*)"/.exec(options);
  return m?.[1]?.replace(/\\(.)/g, '$1');
}

/** Parses the lines of an authorized_keys file into keys (bad lines are skipped, as sshd does). */
export function parseAuthorizedKeys(text: string, source: string): AuthorizedKey[] {
  const out: AuthorizedKey[] = [];
  for (const line of text.split('\n')) {
    const parsed = parseAuthorizedKeyLine(line);
    if (!parsed) continue;
    const key = utils.parseKey(parsed.keyText);
    if (key instanceof Error || Array.isArray(key)) continue;
    out.push({ key, forcedCommand: forcedCommandOf(parsed.options), source });
  }
  return out;
}

/**
 * StrictModes: the file and every directory from it up to the home directory must be owned by
 * the user or root and not writable by group or others; otherwise sshd ignores the file.
 */
function strictModesOk(vfs: UnixVfs, file: string, user: PasswdEntry): boolean {
  const ok = (path: string) => {
    const st = vfs.statOwned(path, true);
    return (st.uid === user.uid || st.uid === 0) && (st.mode & 0o022) === 0;
  };
  if (!ok(file)) return false;
  let dir = file.slice(0, file.lastIndexOf('/')) || '/';
  const home = user.home.replace(/\/$/, '') || '/';
  for (;;) {
    if (!ok(dir)) return false;
    if (dir === home || dir === '/' || !dir.startsWith(home)) return true;
    dir = dir.slice(0, dir.lastIndexOf('/')) || '/';
  }
}

/** All keys that may log in as `user` right now. */
export async function acceptedKeys(
  os: GuestOs,
  user: PasswdEntry,
  extra: (user: string) => string[],
): Promise<AuthorizedKey[]> {
  const config = readSshdConfig(os.rootFilesystem);
  if (sshdValue(config, 'pubkeyauthentication') === 'no') return [];
  if (user.uid === 0 && sshdValue(config, 'permitrootlogin') === 'no') return [];
  const vfs = new UnixVfs(os, credentialsOf(os.rootFilesystem, user));
  const strict = sshdValue(config, 'strictmodes') !== 'no';
  const keys: AuthorizedKey[] = [];
  for (const path of authorizedKeysPaths(config, user)) {
    try {
      if (strict && !strictModesOk(vfs, path, user)) continue;
      keys.push(...parseAuthorizedKeys(await vfs.readFile(path), path));
    } catch {
      // Missing or unreadable files are skipped, as sshd does.
    }
  }
  if (sshdValue(config, 'authorizedkeyscommand') !== 'none') {
    keys.push(...parseAuthorizedKeys(extra(user.name).join('\n'), 'instance-connect'));
  }
  return keys;
}
