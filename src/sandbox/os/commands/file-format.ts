/**
 * Formatting of file metadata the way GNU coreutils prints it (`stat`, `ls -l`).
 */
import { groupName, userName } from '../accounts.js';
import type { SandboxFilesystem } from '../sandbox-filesystem.js';
import type { OwnedStat } from '../unix-vfs.js';

/** File type letter + rwx string, e.g. '-rw-------', 'drwxrwxrwt'. */
export function modeString(st: OwnedStat): string {
  const type = st.isDirectory
    ? 'd'
    : st.isSymbolicLink
      ? 'l'
      : st.isBlockDevice
        ? 'b'
        : st.isFile
          ? '-'
          : 'c';
  const m = st.mode;
  const triple = (shift: number, special: number, char: string) => {
    const r = (m >> shift) & 4 ? 'r' : '-';
    const w = (m >> shift) & 2 ? 'w' : '-';
    const xSet = ((m >> shift) & 1) !== 0;
    const x = m & special ? (xSet ? char : char.toUpperCase()) : xSet ? 'x' : '-';
    return r + w + x;
  };
  return type + triple(6, 0o4000, 's') + triple(3, 0o2000, 's') + triple(0, 0o1000, 't');
}

/** `%F` of GNU stat. */
export function fileTypeName(st: OwnedStat): string {
  if (st.isDirectory) return 'directory';
  if (st.isSymbolicLink) return 'symbolic link';
  if (st.isBlockDevice) return 'block special file';
  if (st.isFile) return st.size === 0 ? 'regular empty file' : 'regular file';
  return 'character special file';
}

/** `2024-11-21 10:00:00.000000000 +0000`, GNU stat's %y. */
export function statTime(d: Date): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(d.getUTCMilliseconds()).padStart(3, '0')}000000 +0000`;
}

/** A small stable inode number derived from the path (the JSON format has no inodes). */
export function pseudoInode(path: string): number {
  let h = 2166136261;
  for (const ch of path) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return (h % 90_000_000) + 1000;
}

/** Expands one GNU stat format string for a file. */
export function formatStat(
  format: string,
  st: OwnedStat,
  name: string,
  root: SandboxFilesystem,
  fsType: string,
): string {
  return format.replace(/%([%aAbBdfFgGhinNoswsuUxXyYzZtT])/g, (_, c: string) => {
    switch (c) {
      case '%':
        return '%';
      case 'a':
        return (st.mode & 0o7777).toString(8);
      case 'A':
        return modeString(st);
      case 'b':
        return String(Math.ceil(st.size / 512));
      case 'B':
        return '512';
      case 'd':
        return '66305';
      case 'f':
        return ((st.isDirectory ? 0o040000 : st.isSymbolicLink ? 0o120000 : 0o100000) | st.mode).toString(16);
      case 'F':
        return fileTypeName(st);
      case 'g':
        return String(st.gid);
      case 'G':
        return groupName(root, st.gid);
      case 'h':
        return st.isDirectory ? '2' : '1';
      case 'i':
        return String(pseudoInode(st.path));
      case 'n':
        return name;
      case 'N':
        return `'${name}'`;
      case 'o':
        return '4096';
      case 's':
        return String(st.size);
      case 'u':
        return String(st.uid);
      case 'U':
        return userName(root, st.uid);
      case 'x':
      case 'y':
      case 'z':
        return statTime(st.mtime);
      case 'X':
      case 'Y':
      case 'Z':
        return String(Math.floor(st.mtime.getTime() / 1000));
      case 'T':
        return fsType;
      case 't':
        return '0';
      default:
        return '';
    }
  });
}

/** Backslash escapes for `stat --printf`. */
export function unescapePrintf(format: string): string {
  return format.replace(/\\([nt\\"]|0[0-7]{0,3})/g, (_, e: string) =>
    e === 'n'
      ? '\n'
      : e === 't'
        ? '\t'
        : e === '\\'
          ? '\\'
          : e === '"'
            ? '"'
            : String.fromCharCode(parseInt(e, 8)),
  );
}
