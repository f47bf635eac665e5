/**
 * File commands that need real ownership: chown, chgrp, stat, install, mktemp.
 */
import { randomBytes } from 'node:crypto';
import type { Command } from 'just-bash';
import { defineCommand } from 'just-bash';
import { findGroup, findUser } from '../accounts.js';
import { strerror } from '../fs-errors.js';
import { lookup } from '../vfs-resolver.js';
import { formatStat, unescapePrintf } from './file-format.js';
import type { ShellSession } from './session.js';
import { absolute, fail, ok, parseShortOptions } from './session.js';

/** Parses 'user', 'user:group', 'user:', ':group', 'user.group' into ids. */
function parseOwner(s: ShellSession, spec: string, cmd: string): { uid?: number; gid?: number } | string {
  const sep = spec.includes(':')
    ? ':'
    : spec.includes('.') && !findUser(s.os.rootFilesystem, spec)
      ? '.'
      : undefined;
  const [userPart, groupPart] = sep
    ? [spec.slice(0, spec.indexOf(sep)), spec.slice(spec.indexOf(sep) + 1)]
    : [spec, undefined];
  const out: { uid?: number; gid?: number } = {};
  if (userPart !== '') {
    const u = findUser(s.os.rootFilesystem, userPart);
    if (!u) return `${cmd}: invalid user: '${spec}'`;
    out.uid = u.uid;
    if (sep && groupPart === '') out.gid = u.gid;
  }
  if (groupPart) {
    const g = findGroup(s.os.rootFilesystem, groupPart);
    if (!g) return `${cmd}: invalid group: '${spec}'`;
    out.gid = g.gid;
  }
  return out;
}

async function walk(
  s: ShellSession,
  path: string,
  visit: (p: string, top: boolean) => void,
  recursive: boolean,
  top = true,
): Promise<void> {
  visit(path, top);
  if (!recursive) return;
  const st = s.vfs.statOwned(path, false);
  if (!st.isDirectory) return;
  for (const name of await s.vfs.readdir(path))
    await walk(s, path === '/' ? `/${name}` : `${path}/${name}`, visit, recursive, false);
}

async function changeOwner(s: ShellSession, cmd: 'chown' | 'chgrp', args: string[], cwd: string) {
  const { flags, rest } = parseShortOptions(args, ['--reference']);
  const spec = rest.shift();
  if (spec === undefined || rest.length === 0)
    return fail(`${cmd}: missing operand\nTry '${cmd} --help' for more information.`);
  const owner = parseOwner(s, cmd === 'chgrp' ? `:${spec}` : spec, cmd);
  if (typeof owner === 'string') return fail(owner);
  const recursive = flags.has('-R') || flags.has('--recursive');
  const noDeref = flags.has('-h') || flags.has('--no-dereference');
  const verbose = flags.has('-v');
  let stderr = '';
  let stdout = '';
  for (const operand of rest) {
    const path = absolute(cwd, operand);
    try {
      await walk(
        s,
        path,
        (p, top) => {
          try {
            s.vfs.chown(p, owner.uid, owner.gid, top && !noDeref);
            if (verbose) stdout += `changed ownership of '${p}' to ${spec}\n`;
          } catch (err) {
            stderr += `${cmd}: changing ${cmd === 'chgrp' ? 'group' : 'ownership'} of '${top ? operand : p}': ${strerror(err)}\n`;
          }
        },
        recursive,
      );
    } catch (err) {
      stderr += `${cmd}: cannot access '${operand}': ${strerror(err)}\n`;
    }
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

function parseMode(text: string): number | undefined {
  return /^[0-7]{1,4}$/.test(text) ? parseInt(text, 8) : undefined;
}

/** chown, chgrp, stat, install, mktemp. */
export function fileCommands(s: ShellSession): Command[] {
  return [
    defineCommand('chown', (args, ctx) => changeOwner(s, 'chown', args, ctx.cwd)),
    defineCommand('chgrp', (args, ctx) => changeOwner(s, 'chgrp', args, ctx.cwd)),
    defineCommand('stat', async (args, ctx) => {
      const { flags, rest } = parseShortOptions(args, ['-c', '--format', '--printf']);
      if (rest.length === 0) return fail("stat: missing operand\nTry 'stat --help' for more information.");
      const printf = flags.get('--printf');
      const format =
        typeof printf === 'string'
          ? unescapePrintf(printf)
          : ((flags.get('-c') ?? flags.get('--format')) as string | undefined);
      const follow = flags.has('-L') || flags.has('--dereference');
      const fsMode = flags.has('-f') || flags.has('--file-system');
      let stdout = '';
      let stderr = '';
      for (const operand of rest) {
        const path = absolute(ctx.cwd, operand);
        try {
          const st = s.vfs.statOwned(path, follow || fsMode);
          const loc = lookup(s.os, st.path);
          const fsType =
            loc.kind === 'fs'
              ? ({ xfs: 'xfs', ext4: 'ext2/ext3', ntfs: 'fuseblk' } as const)[loc.mount.fs.fsType]
              : 'tmpfs';
          const fmt =
            format ?? (fsMode ? '  File: "%n"\n    ID: 0 Namelen: 255     Type: %T' : defaultFormat);
          stdout +=
            formatStat(fmt, st, operand, s.os.rootFilesystem, fsType) +
            (typeof printf === 'string' ? '' : '\n');
        } catch (err) {
          stderr += `stat: cannot ${fsMode ? 'read file system information for' : 'statx'} '${operand}': ${strerror(err)}\n`;
        }
      }
      return { stdout, stderr, exitCode: stderr ? 1 : 0 };
    }),
    defineCommand('install', async (args, ctx) => {
      const { flags, rest } = parseShortOptions(args, ['-m', '-o', '-g', '--mode', '--owner', '--group']);
      const modeText = (flags.get('-m') ?? flags.get('--mode')) as string | undefined;
      const mode = modeText === undefined ? 0o755 : parseMode(modeText);
      if (mode === undefined) return fail(`install: invalid mode '${modeText}'`);
      const ownerSpec = (flags.get('-o') ?? flags.get('--owner')) as string | undefined;
      const groupSpec = (flags.get('-g') ?? flags.get('--group')) as string | undefined;
      const owner = parseOwner(
        s,
        `${ownerSpec ?? ''}${groupSpec !== undefined ? `:${groupSpec}` : ''}`,
        'install',
      );
      if (typeof owner === 'string') return fail(owner);
      const apply = (p: string) => {
        s.vfs.chown(p, owner.uid, owner.gid, true);
        return s.vfs.chmod(p, mode);
      };
      try {
        if (flags.has('-d') || flags.has('--directory')) {
          for (const d of rest) {
            const p = absolute(ctx.cwd, d);
            await s.vfs.mkdir(p, { recursive: true });
            await apply(p);
          }
          return ok();
        }
        const [src, dest] = rest;
        if (src === undefined || dest === undefined)
          return fail(`install: missing destination file operand after '${src ?? ''}'`);
        let target = absolute(ctx.cwd, dest);
        if ((await s.vfs.exists(target)) && s.vfs.statOwned(target, true).isDirectory)
          target = `${target}/${src.split('/').pop()}`;
        if (flags.has('-D'))
          await s.vfs.mkdir(target.slice(0, target.lastIndexOf('/')) || '/', { recursive: true });
        const data = await s.vfs.readFileBuffer(absolute(ctx.cwd, src));
        if (await s.vfs.exists(target)) await s.vfs.rm(target);
        await s.vfs.writeFile(target, data);
        await apply(target);
        return ok();
      } catch (err) {
        return fail(`install: ${strerror(err)}`);
      }
    }),
    defineCommand('mktemp', async (args, ctx) => {
      const { flags, rest } = parseShortOptions(args, ['-p', '--tmpdir']);
      const dirFlag = flags.get('-p') ?? flags.get('--tmpdir');
      const template = rest[0] ?? 'tmp.XXXXXXXXXX';
      const base =
        typeof dirFlag === 'string'
          ? dirFlag
          : template.includes('/')
            ? ''
            : (ctx.env.get('TMPDIR') ?? '/tmp');
      const name = template.replace(/X{3,}$/, (xs) =>
        randomBytes(xs.length).toString('base64url').slice(0, xs.length),
      );
      const path = absolute(ctx.cwd, base ? `${base}/${name}` : name);
      try {
        if (flags.has('-d') || flags.has('--directory')) {
          await s.vfs.mkdir(path);
          await s.vfs.chmod(path, 0o700);
        } else {
          await s.vfs.writeFile(path, '');
          await s.vfs.chmod(path, 0o600);
        }
        return ok(`${path}\n`);
      } catch (err) {
        return fail(
          `mktemp: failed to create ${flags.has('-d') ? 'directory' : 'file'} via template '${path}': ${strerror(err)}`,
        );
      }
    }),
  ];
}

const defaultFormat = [
  '  File: %N',
  '  Size: %s\tBlocks: %b          IO Block: 4096   %F',
  'Device: 10301h/66305d\tInode: %i     Links: %h',
  'Access: (0%a/%A)  Uid: (%u/%U)   Gid: (%g/%G)',
  'Access: %x',
  'Modify: %y',
  'Change: %z',
  ' Birth: -',
].join('\n');
