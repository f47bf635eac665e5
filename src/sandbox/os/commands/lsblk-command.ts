/**
 * `lsblk` and `blkid` over the instance's block devices, in util-linux's output formats
 * (tree, -l, -r, -n, -p, -d, -f, -o COLS, -J; blkid -o value|export -s TAG, -U, -L).
 */
import type { Command } from 'just-bash';
import { defineCommand } from 'just-bash';
import type { BlockDevice } from '../block-devices.js';
import { nvmeSerial } from '../block-devices.js';
import type { SandboxFilesystem } from '../sandbox-filesystem.js';
import type { ShellSession } from './session.js';
import { fail, ok, parseShortOptions } from './session.js';

interface Node {
  path: string;
  type: 'disk' | 'part';
  disk: BlockDevice;
  fs: SandboxFilesystem | undefined;
  children: Node[];
}

function majMin(path: string, index: number, part: boolean): string {
  if (path.includes('nvme')) return `259:${index * 2 + (part ? 1 : 0)}`;
  const letter = /xvd([a-z])/.exec(path)?.[1] ?? 'a';
  return `202:${(letter.charCodeAt(0) - 97) * 16 + (part ? 1 : 0)}`;
}

/** Deterministic GPT partition UUID derived from the filesystem UUID. */
function partUuid(fs: SandboxFilesystem | undefined): string {
  const hex = (fs?.uuid ?? '')
    .replace(/[^0-9a-f]/gi, '')
    .toLowerCase()
    .padEnd(32, '0')
    .split('')
    .reverse()
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function nodes(s: ShellSession): Node[] {
  return s.os.blockDevices().map((disk) => {
    const part: Node[] = disk.partition
      ? [{ path: disk.partition, type: 'part', disk, fs: disk.filesystem, children: [] }]
      : [];
    return {
      path: disk.device,
      type: 'disk',
      disk,
      fs: disk.partition ? undefined : disk.filesystem,
      children: part,
    };
  });
}

const columnsAll = [
  'NAME',
  'KNAME',
  'PATH',
  'MAJ:MIN',
  'RM',
  'SIZE',
  'RO',
  'TYPE',
  'MOUNTPOINT',
  'MOUNTPOINTS',
  'FSTYPE',
  'FSVER',
  'LABEL',
  'UUID',
  'PARTUUID',
  'PTTYPE',
  'SERIAL',
  'MODEL',
  'FSAVAIL',
  'FSUSE%',
  'PKNAME',
];
const rightAligned = new Set(['RM', 'SIZE', 'RO', 'FSAVAIL', 'FSUSE%']);

function value(
  s: ShellSession,
  n: Node,
  col: string,
  idx: number,
  fullPaths: boolean,
  parent: Node | undefined,
): string {
  const mounts = s.os
    .mounts()
    .filter((m) => m.source === n.path)
    .map((m) => m.mountPoint);
  switch (col) {
    case 'NAME':
    case 'KNAME':
      return fullPaths ? n.path : n.path.slice(5);
    case 'PATH':
      return n.path;
    case 'PKNAME':
      return parent ? (fullPaths ? parent.path : parent.path.slice(5)) : '';
    case 'MAJ:MIN':
      return majMin(n.path, idx, n.type === 'part');
    case 'RM':
    case 'RO':
      return '0';
    case 'SIZE':
      return `${n.disk.sizeGiB ?? 8}G`;
    case 'TYPE':
      return n.type;
    case 'MOUNTPOINT':
      return mounts[0] ?? '';
    case 'MOUNTPOINTS':
      return mounts.join('\n');
    case 'FSTYPE':
      return n.fs?.fsType ?? '';
    case 'FSVER':
      return n.fs ? ({ xfs: '', ext4: '1.0', ntfs: '' } as const)[n.fs.fsType] : '';
    case 'LABEL':
      return n.fs?.label ?? '';
    case 'UUID':
      return n.fs?.uuid ?? '';
    case 'PARTUUID':
      return n.type === 'part' ? partUuid(n.fs) : '';
    case 'PTTYPE':
      return n.disk.partition ? 'gpt' : '';
    case 'SERIAL':
      return n.type === 'disk' && n.path.includes('nvme') ? nvmeSerial(n.disk.volumeId) : '';
    case 'MODEL':
      return n.type === 'disk' && n.path.includes('nvme') ? 'Amazon Elastic Block Store' : '';
    case 'FSAVAIL':
      return mounts.length > 0 ? `${Math.max(1, (n.disk.sizeGiB ?? 8) - 2)}G` : '';
    case 'FSUSE%':
      return mounts.length > 0 ? '21%' : '';
    default:
      return '';
  }
}

function lsblk(s: ShellSession, args: string[]) {
  const { flags, rest } = parseShortOptions(args, ['-o', '--output']);
  let cols = ['NAME', 'MAJ:MIN', 'RM', 'SIZE', 'RO', 'TYPE', 'MOUNTPOINTS'];
  if (flags.has('-f') || flags.has('--fs'))
    cols = ['NAME', 'FSTYPE', 'FSVER', 'LABEL', 'UUID', 'FSAVAIL', 'FSUSE%', 'MOUNTPOINTS'];
  const out = (flags.get('-o') ?? flags.get('--output')) as string | undefined;
  if (out !== undefined) {
    const list = out
      .replace(/^\+/, '')
      .split(',')
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean);
    const unknown = list.find((c) => !columnsAll.includes(c));
    if (unknown) return fail(`lsblk: unknown column: ${unknown}`);
    cols = out.startsWith('+') ? [...cols, ...list] : list;
  }
  const fullPaths = flags.has('-p') || flags.has('--paths');
  const listMode = flags.has('-l') || flags.has('--list') || flags.has('-r') || flags.has('--raw');
  const raw = flags.has('-r') || flags.has('--raw');
  const noDeps = flags.has('-d') || flags.has('--nodeps');
  let roots = nodes(s);
  if (rest.length > 0) {
    const wanted: Node[] = [];
    for (const r of rest) {
      const hit = roots.flatMap((n) => [n, ...n.children]).find((n) => n.path === r);
      if (!hit) return fail(`lsblk: ${r}: not a block device`, 32);
      wanted.push(hit);
    }
    roots = wanted;
  }
  const rows: Array<{ node: Node; parent: Node | undefined; prefix: string; idx: number }> = [];
  roots.forEach((n, idx) => {
    rows.push({ node: n, parent: undefined, prefix: '', idx });
    if (noDeps) return;
    n.children.forEach((c, ci) =>
      rows.push({
        node: c,
        parent: n,
        prefix: listMode ? '' : ci === n.children.length - 1 ? '└─' : '├─',
        idx,
      }),
    );
  });
  if (flags.has('-J') || flags.has('--json')) {
    const toJson = (n: Node, idx: number, parent?: Node): Record<string, unknown> => {
      const obj: Record<string, unknown> = {};
      for (const c of cols) {
        const v = value(s, n, c, idx, fullPaths, parent);
        const key = c.toLowerCase();
        if (c === 'MOUNTPOINTS') obj[key] = v === '' ? [null] : v.split('\n');
        else if (c === 'RM' || c === 'RO') obj[key] = false;
        else obj[key] = v === '' ? null : v;
      }
      if (!noDeps && n.children.length > 0) obj.children = n.children.map((c) => toJson(c, idx, n));
      return obj;
    };
    const list =
      rest.length > 0
        ? rows.filter((r) => !r.parent).map((r) => toJson(r.node, r.idx))
        : roots.map((n, i) => toJson(n, i));
    return ok(JSON.stringify({ blockdevices: list }, null, 3) + '\n');
  }
  const table = rows.map((r) =>
    cols.map(
      (c, ci) => (ci === 0 ? r.prefix : '') + value(s, r.node, c, r.idx, fullPaths, r.parent).split('\n')[0],
    ),
  );
  const header = flags.has('-n') || flags.has('--noheadings') ? [] : [cols];
  const all = [...header, ...table];
  if (raw) return ok(all.map((row) => row.map((v) => v.replace(/ /g, '\\x20')).join(' ')).join('\n') + '\n');
  const widths = cols.map((_, ci) => Math.max(...all.map((row) => [...(row[ci] ?? '')].length)));
  const lines = all.map((row) =>
    row
      .map((v, ci) => {
        const w = widths[ci] ?? 0;
        const pad = ' '.repeat(Math.max(0, w - [...v].length));
        return rightAligned.has(cols[ci] ?? '') ? pad + v : ci === cols.length - 1 ? v : v + pad;
      })
      .join(' ')
      .trimEnd(),
  );
  return ok(lines.join('\n') + '\n');
}

function blkid(s: ShellSession, args: string[]) {
  const { flags, rest } = parseShortOptions(args, ['-o', '-s', '-U', '-L']);
  const fsNodes = nodes(s)
    .flatMap((n) => [n, ...n.children])
    .filter((n) => n.fs);
  const byUuid = flags.get('-U');
  const byLabel = flags.get('-L');
  if (typeof byUuid === 'string' || typeof byLabel === 'string') {
    const hit = fsNodes.find((n) =>
      typeof byUuid === 'string' ? n.fs?.uuid === byUuid : n.fs?.label === byLabel,
    );
    return hit ? ok(`${hit.path}\n`) : fail('', 2);
  }
  const selected = rest.length > 0 ? fsNodes.filter((n) => rest.includes(n.path)) : fsNodes;
  if (selected.length === 0) return fail('', 2);
  const tag = flags.get('-s');
  const format = flags.get('-o') ?? 'full';
  let stdout = '';
  for (const n of selected) {
    const fs = n.fs as SandboxFilesystem;
    const tags: Array<[string, string]> = [];
    if (fs.label) tags.push(['LABEL', fs.label]);
    tags.push(['UUID', fs.uuid], ['BLOCK_SIZE', fs.fsType === 'xfs' ? '512' : '4096'], ['TYPE', fs.fsType]);
    if (n.type === 'part') tags.push(['PARTUUID', partUuid(fs)]);
    const shown = typeof tag === 'string' ? tags.filter(([k]) => k === tag) : tags;
    if (format === 'value') stdout += shown.map(([, v]) => `${v}\n`).join('');
    else if (format === 'export')
      stdout += `DEVNAME=${n.path}\n${shown.map(([k, v]) => `${k}=${v}\n`).join('')}\n`;
    else stdout += `${n.path}: ${shown.map(([k, v]) => `${k}="${v}"`).join(' ')}\n`;
  }
  return ok(stdout);
}

/** lsblk and blkid for one session. */
export function lsblkCommands(s: ShellSession): Command[] {
  return [
    defineCommand('lsblk', async (args) => lsblk(s, args)),
    defineCommand('blkid', async (args) => blkid(s, args)),
  ];
}
