/**
 * mount, umount, findmnt and dmesg with Linux's rules and util-linux's messages: root only, the
 * mount point must be a directory, a partitioned whole disk has no filesystem, a second XFS
 * filesystem with an already-mounted UUID is refused unless `-o nouuid`, and a mount that is the
 * shell's cwd (or has mounts below it) is busy.
 */
import type { Command } from 'just-bash';
import { defineCommand } from 'just-bash';
import { matchDevice } from '../block-devices.js';
import { strerror } from '../fs-errors.js';
import { normalizePath } from '../vfs-resolver.js';
import type { ShellSession } from './session.js';
import { absolute, fail, ok, parseShortOptions } from './session.js';

const wrongFs = (target: string, source: string) =>
  `mount: ${target}: wrong fs type, bad option, bad superblock on ${source}, missing codepage or helper program, or other error.\n       dmesg(1) may have more information after failed mount system call.`;

const fsTypeAliases: Record<string, string[]> = {
  xfs: ['xfs'],
  ext4: ['ext4'],
  ntfs: ['ntfs', 'ntfs3', 'ntfs-3g'],
};

function listMounts(s: ShellSession): string {
  return s.os
    .mounts()
    .map((m) => `${m.source} on ${m.mountPoint} type ${m.fs.fsType} (${m.options.join(',')})\n`)
    .join('');
}

async function mount(s: ShellSession, args: string[], cwd: string) {
  const { flags, rest } = parseShortOptions(args, ['-o', '-t', '--options', '--types']);
  if (rest.length === 0) return ok(listMounts(s));
  if (rest.length === 1) return fail(`mount: ${rest[0]}: can't find in /etc/fstab.`);
  const [sourceArg, targetArg] = rest as [string, string];
  const target = normalizePath(absolute(cwd, targetArg));
  if (s.user.uid !== 0) return fail(`mount: ${target}: must be superuser to use mount.`, 32);
  const options = [flags.get('-o'), flags.get('--options')]
    .filter((o): o is string => typeof o === 'string')
    .flatMap((o) => o.split(','));
  if (flags.has('-r') || flags.has('--read-only')) options.push('ro');
  const readOnly = options.includes('ro');
  let source = sourceArg;
  if (source.startsWith('/dev/')) {
    try {
      source = await s.vfs.realpath(source);
    } catch {
      return fail(`mount: ${target}: special device ${sourceArg} does not exist.`, 32);
    }
  }
  const match = matchDevice(s.os.blockDevices(), source);
  if (!match) return fail(`mount: ${target}: special device ${sourceArg} does not exist.`, 32);
  const node = match.isPartition ? (match.disk.partition as string) : match.disk.device;
  try {
    if (!s.vfs.statOwned(target, true).isDirectory)
      return fail(`mount: ${target}: mount point is not a directory.`, 32);
  } catch {
    return fail(`mount: ${target}: mount point does not exist.`, 32);
  }
  const fs = match.filesystem;
  const requestedType = (flags.get('-t') ?? flags.get('--types')) as string | undefined;
  if (
    !fs ||
    (requestedType !== undefined &&
      requestedType !== 'auto' &&
      !fsTypeAliases[fs.fsType]?.includes(requestedType))
  ) {
    if (!fs && match.disk.partition)
      s.os.logKernel(`${node.slice(5)}: can't mount a partitioned disk; use ${match.disk.partition}`);
    return fail(wrongFs(target, node), 32);
  }
  const already = s.os.mounts().find((m) => m.fs === fs);
  if (already) return fail(`mount: ${target}: ${node} already mounted on ${already.mountPoint}.`, 32);
  if (fs.fsType === 'xfs' && !options.includes('nouuid')) {
    const twin = s.os.mounts().find((m) => m.fs.fsType === 'xfs' && m.fs.uuid === fs.uuid);
    if (twin) {
      s.os.logKernel(`XFS (${node.slice(5)}): Filesystem has duplicate UUID ${fs.uuid} - can't mount`);
      return fail(wrongFs(target, node), 32);
    }
  }
  const shown = [
    readOnly ? 'ro' : 'rw',
    'relatime',
    ...options.filter((o) => o !== 'ro' && o !== 'rw' && o !== 'defaults'),
  ];
  s.os.addMount({ mountPoint: target, source: node, fs, readOnly, options: shown });
  if (fs.fsType === 'xfs') s.os.logKernel(`XFS (${node.slice(5)}): Mounting V5 Filesystem ${fs.uuid}`);
  else
    s.os.logKernel(
      `EXT4-fs (${node.slice(5)}): mounted filesystem ${fs.uuid} ${readOnly ? 'ro' : 'r/w'} with ordered data mode.`,
    );
  return ok();
}

async function umount(s: ShellSession, args: string[], cwd: string) {
  const { flags, rest } = parseShortOptions(args);
  if (rest.length === 0) return fail("umount: bad usage\nTry 'umount --help' for more information.", 1);
  let stderr = '';
  for (const arg of rest) {
    const path = normalizePath(absolute(cwd, arg));
    if (s.user.uid !== 0) {
      stderr += `umount: ${path}: must be superuser to unmount.\n`;
      continue;
    }
    let mountPoint = s.os
      .mounts()
      .filter((m) => m.source === path)
      .pop()?.mountPoint;
    if (mountPoint === undefined) {
      let real = path;
      try {
        real = await s.vfs.realpath(path);
      } catch (err) {
        stderr += `umount: ${path}: ${strerror(err).toLowerCase().startsWith('no such') ? 'no mount point specified' : strerror(err)}.\n`;
        continue;
      }
      mountPoint = s.os.mounts().some((m) => m.mountPoint === real) ? real : undefined;
    }
    if (mountPoint === undefined) {
      stderr += `umount: ${path}: not mounted.\n`;
      continue;
    }
    const lazy = flags.has('-l') || flags.has('--lazy');
    const nested = s.os.mounts().some((m) => m.mountPoint.startsWith(mountPoint + '/'));
    const cwdInside = cwd === mountPoint || cwd.startsWith(mountPoint + '/');
    if (mountPoint === '/' || (!lazy && (nested || cwdInside))) {
      stderr += `umount: ${mountPoint}: target is busy.\n`;
      continue;
    }
    s.os.removeMount(mountPoint);
  }
  return { stdout: '', stderr, exitCode: stderr ? 32 : 0 };
}

function findmnt(s: ShellSession, args: string[], cwd: string) {
  const { flags, rest } = parseShortOptions(args, ['-o', '--output']);
  const cols = String(flags.get('-o') ?? flags.get('--output') ?? 'TARGET,SOURCE,FSTYPE,OPTIONS')
    .toUpperCase()
    .split(',');
  let mounts = [...s.os.mounts()];
  if (rest[0] !== undefined) {
    const want = rest[0].startsWith('/dev/') ? rest[0] : normalizePath(absolute(cwd, rest[0]));
    mounts = mounts.filter((m) => m.mountPoint === want || m.source === want);
    if (mounts.length === 0) return fail('', 1);
  }
  const cell = (m: (typeof mounts)[number], c: string) =>
    ({
      TARGET: m.mountPoint,
      SOURCE: m.source,
      FSTYPE: m.fs.fsType,
      OPTIONS: m.options.join(','),
      UUID: m.fs.uuid,
      LABEL: m.fs.label,
    })[c] ?? '';
  const rows = mounts.map((m) => cols.map((c) => cell(m, c)));
  const all = flags.has('-n') || flags.has('--noheadings') ? rows : [cols, ...rows];
  const widths = cols.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return ok(
    all
      .map((r) => r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i] ?? 0))).join(' '))
      .join('\n') + '\n',
  );
}

/** mount, umount, findmnt, dmesg for one session. */
export function mountCommands(s: ShellSession): Command[] {
  return [
    defineCommand('mount', (args, ctx) => mount(s, args, ctx.cwd)),
    defineCommand('umount', (args, ctx) => umount(s, args, ctx.cwd)),
    defineCommand('findmnt', async (args, ctx) => findmnt(s, args, ctx.cwd)),
    defineCommand('dmesg', async () => {
      if (s.user.uid !== 0) return fail('dmesg: read kernel buffer failed: Operation not permitted');
      return ok(s.os.kernelLog.map((l) => `${l}\n`).join(''));
    }),
  ];
}
