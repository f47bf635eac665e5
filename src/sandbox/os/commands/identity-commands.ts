/**
 * Identity commands backed by the guest's /etc/passwd and /etc/group: whoami, id, groups,
 * getent, hostname, umask.
 */
import type { Command } from 'just-bash';
import { defineCommand } from 'just-bash';
import { findGroup, findUser, groupsOf, readGroups, readPasswd } from '../accounts.js';
import type { ShellSession } from './session.js';
import { fail, ok, parseShortOptions } from './session.js';

/** whoami, id, groups, getent, hostname, umask for one session. */
export function identityCommands(s: ShellSession): Command[] {
  const root = () => s.os.rootFilesystem;
  return [
    defineCommand('whoami', async () => ok(`${s.user.name}\n`)),
    defineCommand('id', async (args) => {
      const { flags, rest } = parseShortOptions(args);
      const target = rest[0] !== undefined ? findUser(root(), rest[0]) : s.user;
      if (!target) return fail(`id: '${rest[0]}': no such user`);
      const groups = groupsOf(root(), target);
      const primary = groups.find((g) => g.gid === target.gid);
      const names = flags.has('-n');
      if (flags.has('-u')) return ok(`${names ? target.name : target.uid}\n`);
      if (flags.has('-g')) return ok(`${names ? (primary?.name ?? target.gid) : target.gid}\n`);
      if (flags.has('-G')) return ok(`${groups.map((g) => (names ? g.name : g.gid)).join(' ')}\n`);
      const list = groups.map((g) => `${g.gid}(${g.name})`).join(',');
      return ok(
        `uid=${target.uid}(${target.name}) gid=${target.gid}(${primary?.name ?? target.gid}) groups=${list}\n`,
      );
    }),
    defineCommand('groups', async (args) => {
      const target = args[0] !== undefined ? findUser(root(), args[0]) : s.user;
      if (!target) return fail(`groups: '${args[0]}': no such user`);
      const names = groupsOf(root(), target)
        .map((g) => g.name)
        .join(' ');
      return ok(args[0] !== undefined ? `${target.name} : ${names}\n` : `${names}\n`);
    }),
    defineCommand('getent', async (args) => {
      const [db, ...keys] = args;
      if (db === 'passwd') {
        const users = keys.length === 0 ? readPasswd(root()) : keys.map((k) => findUser(root(), k));
        if (users.some((u) => !u))
          return fail(
            '',
            2,
            users
              .filter((u) => u)
              .map((u) => passwdLine(u!))
              .join(''),
          );
        return ok(users.map((u) => passwdLine(u!)).join(''));
      }
      if (db === 'group') {
        const groups = keys.length === 0 ? readGroups(root()) : keys.map((k) => findGroup(root(), k));
        const lines = groups
          .filter((g) => g)
          .map((g) => `${g!.name}:x:${g!.gid}:${g!.members.join(',')}\n`)
          .join('');
        return groups.some((g) => !g) ? fail('', 2, lines) : ok(lines);
      }
      return fail(
        `Unknown database: ${db ?? ''}\nTry \`getent --help' or \`getent --usage' for more information.`,
        1,
      );
    }),
    defineCommand('hostname', async (args) => {
      if (args.length > 0 && !args[0]?.startsWith('-'))
        return s.user.uid === 0 ? ok() : fail('hostname: you must be root to change the host name');
      const name = s.os.hostname;
      return ok(`${args.includes('-s') || args.includes('--short') ? name.split('.')[0] : name}\n`);
    }),
    defineCommand('umask', async (args) => {
      const symbolic = args[0] === '-S';
      const value = symbolic ? args[1] : args[0];
      if (value === undefined) {
        const m = s.vfs.umask;
        if (!symbolic) return ok(`${m.toString(8).padStart(4, '0')}\n`);
        const part = (shift: number) =>
          ['r', 'w', 'x'].filter((_, i) => ((~m >> shift) & (4 >> i)) !== 0).join('');
        return ok(`u=${part(6)},g=${part(3)},o=${part(0)}\n`);
      }
      if (!/^[0-7]{1,4}$/.test(value)) return fail(`bash: umask: ${value}: octal number out of range`);
      s.vfs.umask = parseInt(value, 8) & 0o777;
      return ok();
    }),
  ];
}

function passwdLine(u: {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}): string {
  return `${u.name}:x:${u.uid}:${u.gid}:${u.gecos}:${u.home}:${u.shell}\n`;
}
