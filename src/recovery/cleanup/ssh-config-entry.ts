import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../app/clock';
import { writeFileAtomic } from '../../fs/atomic-write';
import { fsAppError } from '../../fs/fs-errors';
import { freePathBeside } from '../../fs/free-path';
import { AppError } from '../../ipc/app-error';
import { cleanupErrorCodes } from './cleanup-errors';

/** The `Host ALIAS` entry the cleanup writes, so `ssh ALIAS` logs in with the new key. */
export interface SshConfigEntry {
  alias: string;
  hostName: string;
  user: string;
  port?: number;
  /** The new private key's absolute path. */
  identityFile: string;
  /** One `#` line above the block, saying who added it and why. */
  comment?: string;
}

export interface SshConfigWriteResult {
  configPath: string;
  /** The earlier file, kept beside it; null when there was none (or nothing was changed). */
  backupPath: string | null;
  /** `alreadyPresent`: the same entry is there already (a repeat after a crash); nothing changed. */
  status: 'written' | 'alreadyPresent';
}

export interface SshConfigOptions {
  /** The user's home folder (injected: tests use a temp folder). */
  homeDir: string;
  clock: Clock;
  /** Windows paths are written with forward slashes (OpenSSH for Windows reads them). */
  platform?: NodeJS.Platform;
}

const invalid = (field: string, problem: string) =>
  new AppError(
    cleanupErrorCodes.sshConfigValueInvalid,
    `The ${field} value cannot be written into ssh_config as itself: ${problem}.`,
    { field },
  );

/**
 * How the IdentityFile path is written. ssh reads `%x` tokens and `${VAR}` in it and, depending on
 * the OpenSSH version, may or may not treat a backslash as an escape; so `%` is doubled, `${` and
 * `\` (after Windows paths became forward-slashed) are refused rather than written to mean
 * different things to different versions, and a path with a space, `#`, `'` or `=` is quoted.
 */
export function identityFileValue(path: string, platform: NodeJS.Platform = process.platform): string {
  const value = platform === 'win32' ? path.replaceAll('\\', '/') : path;
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f"\\]/.test(value))
    throw invalid('IdentityFile', 'the path contains a quote, a backslash or a control character');
  if (value.includes('${')) throw invalid('IdentityFile', 'the path contains "${", which ssh expands');
  const escaped = value.replaceAll('%', '%%');
  return /[\s#'=]/.test(escaped) ? `"${escaped}"` : escaped;
}

/** The block's lines (no line ends), values checked; `Host` first. */
export function sshConfigBlock(
  entry: SshConfigEntry,
  platform: NodeJS.Platform = process.platform,
): string[] {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(entry.alias))
    throw invalid('Host', 'an alias uses letters, digits, ".", "_" and "-" only (no patterns)');
  if (!/^[A-Za-z0-9.:_-]{1,255}$/.test(entry.hostName))
    throw invalid('HostName', 'a host is a name or an address');
  if (!/^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/.test(entry.user)) throw invalid('User', 'not a Linux user name');
  const port = entry.port ?? 22;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid('Port', 'not a port number');
  // eslint-disable-next-line no-control-regex -- one comment line, nothing that ends it
  const comment = entry.comment?.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return [
    ...(comment ? [`# ${comment}`] : []),
    `Host ${entry.alias}`,
    `    HostName ${entry.hostName}`,
    `    User ${entry.user}`,
    ...(port !== 22 ? [`    Port ${port}`] : []),
    `    IdentityFile ${identityFileValue(entry.identityFile, platform)}`,
    '    IdentitiesOnly yes',
  ];
}

/** `Host` / `Match` keyword lines start a section (`Host=x` and any case are allowed). */
const sectionLine = /^\s*(host|match)(?:\s*=\s*|\s+)(.*)$/i;

/** The patterns of a Host line's arguments, double quotes removed, up to a `#` comment. */
function hostPatterns(args: string): string[] {
  const patterns: string[] = [];
  for (const match of args.matchAll(/"([^"]*)"|(\S+)/g)) {
    const word = match[1] ?? match[2] ?? '';
    if (match[2]?.startsWith('#')) break;
    patterns.push(word);
  }
  return patterns;
}

function significant(lines: string[]): string[] {
  return lines.map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

/** Where the new block goes: before the first section (and the comment lines right above it). */
function insertionIndex(lines: string[]): number {
  const first = lines.findIndex((line) => sectionLine.test(line));
  if (first < 0) return lines.length;
  let index = first;
  while (index > 0 && lines[index - 1]!.trim().startsWith('#')) index--;
  return index;
}

/**
 * Adds a `Host ALIAS` entry to ~/.ssh/config. ssh takes the FIRST value it finds for each option,
 * so the block goes before the file's first `Host`/`Match` section (a `Host *` with `User` further
 * down would otherwise win) — lines already in the file are never changed, replaced or reordered.
 * A `Host` line already naming the alias is refused with its line number (the user's entry is
 * theirs), unless it is this very entry (a repeat). ~/.ssh is created 0700 and the file 0600 when
 * missing; an existing file keeps its mode and a backup of it is kept beside it. A symlinked
 * config is refused: an atomic write would replace the link with a plain file (breaking a dotfiles
 * setup), and writing through it would change a file elsewhere the user may not mean to.
 */
export async function addSshConfigEntry(
  entry: SshConfigEntry,
  options: SshConfigOptions,
): Promise<SshConfigWriteResult> {
  const block = sshConfigBlock(entry, options.platform);
  // OpenSSH cannot read PuTTY's format: an entry naming a PPK would fail at every login.
  const head = await fs
    .open(entry.identityFile, 'r')
    .then(async (file) => {
      try {
        const buffer = Buffer.alloc(32);
        const { bytesRead } = await file.read(buffer, 0, 32, 0);
        return buffer.subarray(0, bytesRead).toString('latin1');
      } finally {
        await file.close();
      }
    })
    .catch(() => '');
  if (head.startsWith('PuTTY-User-Key-File-'))
    throw new AppError(
      cleanupErrorCodes.sshConfigKeyIsPpk,
      `${entry.identityFile} is a PuTTY (PPK) key, which OpenSSH cannot read; save the new key in OpenSSH or PEM format for the ~/.ssh/config entry.`,
      { path: entry.identityFile },
    );
  const sshDir = join(options.homeDir, '.ssh');
  const configPath = join(sshDir, 'config');
  const dirStat = await fs.stat(sshDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw fsAppError(error, sshDir, 'read');
  });
  if (dirStat && !dirStat.isDirectory())
    throw new AppError(cleanupErrorCodes.sshConfigNotAFile, `${sshDir} is not a folder.`, { path: sshDir });
  if (!dirStat)
    await fs.mkdir(sshDir, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
      throw fsAppError(error, sshDir, 'write');
    });

  const existing = await fs.lstat(configPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw fsAppError(error, configPath, 'read');
  });
  if (!existing) {
    await writeFileAtomic(configPath, `${block.join('\n')}\n`, { mode: 0o600 });
    return { configPath, backupPath: null, status: 'written' };
  }
  if (existing.isSymbolicLink())
    throw new AppError(
      cleanupErrorCodes.sshConfigSymlink,
      `${configPath} is a symlink. KeyRescue does not write through it (that would change the file it points to) or replace it with a plain file (that would break the link); add the entry to the file it points to yourself.`,
      { path: configPath },
    );
  if (!existing.isFile())
    throw new AppError(cleanupErrorCodes.sshConfigNotAFile, `${configPath} is not a regular file.`, {
      path: configPath,
    });

  const text = await fs.readFile(configPath, 'utf8').catch((error: unknown) => {
    throw fsAppError(error, configPath, 'read');
  });
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const hostLine = block.findIndex((line) => line.startsWith('Host '));
  const ours = significant(block.slice(hostLine + 1));
  for (const [index, line] of lines.entries()) {
    const section = sectionLine.exec(line);
    if (section?.[1]?.toLowerCase() !== 'host') continue;
    const patterns = hostPatterns(section[2] ?? '');
    if (!patterns.some((pattern) => pattern.toLowerCase() === entry.alias.toLowerCase())) continue;
    const end = lines.findIndex((next, at) => at > index && sectionLine.test(next));
    const body = significant(lines.slice(index + 1, end < 0 ? undefined : end));
    if (patterns.length === 1 && body.join('\n') === ours.join('\n'))
      return { configPath, backupPath: null, status: 'alreadyPresent' };
    throw new AppError(
      cleanupErrorCodes.sshConfigHostExists,
      `${configPath} already has a Host line naming ${entry.alias} (line ${index + 1}: ${line.trim().slice(0, 200)}). KeyRescue never replaces an entry; choose another alias.`,
      { path: configPath, line: index + 1, alias: entry.alias },
    );
  }

  const at = insertionIndex(lines);
  const before = lines.slice(0, at);
  const after = lines.slice(at);
  const gap = (side: string[]) => (side.length > 0 && side.at(-1)?.trim() !== '' ? [''] : []);
  const updated = [...before, ...gap(before), ...block, ...(after.length ? [''] : []), ...after];
  const mode = existing.mode & 0o777;

  const stamp = options.clock
    .now()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const wanted = `${configPath}.keyrescue-backup-${stamp}`;
  const backupPath = (await fs.lstat(wanted).then(
    () => true,
    () => false,
  ))
    ? ((await freePathBeside(wanted)) ?? wanted)
    : wanted;
  await writeFileAtomic(backupPath, text, { mode });
  // Read again just before replacing: a change another program made meanwhile is not overwritten.
  const now = await fs.readFile(configPath, 'utf8').catch(() => undefined);
  if (now !== text)
    throw new AppError(
      cleanupErrorCodes.sshConfigChanged,
      `${configPath} changed while KeyRescue was adding the entry; nothing was written. Try again.`,
      { path: configPath },
    );
  await writeFileAtomic(configPath, `${updated.join(eol)}${eol}`, { mode, overwrite: true });
  return { configPath, backupPath, status: 'written' };
}
