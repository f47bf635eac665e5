/**
 * System commands scripts commonly probe: sshd -T, uname, sync, SELinux helpers, cloud-init
 * status, systemctl is-active for the agents the image ships.
 */
import type { Command } from 'just-bash';
import { defineCommand } from 'just-bash';
import { readFileText } from '../sandbox-filesystem.js';
import { formatSshdT, readSshdConfig } from '../sshd-config.js';
import { lookup } from '../vfs-resolver.js';
import type { ShellSession } from './session.js';
import { fail, ok } from './session.js';

function exists(s: ShellSession, path: string): boolean {
  const loc = lookup(s.os, path);
  return loc.kind === 'fs' && loc.entry !== undefined;
}

function selinuxEnabled(s: ShellSession): boolean {
  const cfg = readFileText(s.os.rootFilesystem, '/etc/selinux/config');
  return cfg !== undefined && !/^SELINUX=disabled/m.test(cfg);
}

/** sshd, uname, sync, selinuxenabled, getenforce, restorecon, chcon, cloud-init, systemctl. */
export function systemCommands(s: ShellSession): Command[] {
  return [
    defineCommand('sshd', async (args) => {
      if (!args.includes('-T') && !args.includes('-t'))
        return fail('sshd re-exec requires execution with an absolute path');
      if (s.user.uid !== 0) {
        return fail(
          'Unable to load host key: /etc/ssh/ssh_host_ed25519_key: Permission denied\nsshd: no hostkeys available -- exiting.',
          1,
        );
      }
      return args.includes('-T') ? ok(formatSshdT(readSshdConfig(s.os.rootFilesystem))) : ok();
    }),
    defineCommand('uname', async (args) => {
      const release = readFileText(s.os.rootFilesystem, '/etc/os-release')?.includes('amzn')
        ? '6.1.115-126.197.amzn2023.x86_64'
        : '6.8.0-1018-aws';
      if (args.includes('-a'))
        return ok(`Linux ${s.os.hostname} ${release} #1 SMP x86_64 x86_64 x86_64 GNU/Linux\n`);
      if (args.includes('-r')) return ok(`${release}\n`);
      if (args.includes('-m') || args.includes('-p')) return ok('x86_64\n');
      if (args.includes('-n')) return ok(`${s.os.hostname}\n`);
      return ok('Linux\n');
    }),
    defineCommand('sync', async () => ok()),
    // logger: syslog is not modelled beyond a line in the distribution's log file.
    defineCommand('logger', async (args) => {
      const message = args
        .filter((a, i) => !a.startsWith('-') && !['-t', '-p'].includes(args[i - 1] ?? ''))
        .join(' ');
      const log = exists(s, '/etc/debian_version') ? '/var/log/syslog' : '/var/log/messages';
      try {
        if (s.user.uid === 0)
          await s.vfs.appendFile(
            log,
            `${new Date().toISOString()} ${s.os.hostname} ${s.user.name}: ${message}\n`,
          );
      } catch {
        // like logger, never fail the caller because of the log
      }
      return ok();
    }),
    defineCommand('selinuxenabled', async () =>
      exists(s, '/etc/selinux/config') && selinuxEnabled(s) ? ok() : fail('', 1),
    ),
    defineCommand('getenforce', async () => ok(selinuxEnabled(s) ? 'Permissive\n' : 'Disabled\n')),
    // Labels are not modelled; on the permissive AL2023 image a relabel changes nothing visible.
    defineCommand('restorecon', async () => ok()),
    defineCommand('chcon', async () => ok()),
    defineCommand('cloud-init', async (args) => {
      if (args[0] === 'status') return ok('status: done\n');
      if (args[0] === '--version' || args[0] === '-v') return ok('/usr/bin/cloud-init 22.2.2\n');
      return fail(`cloud-init: ${args[0] ?? ''}: not supported in the sandbox`);
    }),
    defineCommand('systemctl', async (args) => {
      const unit = args.find((a) => !a.startsWith('-') && a !== 'is-active' && a !== 'status') ?? '';
      const present = /ssm/.test(unit)
        ? exists(s, '/usr/bin/amazon-ssm-agent') || exists(s, '/snap/bin/amazon-ssm-agent')
        : /^(sshd?|ssh\.service|sshd\.service|cloud-init.*)$/.test(unit);
      if (args.includes('is-active')) return present ? ok('active\n') : fail('', 3, 'inactive\n');
      if (args.includes('status'))
        return present
          ? ok(`● ${unit} - ${unit}\n     Active: active (running)\n`)
          : fail(`Unit ${unit} could not be found.`, 4);
      return s.user.uid === 0 ? ok() : fail('Failed to connect to bus: Permission denied', 1);
    }),
  ];
}
