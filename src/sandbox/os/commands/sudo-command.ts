/**
 * sudo, with the policy read from the guest's /etc/sudoers and /etc/sudoers.d (as cloud images
 * ship it: the default user has `NOPASSWD:ALL`, admin groups need a password). There is never a
 * terminal, so a rule that needs a password fails the way non-interactive sudo does.
 */
import type { Command } from 'just-bash';
import { defineCommand, latin1FromBytes } from 'just-bash';
import type { PasswdEntry } from '../accounts.js';
import { findUser, groupsOf } from '../accounts.js';
import { listChildren } from '../vfs-tree.js';
import type { SandboxFilesystem } from '../sandbox-filesystem.js';
import { readFileText } from '../sandbox-filesystem.js';
import type { ShellSession } from './session.js';
import { fail } from './session.js';

/** Quotes a word for a POSIX shell. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Lines of sudoers plus included files (sudoers.d entries with '.' or '~' are skipped, as sudo does). */
function sudoersLines(root: SandboxFilesystem): string[] {
  const lines: string[] = [];
  const read = (path: string, depth: number) => {
    for (const raw of (readFileText(root, path) ?? '').split('\n')) {
      const line = raw.trim();
      const inc = /^[@#]includedir\s+(\S+)/.exec(line);
      if (inc?.[1] && depth < 4) {
        for (const [name, entry] of listChildren(root, inc[1])) {
          if (entry.type === 'file' && !name.includes('.') && !name.endsWith('~'))
            read(`${inc[1]}/${name}`, depth + 1);
        }
        continue;
      }
      if (line !== '' && !line.startsWith('#') && !line.startsWith('Defaults')) lines.push(line);
    }
  };
  read('/etc/sudoers', 0);
  return lines;
}

/** Result of looking the caller up in sudoers. */
type Policy = 'nopasswd' | 'password' | 'none';

/** Whether `user` may run commands as root, and whether a password is needed. */
export function sudoPolicy(root: SandboxFilesystem, user: PasswdEntry): Policy {
  if (user.uid === 0) return 'nopasswd';
  const groups = groupsOf(root, user).map((g) => g.name);
  let result: Policy = 'none';
  for (const line of sudoersLines(root)) {
    const m = /^(\S+)\s+\S+\s*=\s*(?:\([^)]*\))?\s*(NOPASSWD:)?\s*(.+)$/.exec(line);
    if (!m?.[1]) continue;
    const who = m[1];
    const matches =
      who === 'ALL' || who === user.name || (who.startsWith('%') && groups.includes(who.slice(1)));
    if (!matches || m[3]?.trim() !== 'ALL') continue;
    result = m[2] ? 'nopasswd' : result === 'nopasswd' ? result : 'password';
  }
  return result;
}

/**
 * `su [-|-l] [-s shell] [user] [-c command]` and `runuser -u user -- command`: root switches
 * without a password; anyone else fails authentication (no terminal, no passwords set).
 */
export function suCommands(s: ShellSession): Command[] {
  const switchTo = async (
    name: string,
    command: string | undefined,
    login: boolean,
    stdin: string,
    cwd: string,
    tool: string,
  ) => {
    const target = findUser(s.os.rootFilesystem, name);
    if (!target)
      return fail(
        `${tool}: user ${name} does not exist or the user entry does not contain all the required fields`,
      );
    if (s.user.uid !== 0) return fail(`${tool}: Authentication failure`);
    const script = command ?? Buffer.from(stdin, 'latin1').toString('utf8');
    const env = { HOME: target.home, USER: target.name, LOGNAME: target.name, SHELL: target.shell };
    return s.os.runAs(target, script, { cwd: login ? target.home : cwd, env, umask: s.vfs.umask });
  };
  return [
    defineCommand('su', async (args, ctx) => {
      let login = false;
      let command: string | undefined;
      let name = 'root';
      for (let i = 0; i < args.length; i += 1) {
        const a = args[i] as string;
        if (a === '-' || a === '-l' || a === '--login') login = true;
        else if (a === '-c' || a === '--command') command = args[++i] ?? '';
        else if (a === '-s' || a === '--shell') i += 1;
        else if (!a.startsWith('-')) name = a;
      }
      return switchTo(name, command, login, latin1FromBytes(ctx.stdin), ctx.cwd, 'su');
    }),
    defineCommand('runuser', async (args, ctx) => {
      const u = args.indexOf('-u');
      const name = u >= 0 ? (args[u + 1] ?? '') : '';
      const sep = args.indexOf('--');
      const command = (sep >= 0 ? args.slice(sep + 1) : args.slice(u + 2)).map(shellQuote).join(' ');
      if (!name || command === '') return fail('runuser: no command was specified');
      return switchTo(name, command, false, '', ctx.cwd, 'runuser');
    }),
  ];
}

/** The `sudo` command for one session. */
export function sudoCommand(s: ShellSession): Command {
  return defineCommand('sudo', async (args, ctx) => {
    let target: PasswdEntry | undefined = findUser(s.os.rootFilesystem, 0);
    let loginShell = false;
    let shell = false;
    let preserveEnv = false;
    let list = false;
    let i = 0;
    for (; i < args.length; i += 1) {
      const a = args[i] as string;
      if (a === '--') {
        i += 1;
        break;
      }
      if (!a.startsWith('-')) break;
      if (a === '-u' || a === '--user') {
        const name = args[++i] ?? '';
        target = findUser(s.os.rootFilesystem, name.startsWith('#') ? name.slice(1) : name);
        if (!target) return fail(`sudo: unknown user ${name}`);
      } else if (a === '-i' || a === '--login') loginShell = true;
      else if (a === '-s' || a === '--shell') shell = true;
      else if (a === '-E' || a.startsWith('--preserve-env')) preserveEnv = true;
      else if (a === '-l' || a === '--list') list = true;
      else if (!['-n', '--non-interactive', '-H', '--set-home', '-k', '-S', '-v'].includes(a)) {
        return fail(`sudo: invalid option -- '${a.replace(/^-+/, '')}'\nusage: sudo [-u user] command`);
      }
    }
    if (!target) return fail('sudo: unknown user root');
    const policy = sudoPolicy(s.os.rootFilesystem, s.user);
    if (policy !== 'nopasswd') {
      return fail(
        'sudo: a terminal is required to read the password; either use the -S option to read from standard input or configure an askpass helper\nsudo: a password is required',
      );
    }
    if (list)
      return {
        stdout: `User ${s.user.name} may run the following commands on ${s.os.hostname}:\n    (ALL) NOPASSWD: ALL\n`,
        stderr: '',
        exitCode: 0,
      };
    const command = args.slice(i);
    if (command.length === 0 && !loginShell && !shell) return fail('usage: sudo [-u user] command');
    const script = command.length === 0 ? latin1FromBytes(ctx.stdin) : command.map(shellQuote).join(' ');
    const env: Record<string, string> = preserveEnv ? Object.fromEntries(ctx.env) : {};
    Object.assign(env, {
      HOME: target.home,
      USER: target.name,
      LOGNAME: target.name,
      SHELL: target.shell,
      SUDO_USER: s.user.name,
      SUDO_UID: String(s.user.uid),
      SUDO_GID: String(s.user.gid),
      SUDO_COMMAND: command.join(' '),
    });
    if (!preserveEnv) env.PATH = '/sbin:/bin:/usr/sbin:/usr/bin';
    const result = await s.os.runAs(target, script, {
      stdin: command.length === 0 ? '' : Buffer.from(latin1FromBytes(ctx.stdin), 'latin1'),
      cwd: loginShell ? target.home : ctx.cwd,
      env,
      umask: s.vfs.umask | 0o022,
    });
    return result;
  });
}
