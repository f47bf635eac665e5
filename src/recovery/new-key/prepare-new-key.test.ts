import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../../app/clock';
import { AppError } from '../../ipc/app-error';
import { fileErrorCodes } from '../../fs/file-errors';
import { keyErrorCodes } from '../../keys';
import { KeyFiles } from '../../keys/key-files';
import { makePeerDir, peer, sshKeygen, type PeerDir } from '../../keys/test-support/peers';
import { blobOfLine, swapOpensshPublicHalf } from '../../keys/test-support/tampered-keys';
import { newKeyErrorCodes } from './new-key-errors';
import { newKeyComment, prepareNewKey, type PrepareNewKeyInput } from './prepare-new-key';

// The new key against the real peers: ssh-keygen prints the same fingerprint and reads the saved
// files, puttygen reads the PPK, and keys ssh-keygen/puttygen made are accepted as existing keys.

let d: PeerDir;
const clock = new TestClock('2026-03-04T05:06:07.000Z');
const instanceId = 'i-0123456789abcdef0';

beforeEach(() => {
  d = makePeerDir('keyrescue-newkey-');
});
afterEach(() => d.cleanup());

function prepare(choice: PrepareNewKeyInput['choice'], remembered: string[] = []) {
  const keyFiles = new KeyFiles({ written: { remember: async (paths) => void remembered.push(...paths) } });
  return prepareNewKey({ choice, instanceId, caller: 'cli' }, { keyFiles, clock });
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

/** `ssh-keygen -lf FILE`'s fingerprint field. */
function keygenFingerprint(path: string, passphrase?: string): string {
  const args = passphrase === undefined ? ['-lf', path] : ['-lf', path, '-P', passphrase];
  return peer('ssh-keygen', args).split(' ')[1] ?? '';
}

describe('prepareNewKey: generate', () => {
  it('makes an Ed25519 key by default choice, saved 0600 with its .pub, fingerprint as ssh-keygen prints', async () => {
    const path = d.path('id_new');
    const remembered: string[] = [];
    const key = await prepare(
      { kind: 'generate', type: 'ed25519', outputPath: path, format: 'openssh' },
      remembered,
    );
    expect(key.type).toBe('ed25519');
    expect(key.publicKeyLine).toMatch(/^ssh-ed25519 AAAA\S+ keyrescue-i-0123456789abcdef0-20260304$/);
    expect(key.savedPath).toBe(path);
    expect(key.publicKeyPath).toBe(`${path}.pub`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${path}.pub`, 'utf8')).toBe(`${key.publicKeyLine}\n`);
    expect(keygenFingerprint(path)).toBe(key.fingerprint);
    expect(keygenFingerprint(`${path}.pub`)).toBe(key.fingerprint);
    // The in-memory OpenSSH text is the same key, unencrypted (ssh-keygen -y needs no passphrase).
    const memory = d.write('memory', key.privateKeyOpenSsh);
    expect(peer('ssh-keygen', ['-y', '-f', memory]).trim()).toBe(key.publicKeyLine);
    expect(remembered).toEqual([path]);
  });

  it('RSA is 4096 bits; PPK v3 with a passphrase reads back in puttygen', async () => {
    const path = d.path('new.ppk');
    const key = await prepare({
      kind: 'generate',
      type: 'rsa',
      outputPath: path,
      format: 'ppk3',
      newPassphrase: 'correct horse',
    });
    expect(key.bits).toBe(4096);
    expect(readFileSync(path, 'utf8')).toMatch(/^PuTTY-User-Key-File-3: ssh-rsa\nEncryption: aes256-cbc\n/);
    const passFile = d.write('pass', 'correct horse\n');
    const fromPutty = peer('puttygen', [path, '--old-passphrase', passFile, '-O', 'public-openssh']);
    expect(fromPutty.trim()).toBe(key.publicKeyLine);
    expect(keygenFingerprint(`${path}.pub`)).toBe(key.fingerprint);
  });

  it('never replaces an existing file (or its .pub) unless asked, and says which file', async () => {
    const path = d.write('taken', 'mine');
    const error = await failure(
      prepare({ kind: 'generate', type: 'ed25519', outputPath: path, format: 'openssh' }),
    );
    expect(error.code).toBe(fileErrorCodes.exists);
    expect(error.message).toContain(path);
    expect(readFileSync(path, 'utf8')).toBe('mine');

    const other = d.path('free');
    d.write('free.pub', 'old public');
    const pubError = await failure(
      prepare({ kind: 'generate', type: 'ed25519', outputPath: other, format: 'openssh' }),
    );
    expect(pubError.code).toBe(fileErrorCodes.exists);
    expect(pubError.message).toContain(`${other}.pub`);

    const replaced = await prepare({
      kind: 'generate',
      type: 'ed25519',
      outputPath: path,
      format: 'pem',
      overwrite: true,
    });
    expect(keygenFingerprint(path)).toBe(replaced.fingerprint);
  });

  it('a missing folder is refused before any key is made', async () => {
    const error = await failure(
      prepare({ kind: 'generate', type: 'ed25519', outputPath: d.path('nope/id'), format: 'openssh' }),
    );
    expect(error.code).toBe(fileErrorCodes.folderMissing);
  });
});

describe('prepareNewKey: existing', () => {
  it('reads ssh-keygen OpenSSH (encrypted) and PEM keys, keeping their comment', async () => {
    const encrypted = sshKeygen(d, 'enc', 'ed25519', undefined, 'me@laptop', 'pw');
    const key = await prepare({ kind: 'existing', privateKeyPath: encrypted, passphrase: 'pw' });
    expect(key.publicKeyLine).toBe(readFileSync(`${encrypted}.pub`, 'utf8').trim());
    expect(key.fingerprint).toBe(keygenFingerprint(encrypted, 'pw'));
    expect(key.savedPath).toBe(encrypted);
    expect(key.publicKeyPath).toBeUndefined();

    const pem = sshKeygen(d, 'pem', 'rsa', 2048, 'old rsa', '');
    peer('ssh-keygen', ['-p', '-m', 'PEM', '-N', '', '-P', '', '-f', pem]);
    expect(readFileSync(pem, 'utf8')).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    const rsa = await prepare({ kind: 'existing', privateKeyPath: pem });
    // A PEM file has no comment: the public line gets KeyRescue's.
    expect(rsa.publicKeyLine).toBe(
      `${readFileSync(`${pem}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')} ${newKeyComment(instanceId, clock.now())}`,
    );
    expect(rsa.fingerprint).toBe(keygenFingerprint(pem));
  });

  it('reads a puttygen PPK v3', async () => {
    const ppk = d.path('putty.ppk');
    peer('puttygen', ['-t', 'ed25519', '-C', 'putty key', '-o', ppk, '--new-passphrase', '/dev/null']);
    const key = await prepare({ kind: 'existing', privateKeyPath: ppk });
    expect(key.publicKeyLine).toBe(peer('puttygen', [ppk, '-O', 'public-openssh']).trim());
  });

  it('says what is wrong with the file, naming it', async () => {
    const encrypted = sshKeygen(d, 'enc', 'ed25519', undefined, 'c', 'pw');
    const cases: [string, () => Promise<unknown>, string][] = [
      [
        encrypted,
        () => prepare({ kind: 'existing', privateKeyPath: encrypted }),
        newKeyErrorCodes.passphraseNeeded,
      ],
      [
        encrypted,
        () => prepare({ kind: 'existing', privateKeyPath: encrypted, passphrase: 'wrong' }),
        keyErrorCodes.wrongPassphrase,
      ],
      [
        `${encrypted}.pub`,
        () => prepare({ kind: 'existing', privateKeyPath: `${encrypted}.pub` }),
        newKeyErrorCodes.publicOnly,
      ],
      [
        d.path('gone'),
        () => prepare({ kind: 'existing', privateKeyPath: d.path('gone') }),
        keyErrorCodes.fileNotFound,
      ],
      [d.dir, () => prepare({ kind: 'existing', privateKeyPath: d.dir }), keyErrorCodes.notAFile],
    ];
    for (const [path, promise, code] of cases) {
      const error = await failure(promise());
      expect(error.code, path).toBe(code);
      expect(error.message).toContain(path);
    }
  });

  it('refuses a file whose stored public half is not its private half', async () => {
    const target = sshKeygen(d, 'target', 'ed25519', undefined, 'victim', '');
    const attacker = sshKeygen(d, 'attacker', 'ed25519', undefined, 'attacker', '');
    const tampered = d.path('tampered');
    writeFileSync(
      tampered,
      swapOpensshPublicHalf(
        readFileSync(target, 'utf8'),
        blobOfLine(readFileSync(`${attacker}.pub`, 'utf8')),
      ),
      { mode: 0o600 },
    );
    const error = await failure(prepare({ kind: 'existing', privateKeyPath: tampered }));
    expect(error.code).toBe(keyErrorCodes.mismatchedHalves);
    expect(error.message).toContain(tampered);
  });
});
