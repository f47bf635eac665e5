/**
 * The synthetic /dev: character devices, the attached block devices, and udev's
 * /dev/disk/by-id (NVMe serial `vol…`), /dev/disk/by-uuid and /dev/disk/by-label symlinks —
 * what a rescue script uses to find the right disk without guessing nvme indexes.
 */
import type { BlockDevice } from './block-devices.js';
import { nvmeSerial } from './block-devices.js';
import type { Location, OwnedStat } from './vfs-types.js';

/** Character devices every Linux has; reads/writes are handled specially. */
export const CHAR_DEVICES = ['null', 'zero', 'urandom', 'random', 'stdin', 'stdout', 'stderr', 'tty'];

/** udev's escaping of a label ('/' → '\x2f'). */
function udevEscape(label: string): string {
  return label.replace(
    /[^A-Za-z0-9#+\-.:=@_]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/** /dev/disk/... link path → relative target ('../../nvme1n1p1'). */
export function deviceLinks(disks: readonly BlockDevice[]): Map<string, string> {
  const links = new Map<string, string>();
  for (const d of disks) {
    const disk = d.device.slice(5);
    const part = d.partition?.slice(5);
    if (disk.startsWith('nvme') && d.volumeId) {
      const id = `/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_${nvmeSerial(d.volumeId)}`;
      links.set(id, `../../${disk}`);
      if (part) links.set(`${id}-part1`, `../../${part}`);
    }
    const fsNode = part ?? disk;
    if (d.filesystem) {
      links.set(`/dev/disk/by-uuid/${d.filesystem.uuid}`, `../../${fsNode}`);
      if (d.filesystem.label)
        links.set(`/dev/disk/by-label/${udevEscape(d.filesystem.label)}`, `../../${fsNode}`);
    }
  }
  return links;
}

/** Looks a /dev path up. */
export function devLookup(
  path: string,
  blockNames: readonly string[],
  links: ReadonlyMap<string, string>,
): Location & { kind: 'dev' } {
  const base = {
    kind: 'dev' as const,
    path,
    block: false,
    dir: false,
    link: undefined as string | undefined,
  };
  if (path === '/dev') return { ...base, name: undefined, exists: true, dir: true };
  const name = path.slice(5);
  const link = links.get(path);
  if (link !== undefined) return { ...base, name, exists: true, link };
  if ([...links.keys()].some((k) => k.startsWith(`${path}/`)))
    return { ...base, name, exists: true, dir: true };
  const block = blockNames.includes(name);
  return { ...base, name, block, exists: block || CHAR_DEVICES.includes(name) };
}

/** Names in a /dev directory with their types. */
export function devChildren(path: string, blockNames: readonly string[], links: ReadonlyMap<string, string>) {
  const names = new Map<string, 'dir' | 'link' | 'dev'>();
  if (path === '/dev') for (const n of [...CHAR_DEVICES, ...blockNames]) names.set(n, 'dev');
  for (const key of links.keys()) {
    if (!key.startsWith(`${path}/`)) continue;
    const [first, ...more] = key.slice(path.length + 1).split('/');
    if (first) names.set(first, more.length > 0 ? 'dir' : 'link');
  }
  return [...names.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, kind]) => ({
      name,
      isFile: false,
      isDirectory: kind === 'dir',
      isSymbolicLink: kind === 'link',
    }));
}

/** stat of a /dev node (root-owned; block devices 0660 root:disk). */
export function devStat(loc: Location & { kind: 'dev' }): OwnedStat {
  return {
    isFile: false,
    isDirectory: loc.dir,
    isSymbolicLink: loc.link !== undefined,
    isBlockDevice: loc.block,
    mode: loc.dir ? 0o755 : loc.link !== undefined ? 0o777 : loc.block ? 0o660 : 0o666,
    size: 0,
    mtime: new Date(0),
    uid: 0,
    gid: loc.block ? 6 : 0,
    path: loc.path,
  };
}
