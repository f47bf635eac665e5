import { readdirSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePeerDir, peer, peerStatus, sshKeygen, type PeerDir } from '../../keys/test-support/peers';
import { cliInPeerDir } from '../test-support/run-cli-captured';

/** The four key commands end to end, with puttygen / ssh-keygen checking what they write. */
let d: PeerDir;

const cli = cliInPeerDir(() => d);

beforeAll(() => {
  d = makePeerDir('keyrescue-cli-keys-');
  sshKeygen(d, 'rsa', 'rsa', 2048, 'rsa-test');
  sshKeygen(d, 'ed', 'ed25519', undefined, 'ed-test');
  sshKeygen(d, 'ed-enc', 'ed25519', undefined, 'enc-test', 'correct horse');
  d.write('pass', 'correct horse\nsecond line ignored\n');
  d.write('pass-crlf', 'correct horse\r\n');
  d.write('wrong', 'wrong\n');
  d.write('empty', '');
});
afterAll(() => d.cleanup());

describe('keyrescue convert', () => {
  it('converts several keys beside their inputs; puttygen accepts them; files are 0600', async () => {
    const r = await cli('convert', 'rsa', 'ed', '--to', 'ppk');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${d.path('rsa')} -> ${d.path('rsa.ppk')} (ppk3;`);
    for (const f of ['rsa.ppk', 'ed.ppk']) {
      expect(statSync(d.path(f)).mode & 0o777).toBe(0o600);
      expect(d.read(f)).toMatch(/^PuTTY-User-Key-File-3: /);
    }
    expect(
      peer('puttygen', ['-l', d.path('rsa.ppk')])
        .trim()
        .split(' ')[2],
    ).toBe(peer('ssh-keygen', ['-l', '-f', d.path('rsa')]).split(' ')[1]);
    // Same comment puttygen would keep → byte-identical to puttygen's own conversion.
    peer('puttygen', [d.path('ed'), '-O', 'private', '-o', d.path('ed.ref.ppk')]);
    expect(d.read('ed.ppk')).toBe(d.read('ed.ref.ppk'));
  });

  it('reads passphrases from files, encrypts with Argon2 settings, and puttygen decrypts the result', async () => {
    const r = await cli(
      'convert',
      'ed-enc',
      '--to',
      'ppk3',
      '-o',
      'enc.ppk',
      '--passphrase-file',
      'pass-crlf',
      '--new-passphrase-file',
      'pass',
      '--kdf',
      'argon2i',
      '--memory',
      '1024',
      '--passes',
      '2',
      '--parallelism',
      '2',
      '--comment',
      'new comment',
    );
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const text = d.read('enc.ppk');
    expect(text).toContain(
      'Key-Derivation: Argon2i\nArgon2-Memory: 1024\nArgon2-Passes: 2\nArgon2-Parallelism: 2\n',
    );
    expect(text).toContain('Comment: new comment\n');
    expect(peer('puttygen', [d.path('enc.ppk'), '--old-passphrase', d.path('pass'), '-L']).trim()).toBe(
      peer('ssh-keygen', ['-y', '-P', 'correct horse', '-f', d.path('ed-enc')])
        .trim()
        .replace('enc-test', 'new comment'),
    );
  });

  it('converts to PEM, OpenSSH and PKCS#8 into --out-dir', async () => {
    d.write('outdir/.keep', '');
    for (const to of ['pem', 'openssh', 'pkcs8', 'ppk2']) {
      const r = await cli('convert', 'rsa.ppk', '--to', to, '--out-dir', 'outdir', '--force');
      expect(r).toMatchObject({ code: 0, stderr: '' });
    }
    expect(readdirSync(d.path('outdir')).sort()).toEqual(['.keep', 'rsa', 'rsa.pem', 'rsa.ppk']);
    expect(peer('ssh-keygen', ['-y', '-f', d.path('outdir/rsa')]).split(' ')[1]).toBe(
      d.read('rsa.pub').split(' ')[1],
    );
  });

  it('fails with exit 1, names the file and the problem, and writes nothing', async () => {
    const before = readdirSync(d.dir).sort();
    const wrong = await cli(
      'convert',
      'ed',
      'ed-enc',
      '--to',
      'openssh',
      '--out-dir',
      '.',
      '--passphrase-file',
      'wrong',
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(
      `keyrescue convert: ${d.path('ed-enc')}: the passphrase is wrong.\nkeyrescue convert: nothing was written.\n`,
    );
    const missing = await cli('convert', 'nope.pem', '--to', 'ppk');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`${d.path('nope.pem')}: the file does not exist.`);
    const pub = await cli('convert', 'rsa.pub', '--to', 'ppk');
    expect(pub.stderr).toContain(`${d.path('rsa.pub')}: this is a public key, not a private key.`);
    const locked = await cli('convert', 'ed-enc', '--to', 'ppk', '-o', 'x.ppk');
    expect(locked.stderr).toContain(
      `${d.path('ed-enc')}: the key is encrypted; a passphrase is needed. Give it with --passphrase-file FILE.`,
    );
    const exists = await cli('convert', 'rsa', '--to', 'ppk');
    expect(exists.code).toBe(1);
    expect(exists.stderr).toContain(`${d.path('rsa.ppk')} already exists`);
    const noPassFile = await cli(
      'convert',
      'ed-enc',
      '--to',
      'ppk',
      '-o',
      'x.ppk',
      '--passphrase-file',
      'missing-pass',
    );
    expect(noPassFile).toMatchObject({
      code: 1,
      stderr: `keyrescue convert: ${d.path('missing-pass')}: the passphrase file does not exist.\n`,
    });
    expect(readdirSync(d.dir).sort()).toEqual(before);
  });

  it('usage errors exit 2: -o with several inputs, no --to, bad numbers, Argon2 options for other targets', async () => {
    for (const args of [
      ['rsa', 'ed', '--to', 'ppk', '-o', 'x.ppk'],
      ['rsa'],
      ['rsa', '--to', 'ppk9'],
      ['rsa', '--to', 'ppk', '--passes', 'many'],
      ['rsa', '--to', 'pem', '--kdf', 'argon2id'],
      ['rsa', '--to', 'ppk', '--passphrase', 'secret'],
      ['--to', 'ppk'],
    ]) {
      const r = await cli('convert', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('Usage: keyrescue convert');
    }
  });
});

describe('keyrescue pubkey / fingerprint / generate', () => {
  it('pubkey prints the OpenSSH line (an encrypted key needs its passphrase) and RFC 4716 like puttygen -p', async () => {
    // The clear public half of an encrypted file is not trusted: only the passphrase can verify it.
    expect(await cli('pubkey', 'ed-enc')).toEqual({
      code: 1,
      stdout: '',
      stderr: `keyrescue pubkey: ${d.path('ed-enc')}: the key is encrypted; a passphrase is needed. Give it with --passphrase-file FILE.\n`,
    });
    expect(await cli('pubkey', 'ed-enc', '--passphrase-file', 'pass')).toEqual({
      code: 0,
      stdout: d.read('ed-enc.pub'),
      stderr: '',
    });
    expect((await cli('pubkey', 'rsa.ppk')).stdout).toBe(d.read('rsa.pub'));
    peer('puttygen', [d.path('rsa'), '-p', '-o', d.path('rsa.rfc')]);
    expect((await cli('pubkey', 'rsa', '--format', 'rfc4716')).stdout).toBe(d.read('rsa.rfc'));
  });

  it('fingerprint --json lists every key; text output labels the AWS forms', async () => {
    const r = await cli('fingerprint', 'rsa', 'ed.pub', 'ed-enc', '--passphrase-file', 'pass', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, string | number>[];
    expect(rows.map((x) => [x.path, x.type, x.bits, x.comment])).toEqual([
      ['rsa', 'rsa', 2048, 'rsa-test'],
      ['ed.pub', 'ed25519', 256, 'ed-test'],
      ['ed-enc', 'ed25519', 256, 'enc-test'],
    ]);
    expect(rows[0]!.sha256).toBe(peer('ssh-keygen', ['-l', '-f', d.path('rsa')]).split(' ')[1]);
    expect(rows[0]!.awsCreated).toMatch(/^([0-9a-f]{2}:){19}[0-9a-f]{2}$/);
    expect(rows[1]!.awsCreated).toBeUndefined();
    expect(rows[1]!.awsImported).toBe(`${String(rows[1]!.sha256).slice(7)}=`);
    const text = await cli('fingerprint', 'rsa');
    expect(text.stdout).toContain('awsCreated:  ');
    expect(text.stdout).toContain('(key pair created by EC2)');
  });

  it('generate writes OUT (0600) and OUT.pub that ssh-keygen and puttygen accept', async () => {
    const r = await cli('generate', '--type', 'ed25519', '-o', 'gen-ed', '--comment', 'gen');
    expect(r.code).toBe(0);
    expect(statSync(d.path('gen-ed')).mode & 0o777).toBe(0o600);
    expect(peer('ssh-keygen', ['-y', '-f', d.path('gen-ed')])).toBe(d.read('gen-ed.pub'));
    expect(d.read('gen-ed.pub')).toMatch(/^ssh-ed25519 \S+ gen\n$/);
    const ppk = await cli(
      'generate',
      '--type',
      'rsa',
      '--bits',
      '2048',
      '-o',
      'gen-rsa.ppk',
      '--format',
      'ppk',
      '--new-passphrase-file',
      'pass',
    );
    expect(ppk.code).toBe(0);
    expect(peer('puttygen', [d.path('gen-rsa.ppk'), '--old-passphrase', d.path('pass'), '-L']).trim()).toBe(
      d.read('gen-rsa.ppk.pub').trim(),
    );
    // -L reads the clear public half; decrypting the private half with a wrong passphrase must fail.
    expect(
      peerStatus('puttygen', [
        d.path('gen-rsa.ppk'),
        '--old-passphrase',
        d.path('wrong'),
        '-O',
        'private-openssh',
        '-o',
        d.path('never'),
      ]).status,
    ).toBe(1);
    const again = await cli('generate', '--type', 'ed25519', '-o', 'gen-ed');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect((await cli('generate', '--type', 'dsa', '-o', 'x')).code).toBe(2);
    expect((await cli('generate', '--type', 'ed25519', '--bits', '2048', '-o', 'x')).code).toBe(2);
  });
});
