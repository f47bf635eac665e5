import { execFileSync } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../app/core';
import { addKeyScript, removeKeyScript } from '../../recovery/scripts/authorized-key-script';
import {
  createLinuxUser,
  startRealSshd,
  type LinuxUser,
  type RealSshd,
} from '../../recovery/scripts/test-support/real-sshd';
import { runScript, shells } from '../../recovery/scripts/test-support/run-script';
import { openSsh } from '../../sandbox/test-support/openssh';
import { runCliCaptured } from '../test-support/run-cli-captured';

/** `keyrescue authorize --print-script`: the exact generator output, and it works when run as root with sh. */
let dir: string;
let pub: string;

const cli = (...argv: string[]) =>
  runCliCaptured(argv, {
    cwd: dir,
    createCore: () => createCore({ userDataDir: join(dir, 'user-data'), runtime: 'cli' }),
  });

beforeAll(async () => {
  expect(process.getuid?.(), 'these tests run as root, as CI does (useradd, sshd)').toBe(0);
  dir = await mkdtemp(join(tmpdir(), 'keyrescue-cli-authorize-'));
  execFileSync('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-C',
    `ops's "key" $(id)`,
    '-f',
    join(dir, 'new'),
  ]);
  pub = (await readFile(join(dir, 'new.pub'), 'utf8')).trim();
  await writeFile(join(dir, 'new.rfc4716'), execFileSync('ssh-keygen', ['-e', '-f', join(dir, 'new.pub')]));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('keyrescue authorize --print-script', () => {
  it('prints exactly the generated add or remove script, from a .pub line or an RFC 4716 file', async () => {
    const add = await cli(
      'authorize',
      '--print-script',
      '--user',
      'ec2-user',
      '--public-key',
      'new.pub',
      '--root',
      '/mnt/vol',
    );
    expect(add).toEqual({
      code: 0,
      stdout: addKeyScript({ targetUser: 'ec2-user', publicKey: pub, rootPrefix: '/mnt/vol' }),
      stderr: '',
    });
    const removal = await cli(
      'authorize',
      '--print-script',
      '--remove',
      '--user',
      'ubuntu',
      '--public-key',
      'new.pub',
    );
    expect(removal.stdout).toBe(removeKeyScript({ targetUser: 'ubuntu', publicKey: pub }));
    // ssh-keygen -e writes the comment as its own header; the key line carries the same data.
    const rfc = await cli('authorize', '--print-script', '--user', 'ubuntu', '--public-key', 'new.rfc4716');
    expect(rfc.code).toBe(0);
    expect(rfc.stdout).toContain(`KR_KEY_BLOB='${pub.split(' ')[1]}'`);
  });

  it('says what is wrong and prints no script', async () => {
    await writeFile(join(dir, 'two.pub'), `${pub}\n${pub}\n`);
    const cases: [string[], number, string][] = [
      [
        ['--user', 'u', '--public-key', 'new.pub'],
        2,
        'keyrescue authorize: give --host H to run the script there, or --print-script to print it.\n',
      ],
      [
        ['--print-script', '--public-key', 'new.pub'],
        2,
        'keyrescue authorize: give the target user with --user.\n',
      ],
      [
        ['--print-script', '--user', 'u'],
        2,
        'keyrescue authorize: give the public key file with --public-key.\n',
      ],
      [
        ['--host', 'h', '--user', 'u', '--public-key', 'new.pub'],
        2,
        'keyrescue authorize: give the user to log in as with --login-user.\n',
      ],
      [
        ['--host', 'h', '--print-script', '--user', 'u', '--public-key', 'new.pub'],
        2,
        'keyrescue authorize: use either --host (run the script there) or --print-script, not both.\n',
      ],
      [
        [
          '--host',
          'h',
          '--port',
          '70000',
          '--login-user',
          'a',
          '--login-key',
          'new',
          '--user',
          'u',
          '--public-key',
          'new.pub',
        ],
        2,
        'keyrescue authorize: --port must be a port number from 1 to 65535, not "70000".\n',
      ],
      [
        [
          '--host',
          'h',
          '--login-user',
          'a',
          '--login-key',
          'new',
          '--user',
          'u',
          '--public-key',
          'new.pub',
          '--host-key',
          'SHA256:x',
          '--accept-new-host-key',
        ],
        2,
        'keyrescue authorize: use either --host-key or --accept-new-host-key, not both.\n',
      ],
      [
        ['--print-script', '--user', 'u; reboot', '--public-key', 'new.pub'],
        1,
        'keyrescue authorize: The target user "u; reboot" is not a Linux user name',
      ],
      [
        ['--print-script', '--user', 'u', '--public-key', 'two.pub'],
        1,
        `keyrescue authorize: ${join(dir, 'two.pub')}: it has more than one line;`,
      ],
      [
        ['--print-script', '--user', 'u', '--public-key', 'new'],
        1,
        `keyrescue authorize: ${join(dir, 'new')}: a "OPENSSH PRIVATE KEY" block is not a public key.`,
      ],
      [
        ['--print-script', '--user', 'u', '--public-key', 'missing.pub'],
        1,
        `keyrescue authorize: ${join(dir, 'missing.pub')}: the file does not exist.`,
      ],
      [
        ['--print-script', '--user', 'u', '--public-key', 'new.pub', '--root', '/mnt/a b'],
        1,
        'keyrescue authorize: The root prefix "/mnt/a b" must be an absolute folder',
      ],
    ];
    for (const [args, code, message] of cases) {
      const r = await cli('authorize', ...args);
      expect(r, args.join(' ')).toMatchObject({ code, stdout: '' });
      expect(r.stderr.startsWith(message), `${args.join(' ')}\n${r.stderr}`).toBe(true);
    }
  });
});

describe('the printed script run as root with sh on a live system', () => {
  let sshd: RealSshd;
  let account: LinuxUser;
  let site: string;
  beforeAll(async () => {
    site = join(dir, 'site');
    await mkdir(join(site, 'home'), { recursive: true });
    await chmod(dir, 0o711);
    await chmod(site, 0o711);
    account = createLinuxUser(join(site, 'home'));
    await chown(account.home, account.uid, account.gid);
    sshd = await startRealSshd(site);
  });
  afterAll(async () => {
    await sshd?.stop();
    account?.remove();
  });

  it('lets OpenSSH log in with the new key', async () => {
    const printed = await cli(
      'authorize',
      '--print-script',
      '--user',
      account.name,
      '--public-key',
      'new.pub',
    );
    const run = await runScript(shells[1], printed.stdout, site);
    expect(run.result).toMatchObject({
      status: 'added',
      file: join(account.home, '.ssh', 'authorized_keys'),
    });
    expect(await openSsh(sshd.endpoint, account.name, join(dir, 'new'), 'true'), sshd.log()).toMatchObject({
      code: 0,
    });
  });
});
