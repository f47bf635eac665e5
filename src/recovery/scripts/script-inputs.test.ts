import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addKeyScript } from './authorized-key-script';
import { checkPublicKeyLine, checkRootPrefix, checkTargetUser } from './script-inputs';

let dir: string;
let ed25519: string;
let dsaLine: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyrescue-script-inputs-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'me@laptop', '-f', join(dir, 'k')]);
  ed25519 = await readFile(join(dir, 'k.pub'), 'utf8');
  // OpenSSH no longer generates DSA; a hand-made line has the shape.
  dsaLine = `ssh-dss ${Buffer.from('\0\0\0\x07ssh-dss').toString('base64')} old`;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkPublicKeyLine', () => {
  it('takes a .pub file as ssh-keygen writes it (final line break) and keeps its comment', () => {
    const key = checkPublicKeyLine(ed25519, 'k.pub');
    expect(key.line).toBe(ed25519.trim());
    expect(key.sshType).toBe('ssh-ed25519');
    expect(key.blob).toBe(ed25519.split(' ')[1]);
  });

  it('refuses a second line, an options prefix, control characters and what sshd would not take', () => {
    const [type, data] = ed25519.trim().split(' ');
    expect(() => checkPublicKeyLine(`${ed25519}${ed25519}`, 'k.pub')).toThrow(
      'k.pub: it has more than one line; give exactly one public key line (type, key data, comment).',
    );
    expect(() => checkPublicKeyLine(`restrict ${ed25519}`, 'k.pub')).toThrow(
      'k.pub: it must start with the key type (ssh-ed25519); authorized_keys options such as "restrict" are not accepted here.',
    );
    expect(() => checkPublicKeyLine(`${type} ${data} a\u001b[2Jb`)).toThrow(
      'The public key: it contains control characters; remove them from the comment.',
    );
    expect(() => checkPublicKeyLine(`${type} ${data} a\u202eb`)).toThrow('control characters');
    expect(() => checkPublicKeyLine(dsaLine, 'old.pub')).toThrow(/old\.pub: this is a DSA key/);
    expect(() => checkPublicKeyLine(`ssh-rsa ${data}`, 'k.pub')).toThrow(
      /the line says "ssh-rsa" but the key data is ssh-ed25519/,
    );
    expect(() => checkPublicKeyLine('x'.repeat(20_000))).toThrow('longer than 16384 characters');
  });

  it('is what the generator uses: a bad key never yields a script', () => {
    expect(() => addKeyScript({ targetUser: 'ec2-user', publicKey: 'ssh-ed25519 AAAA' })).toThrow();
  });
});

describe('checkTargetUser', () => {
  it('accepts what useradd accepts and refuses anything else, naming it when it is short', () => {
    for (const ok of ['ec2-user', 'ubuntu', '_apt', 'a.b', 'MACHINE$', 'x'.repeat(32)])
      expect(checkTargetUser(ok)).toBe(ok);
    expect(() => checkTargetUser("root'; rm -rf / #")).toThrow(
      `The target user "root'; rm -rf / #" is not a Linux user name (letters, digits, ".", "_" and "-", at most 32 characters, not only digits).`,
    );
    for (const bad of ['', '1000', '-rf', '..', 'a b', 'a:b', 'a,b', 'a\nb', 'x'.repeat(33), 'ユーザー'])
      expect(() => checkTargetUser(bad), bad).toThrow('is not a Linux user name');
  });
});

describe('checkRootPrefix', () => {
  it('takes a plain absolute folder, trailing slash dropped, and refuses the rest', () => {
    expect(checkRootPrefix('/mnt/keyrescue-vol-1/')).toBe('/mnt/keyrescue-vol-1');
    for (const bad of [
      '/',
      'mnt/x',
      '/mnt/../etc',
      '/mnt/./x',
      '/mnt/a b',
      '/mnt/*',
      "/mnt/'x",
      '/mnt//x',
      '',
    ])
      expect(() => checkRootPrefix(bad), bad).toThrow('must be an absolute folder other than "/"');
  });
});
