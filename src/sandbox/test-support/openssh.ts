import { execFile } from 'node:child_process';

/** Result of one OpenSSH `ssh` run. */
export interface SshRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs OpenSSH's real `ssh` client against a sandbox endpoint (`127.0.0.1:PORT`) with one identity
 * and no agent, config or known_hosts, so only the given key can authenticate. Async on purpose:
 * the sandbox's SSH server runs in this same process.
 */
export function openSsh(endpoint: string, user: string, identity: string, command: string): Promise<SshRun> {
  const [host = '127.0.0.1', port = '22'] = endpoint.split(':');
  const args = [
    '-F',
    '/dev/null',
    '-i',
    identity,
    '-p',
    port,
    '-o',
    'BatchMode=yes',
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'IdentityAgent=none',
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-o',
    'LogLevel=ERROR',
    '-o',
    'ConnectTimeout=15',
    `${user}@${host}`,
    command,
  ];
  return new Promise((resolve) => {
    execFile('ssh', args, { encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 255) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
