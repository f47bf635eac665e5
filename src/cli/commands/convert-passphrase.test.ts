import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePeerDir, peer, peerStatus, sshKeygen, type PeerDir } from '../../keys/test-support/peers';
import { cliInPeerDir } from '../test-support/run-cli-captured';

/** `keyrescue convert` keeps an encrypted input's passphrase unless told otherwise (checked by puttygen). */
let d: PeerDir;

const cli = cliInPeerDir(() => d);

beforeAll(() => {
  d = makePeerDir('keyrescue-cli-convert-pass-');
  sshKeygen(d, 'ed-enc', 'ed25519', undefined, 'enc-test', 'correct horse');
  d.write('pass', 'correct horse\n');
  d.write('new-pass', 'another secret\n');
  d.write('empty', '\n');
});
afterAll(() => d.cleanup());

const publicHalf = (line: string) => line.trim().split(' ').slice(0, 2).join(' ');
const original = () => publicHalf(d.read('ed-enc.pub'));

describe('keyrescue convert and the input passphrase', () => {
  it('without --new-passphrase-file the output is encrypted with the input passphrase', async () => {
    const r = await cli('convert', 'ed-enc', '--to', 'ppk', '-o', 'kept.ppk', '--passphrase-file', 'pass');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      `${d.path('ed-enc')} -> ${d.path('kept.ppk')} (ppk3, encrypted with its own passphrase; ed25519 256; ${
        peer('ssh-keygen', ['-l', '-f', d.path('ed-enc.pub')]).split(' ')[1]
      })\n`,
    );
    expect(d.read('kept.ppk')).toContain('Encryption: aes256-cbc\n');
    // puttygen decrypts the private half with the old passphrase (and refuses an empty one).
    peer('puttygen', [
      d.path('kept.ppk'),
      '--old-passphrase',
      d.path('pass'),
      '-O',
      'private-openssh-new',
      '--new-passphrase',
      d.path('empty'),
      '-o',
      d.path('opened'),
    ]);
    expect(publicHalf(peer('ssh-keygen', ['-y', '-P', '', '-f', d.path('opened')]))).toBe(original());
    expect(
      publicHalf(
        peer('puttygen', [d.path('kept.ppk'), '--old-passphrase', d.path('pass'), '-O', 'public-openssh']),
      ),
    ).toBe(original());
    const withoutPassphrase = peerStatus('puttygen', [
      d.path('kept.ppk'),
      '--old-passphrase',
      d.path('empty'),
      '-O',
      'private-openssh',
      '-o',
      d.path('never'),
    ]);
    expect(withoutPassphrase.status).not.toBe(0);
  });

  it('--no-passphrase removes it and warns; --new-passphrase-file replaces it', async () => {
    const removed = await cli(
      'convert',
      'ed-enc',
      '--to',
      'openssh',
      '-o',
      'removed',
      '--passphrase-file',
      'pass',
      '--no-passphrase',
    );
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('(openssh, passphrase removed;');
    expect(removed.stderr).toBe(
      `keyrescue convert: warning: ${d.path('removed')} has no passphrase; anyone who gets a copy can use the key.\n`,
    );
    expect(publicHalf(peer('ssh-keygen', ['-y', '-P', '', '-f', d.path('removed')]))).toBe(original());

    const replaced = await cli(
      'convert',
      'ed-enc',
      '--to',
      'openssh',
      '-o',
      'replaced',
      '--passphrase-file',
      'pass',
      '--new-passphrase-file',
      'new-pass',
    );
    expect(replaced).toMatchObject({ code: 0, stderr: '' });
    expect(replaced.stdout).toContain('(openssh, encrypted;');
    expect(publicHalf(peer('ssh-keygen', ['-y', '-P', 'another secret', '-f', d.path('replaced')]))).toBe(
      original(),
    );
  });

  it('both --new-passphrase-file and --no-passphrase is a usage error (exit 2) and writes nothing', async () => {
    const before = readdirSync(d.dir).sort();
    const r = await cli(
      'convert',
      'ed-enc',
      '--to',
      'ppk',
      '-o',
      'both.ppk',
      '--passphrase-file',
      'pass',
      '--new-passphrase-file',
      'new-pass',
      '--no-passphrase',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('use either --new-passphrase-file or --no-passphrase, not both.');
    expect(r.stderr).toContain('Usage: keyrescue convert');
    expect(readdirSync(d.dir).sort()).toEqual(before);
  });
});
