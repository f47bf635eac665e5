/**
 * Users and groups, read from the instance's own /etc/passwd and /etc/group (so edits made by
 * scripts — or a volume swap — are what counts, as with NSS "files").
 */
import type { SandboxFilesystem } from './sandbox-filesystem.js';
import { readFileText } from './sandbox-filesystem.js';
import type { Credentials } from './vfs-resolver.js';

/** One /etc/passwd line. */
export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

/** One /etc/group line. */
export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

/** Parses /etc/passwd of a root filesystem (missing file → no users). */
export function readPasswd(root: SandboxFilesystem): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const line of (readFileText(root, '/etc/passwd') ?? '').split('\n')) {
    const f = line.split(':');
    if (f.length < 7 || line.startsWith('#')) continue;
    out.push({
      name: f[0] ?? '',
      uid: Number(f[2]),
      gid: Number(f[3]),
      gecos: f[4] ?? '',
      home: f[5] ?? '/',
      shell: f[6] ?? '/bin/sh',
    });
  }
  return out;
}

/** Parses /etc/group of a root filesystem. */
export function readGroups(root: SandboxFilesystem): GroupEntry[] {
  const out: GroupEntry[] = [];
  for (const line of (readFileText(root, '/etc/group') ?? '').split('\n')) {
    const f = line.split(':');
    if (f.length < 4 || line.startsWith('#')) continue;
    out.push({ name: f[0] ?? '', gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) });
  }
  return out;
}

/** Finds a user by name or numeric id. */
export function findUser(root: SandboxFilesystem, nameOrId: string | number): PasswdEntry | undefined {
  const users = readPasswd(root);
  if (typeof nameOrId === 'number' || /^\d+$/.test(nameOrId)) {
    const uid = Number(nameOrId);
    return (
      users.find((u) => u.uid === uid) ??
      (typeof nameOrId === 'string' ? users.find((u) => u.name === nameOrId) : undefined)
    );
  }
  return users.find((u) => u.name === nameOrId);
}

/** Finds a group by name or numeric id. */
export function findGroup(root: SandboxFilesystem, nameOrId: string | number): GroupEntry | undefined {
  const groups = readGroups(root);
  if (typeof nameOrId === 'number' || /^\d+$/.test(nameOrId)) {
    const gid = Number(nameOrId);
    return (
      groups.find((g) => g.gid === gid) ??
      (typeof nameOrId === 'string' ? groups.find((g) => g.name === nameOrId) : undefined)
    );
  }
  return groups.find((g) => g.name === nameOrId);
}

/** Supplementary groups of a user: its primary group plus every group listing it as member. */
export function groupsOf(root: SandboxFilesystem, user: PasswdEntry): GroupEntry[] {
  const groups = readGroups(root);
  const primary = groups.filter((g) => g.gid === user.gid);
  const extra = groups.filter((g) => g.gid !== user.gid && g.members.includes(user.name));
  return [...primary, ...extra];
}

/** Kernel credentials for a login as `user`. */
export function credentialsOf(root: SandboxFilesystem, user: PasswdEntry): Credentials {
  return { uid: user.uid, gid: user.gid, groups: groupsOf(root, user).map((g) => g.gid) };
}

/** Name for a uid ('UNKNOWN'-style fallback is the number itself, as `stat -c %U` prints). */
export function userName(root: SandboxFilesystem, uid: number): string {
  return readPasswd(root).find((u) => u.uid === uid)?.name ?? String(uid);
}

/** Name for a gid, or the number. */
export function groupName(root: SandboxFilesystem, gid: number): string {
  return readGroups(root).find((g) => g.gid === gid)?.name ?? String(gid);
}
