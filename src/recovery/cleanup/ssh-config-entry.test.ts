import { execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../../app/clock';
import { AppError } from '../../ipc/app-error';
import { cleanupErrorCodes } from './cleanup-errors';
import { addSshConfigEntry, identityFileValue, type SshConfigEntry } from './ssh-config-entry';

// The entry checked by the real reader: `ssh -G ALIAS -F FILE` (openssh-client) prints the options
// OpenSSH resolved for the alias, so each test proves what ssh itself will do, not what we wrote.

const posix = process.platform !== 'win32';
let home: string;
const clock = new TestClock('2026-03-04T05:06:07.000Z');

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'keyrescue-sshconfig-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const configPath = () => join(home, '.ssh', 'config');

function entry(overrides: Partial<SshConfigEntry> = {}): SshConfigEntry {
  return {
    alias: 'legacy-app',
    hostName: '203.0.113.10',
    user: 'ec2-user',
    port: 2222,
    identityFile: join(home, '.ssh', 'legacy-app-new'),
    comment: 'Added by KeyRescue on 2026-03-04 for i-0123456789abcdef0',
    ...overrides,
  };
}

/** What OpenSSH resolves for `alias` from the file: its lowercase option → values. */
function sshG(alias: string, file = configPath()): Map<string, string[]> {
  const out = execFileSync('ssh', ['-G', alias, '-F', file], {
    encoding: 'utf8',
    env: { ...process.env, HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const options = new Map<string, string[]>();
  for (const line of out.split('\n')) {
    const space = line.indexOf(' ');
    if (space < 0) continue;
    const key = line.slice(0, space);
    options.set(key, [...(options.get(key) ?? []), line.slice(space + 1)]);
  }
  return options;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

const add = (e: SshConfigEntry = entry()) => addSshConfigEntry(e, { homeDir: home, clock });

describe('addSshConfigEntry', () => {
  it('creates ~/.ssh 0700 and config 0600; ssh resolves the alias to the instance with the new key only', async () => {
    const result = await add();
    expect(result).toEqual({ configPath: configPath(), backupPath: null, status: 'written' });
    if (posix) {
      expect(statSync(join(home, '.ssh')).mode & 0o777).toBe(0o700);
      expect(statSync(configPath()).mode & 0o777).toBe(0o600);
    }
    const options = sshG('legacy-app');
    expect(options.get('hostname')).toEqual(['203.0.113.10']);
    expect(options.get('user')).toEqual(['ec2-user']);
    expect(options.get('port')).toEqual(['2222']);
    expect(options.get('identityfile')).toEqual([join(home, '.ssh', 'legacy-app-new')]);
    expect(options.get('identitiesonly')).toEqual(['yes']);
    // Another alias is untouched by the entry.
    expect(sshG('other-host').get('hostname')).toEqual(['other-host']);
  });

  it('goes before a `Host *` that sets User, keeps every old line, mode and a backup', async () => {
    mkdirSync(join(home, '.ssh'), { mode: 0o700 });
    const old = [
      'ServerAliveInterval 30',
      '',
      '# defaults for everything',
      'Host *',
      '    User nobody',
      '    IdentityFile ~/.ssh/id_default',
      '',
      'Host work',
      '    HostName work.example.com',
      '', // a trailing blank line
    ].join('\n');
    writeFileSync(configPath(), old, { mode: 0o640 });
    const result = await add();
    expect(result.status).toBe('written');
    expect(result.backupPath).toBe(`${configPath()}.keyrescue-backup-20260304T050607Z`);
    expect(readFileSync(result.backupPath!, 'utf8')).toBe(old);
    if (posix) expect(statSync(configPath()).mode & 0o777).toBe(0o640);
    const text = readFileSync(configPath(), 'utf8');
    // Every old line is still there, in order.
    const oldLines = old.split('\n').filter((line) => line !== '');
    expect(text.split('\n').filter((line) => oldLines.includes(line))).toEqual(oldLines);
    expect(text.indexOf('Host legacy-app')).toBeLessThan(text.indexOf('# defaults for everything'));

    const options = sshG('legacy-app');
    // Our User wins over the `Host *` default because ssh takes the first value it reads.
    expect(options.get('user')).toEqual(['ec2-user']);
    expect(options.get('identityfile')?.[0]).toBe(join(home, '.ssh', 'legacy-app-new'));
    expect(options.get('serveraliveinterval')).toEqual(['30']);
    // The other entries resolve as before.
    expect(sshG('work').get('hostname')).toEqual(['work.example.com']);
    expect(sshG('work').get('user')).toEqual(['nobody']);
  });

  it('quotes a path with spaces and doubles % so ssh reads the path as written', async () => {
    const keyPath = join(home, 'My Keys', '100% new key');
    await add(entry({ identityFile: keyPath, port: 22 }));
    expect(readFileSync(configPath(), 'utf8')).toContain(`IdentityFile "${keyPath.replace('%', '%%')}"`);
    const options = sshG('legacy-app');
    // One argument, spaces kept. `ssh -G` prints IdentityFile before token expansion (observed with
    // OpenSSH 9.2), so the `%%` ssh turns into `%` when it loads the key (ssh_config(5) TOKENS) shows.
    expect(options.get('identityfile')).toEqual([keyPath.replace('%', '%%')]);
    expect(options.get('port')).toEqual(['22']);
    rmSync(configPath());
    const spaced = join(home, 'My Keys', 'new key');
    await add(entry({ identityFile: spaced }));
    expect(sshG('legacy-app').get('identityfile')).toEqual([spaced]);
  });

  it('never replaces or duplicates a Host line naming the alias, and says which line', async () => {
    mkdirSync(join(home, '.ssh'));
    const old = 'Host web\n  HostName web.example.com\n\nhost=db Legacy-App\n  HostName 10.0.0.9\n';
    writeFileSync(configPath(), old);
    const error = await failure(add());
    expect(error.code).toBe(cleanupErrorCodes.sshConfigHostExists);
    expect(error.message).toContain(configPath());
    expect(error.details).toMatchObject({ line: 4, alias: 'legacy-app' });
    expect(readFileSync(configPath(), 'utf8')).toBe(old);
    expect(readdirSync(join(home, '.ssh'))).toEqual(['config']);
  });

  it('a repeat finds its own entry and changes nothing (resume after a crash)', async () => {
    await add();
    const written = readFileSync(configPath(), 'utf8');
    expect(await add()).toEqual({ configPath: configPath(), backupPath: null, status: 'alreadyPresent' });
    expect(readFileSync(configPath(), 'utf8')).toBe(written);
    // The same alias pointing elsewhere is someone's own entry: refused.
    expect((await failure(add(entry({ hostName: '198.51.100.1' })))).code).toBe(
      cleanupErrorCodes.sshConfigHostExists,
    );
  });

  it('keeps CRLF line ends in a CRLF file', async () => {
    mkdirSync(join(home, '.ssh'));
    writeFileSync(configPath(), 'Host a\r\n  HostName a.example\r\n');
    await add();
    const text = readFileSync(configPath(), 'utf8');
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    expect(sshG('legacy-app').get('user')).toEqual(['ec2-user']);
  });

  it.runIf(posix)('refuses a symlinked config and says why', async () => {
    mkdirSync(join(home, '.ssh'));
    writeFileSync(join(home, 'dotfiles-config'), 'Host x\n');
    symlinkSync(join(home, 'dotfiles-config'), configPath());
    const error = await failure(add());
    expect(error.code).toBe(cleanupErrorCodes.sshConfigSymlink);
    expect(error.message).toMatch(/symlink.*does not write through it/);
    expect(readFileSync(join(home, 'dotfiles-config'), 'utf8')).toBe('Host x\n');
  });

  it('refuses values ssh would read differently', async () => {
    const cases: Partial<SshConfigEntry>[] = [
      { alias: 'web*' },
      { hostName: 'a b' },
      { user: 'root\nHost evil' },
      { identityFile: '/keys/a"b' },
      { identityFile: '/keys/${HOME}/k' },
      { identityFile: '/keys/a\\b' },
    ];
    for (const overrides of cases)
      expect((await failure(add(entry(overrides)))).code, JSON.stringify(overrides)).toBe(
        cleanupErrorCodes.sshConfigValueInvalid,
      );
    expect(() => statSync(configPath())).toThrow();
  });

  it('refuses an IdentityFile in PuTTY format, which OpenSSH cannot read', async () => {
    mkdirSync(join(home, '.ssh'));
    const ppk = join(home, '.ssh', 'new.ppk');
    writeFileSync(ppk, 'PuTTY-User-Key-File-3: ssh-ed25519\n');
    const error = await failure(add(entry({ identityFile: ppk })));
    expect(error.code).toBe(cleanupErrorCodes.sshConfigKeyIsPpk);
    expect(error.message).toContain(ppk);
  });

  it('writes Windows paths with forward slashes', () => {
    expect(identityFileValue('C:\\Users\\Ann Lee\\.ssh\\new', 'win32')).toBe('"C:/Users/Ann Lee/.ssh/new"');
  });
});
