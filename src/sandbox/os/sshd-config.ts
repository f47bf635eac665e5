/**
 * sshd_config as OpenSSH reads it: Include (globs, relative to /etc/ssh), first value wins,
 * case-insensitive keywords, defaults for unset keywords. `Match` blocks are not evaluated
 * (their contents are skipped) — documented simplification; the images ship none.
 */
import type { PasswdEntry } from './accounts.js';
import type { SandboxFilesystem } from './sandbox-filesystem.js';
import { readFileText } from './sandbox-filesystem.js';
import { listChildren } from './vfs-tree.js';

/** Keywords whose repeated lines accumulate instead of first-wins. */
const accumulating = new Set(['acceptenv', 'hostkey', 'subsystem', 'listenaddress', 'port']);

/** Defaults of OpenSSH 9.x (`sshd -T` spelling). */
const defaults: Record<string, string> = {
  port: '22',
  addressfamily: 'any',
  listenaddress: '0.0.0.0:22',
  usepam: 'no',
  logingracetime: '120',
  maxauthtries: '6',
  maxsessions: '10',
  permitrootlogin: 'without-password',
  pubkeyauthentication: 'yes',
  passwordauthentication: 'yes',
  kbdinteractiveauthentication: 'yes',
  strictmodes: 'yes',
  authorizedkeysfile: '.ssh/authorized_keys .ssh/authorized_keys2',
  authorizedkeyscommand: 'none',
  authorizedkeyscommanduser: 'none',
  pubkeyacceptedalgorithms:
    'ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256',
  x11forwarding: 'no',
  printmotd: 'yes',
};

/** Effective sshd configuration. */
export interface SshdConfig {
  /** keyword (lower case) → value as `sshd -T` prints it (accumulating keywords: one entry per line). */
  values: Map<string, string[]>;
}

function tokens(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|(\S+)/g)) out.push(m[1] ?? m[2] ?? '');
  return out;
}

function globFiles(root: SandboxFilesystem, pattern: string): string[] {
  const abs = pattern.startsWith('/') ? pattern : `/etc/ssh/${pattern}`;
  const slash = abs.lastIndexOf('/');
  const dir = abs.slice(0, slash) || '/';
  const re = new RegExp(
    '^' +
      abs
        .slice(slash + 1)
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.') +
      '$',
  );
  return listChildren(root, dir)
    .filter(([name, e]) => e.type === 'file' && re.test(name))
    .map(([name]) => `${dir}/${name}`);
}

/** Reads /etc/ssh/sshd_config (plus includes) from a root filesystem. */
export function readSshdConfig(root: SandboxFilesystem): SshdConfig {
  const values = new Map<string, string[]>();
  const readFile = (path: string, depth: number) => {
    let inMatch = false;
    for (const raw of (readFileText(root, path) ?? '').split('\n')) {
      const line = raw.replace(/#.*$/, '').trim();
      if (line === '') continue;
      const [kwRaw, ...args] = tokens(line.replace(/^(\S+)\s*=\s*/, '$1 '));
      const kw = (kwRaw ?? '').toLowerCase();
      if (kw === 'match') {
        inMatch = true;
        continue;
      }
      if (inMatch) continue;
      if (kw === 'include') {
        if (depth < 8)
          for (const pattern of args) for (const f of globFiles(root, pattern)) readFile(f, depth + 1);
        continue;
      }
      const value = args.join(' ');
      const existing = values.get(kw);
      if (accumulating.has(kw)) values.set(kw, [...(existing ?? []), value]);
      else if (!existing) values.set(kw, [value]);
    }
  };
  readFile('/etc/ssh/sshd_config', 0);
  return { values };
}

/** First value of a keyword, or its default. */
export function sshdValue(config: SshdConfig, keyword: string): string {
  const v = config.values.get(keyword.toLowerCase());
  let value = v?.[0] ?? defaults[keyword.toLowerCase()] ?? '';
  if (keyword.toLowerCase() === 'permitrootlogin' && value === 'prohibit-password')
    value = 'without-password';
  return value;
}

/** Expands AuthorizedKeysFile tokens (%h, %u, %U, %%) into absolute paths for a user. */
export function authorizedKeysPaths(config: SshdConfig, user: PasswdEntry): string[] {
  const spec = sshdValue(config, 'authorizedkeysfile');
  if (spec.toLowerCase() === 'none') return [];
  return spec
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => {
      const expanded = t.replace(/%([%hHuU])/g, (_, c: string) =>
        c === '%' ? '%' : c === 'h' ? user.home : c === 'u' ? user.name : c === 'U' ? String(user.uid) : '',
      );
      return expanded.startsWith('/') ? expanded : `${user.home.replace(/\/$/, '')}/${expanded}`;
    });
}

/** `sshd -T` output (lower-case keyword and value per line). */
export function formatSshdT(config: SshdConfig): string {
  const keys = [...new Set([...Object.keys(defaults), ...config.values.keys()])];
  const lines: string[] = [];
  for (const k of keys) {
    const set = config.values.get(k);
    if (set && accumulating.has(k)) for (const v of set) lines.push(`${k} ${v}`);
    else lines.push(`${k} ${sshdValue(config, k)}`);
  }
  return lines.join('\n') + '\n';
}
