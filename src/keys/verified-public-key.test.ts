import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../app/core';
import { cliInPeerDir } from '../cli/test-support/run-cli-captured';
import { createClient, type IpcClient } from '../ipc/client';
import { scanLocalKeys } from '../inventory/local-key-scan';
import { keyErrorCodes } from './key-errors';
import { publicKeyToOpenSSH } from './public-key';
import { makePeerDir, peer, sshKeygen, type PeerDir } from './test-support/peers';
import {
  blobOfLine,
  ecPemWithForeignPoint,
  flipPpkMac,
  rsaPemWithForeignModulus,
  swapOpensshPublicHalf,
  swapPpkPublicHalf,
} from './test-support/tampered-keys';
import { readVerifiedPublicKey } from './verified-public-key';

/**
 * A key file's public half is believed only after the whole file checks out (the audit imported an
 * attacker's public key from a PPK whose Public-Lines were swapped). Real puttygen and ssh-keygen
 * files, tampered the way an attacker would.
 */
let d: PeerDir;
let core: Core;
let api: IpcClient;

function puttygen(name: string, type: 'rsa' | 'ed25519', version: 2 | 3, passFile = '/dev/null'): string {
  const path = d.path(name);
  peer('puttygen', [
    '-t',
    type,
    ...(type === 'rsa' ? ['-b', '2048'] : []),
    '-C',
    name,
    '-q',
    '-o',
    path,
    '-O',
    'private',
    '--ppk-param',
    `version=${version}`,
    '--new-passphrase',
    passFile,
  ]);
  return d.read(name);
}

const publicLineOf = (name: string) =>
  peer('puttygen', [d.path(name), '-O', 'public-openssh', '--old-passphrase', d.path('pass')]).trim();
const verify = (file: string, passphrase?: string) =>
  readVerifiedPublicKey(d.readBytes(file), { source: d.path(file), ...(passphrase ? { passphrase } : {}) });

beforeAll(() => {
  d = makePeerDir('keyrescue-verify-');
  d.write('pass', 'correct horse\n');
  puttygen('rsa-a.ppk', 'rsa', 3);
  puttygen('rsa-b.ppk', 'rsa', 3);
  puttygen('ed-a2.ppk', 'ed25519', 2);
  puttygen('ed-b2.ppk', 'ed25519', 2);
  puttygen('rsa-enc.ppk', 'rsa', 3, d.path('pass'));
  sshKeygen(d, 'ed-a', 'ed25519', undefined, 'ed-a');
  sshKeygen(d, 'ed-b', 'ed25519', undefined, 'ed-b');
  sshKeygen(d, 'ed-enc', 'ed25519', undefined, 'ed-enc', 'correct horse');
  // The attacker's tampered copies.
  d.write('mac.ppk', flipPpkMac(d.read('rsa-a.ppk')));
  d.write('swap.ppk', swapPpkPublicHalf(d.read('rsa-a.ppk'), d.read('rsa-b.ppk'), { fixMac: false }));
  d.write('swap-mac.ppk', swapPpkPublicHalf(d.read('rsa-a.ppk'), d.read('rsa-b.ppk'), { fixMac: true }));
  d.write('swap-mac2.ppk', swapPpkPublicHalf(d.read('ed-a2.ppk'), d.read('ed-b2.ppk'), { fixMac: true }));
  d.write('swap-enc.ppk', swapPpkPublicHalf(d.read('rsa-enc.ppk'), d.read('rsa-b.ppk'), { fixMac: false }));
  d.write('swap-openssh', swapOpensshPublicHalf(d.read('ed-a'), blobOfLine(d.read('ed-b.pub'))));
  d.write('swap-openssh-enc', swapOpensshPublicHalf(d.read('ed-enc'), blobOfLine(d.read('ed-b.pub'))));
  d.write('foreign-n.pem', rsaPemWithForeignModulus());
  d.write('foreign-point.pem', ecPemWithForeignPoint());
  core = createCore({ userDataDir: d.path('home'), runtime: 'test' });
  api = createClient({
    invoke: (channel, input) =>
      core.router.dispatch(channel, input, { caller: 'test', emit: () => undefined }),
    on: () => () => undefined,
  });
});
afterAll(() => d.cleanup());

describe('readVerifiedPublicKey', () => {
  it('gives exactly the public key puttygen and ssh-keygen derive from untampered files', async () => {
    expect(publicKeyToOpenSSH((await verify('rsa-a.ppk')).publicKey)).toBe(publicLineOf('rsa-a.ppk'));
    expect(publicKeyToOpenSSH((await verify('rsa-enc.ppk', 'correct horse')).publicKey)).toBe(
      publicLineOf('rsa-enc.ppk'),
    );
    expect(`${publicKeyToOpenSSH((await verify('ed-enc', 'correct horse')).publicKey)}\n`).toBe(
      d.read('ed-enc.pub'),
    );
  });

  it('refuses a PPK whose MAC was altered, or whose public half was swapped (MAC recomputed or not)', async () => {
    // puttygen itself refuses these files too.
    expect(() =>
      peer('puttygen', [d.path('swap-mac.ppk'), '-O', 'private-openssh', '-o', '/dev/null']),
    ).toThrow();
    await expect(verify('mac.ppk')).rejects.toMatchObject({ code: keyErrorCodes.macMismatch });
    await expect(verify('swap.ppk')).rejects.toMatchObject({ code: keyErrorCodes.macMismatch });
    await expect(verify('swap-mac.ppk')).rejects.toMatchObject({ code: keyErrorCodes.mismatchedHalves });
    await expect(verify('swap-mac2.ppk')).rejects.toMatchObject({ code: keyErrorCodes.mismatchedHalves });
  });

  it('needs the passphrase of an encrypted file before believing its public half, then finds the swap', async () => {
    await expect(verify('swap-enc.ppk')).rejects.toMatchObject({ code: keyErrorCodes.passphraseRequired });
    await expect(verify('swap-enc.ppk', 'correct horse')).rejects.toMatchObject({
      code: keyErrorCodes.macMismatch,
    });
    await expect(verify('swap-openssh-enc')).rejects.toMatchObject({
      code: keyErrorCodes.passphraseRequired,
    });
    await expect(verify('swap-openssh-enc', 'correct horse')).rejects.toMatchObject({
      code: keyErrorCodes.mismatchedHalves,
    });
  });

  it('refuses OpenSSH and PEM files whose stored public half is not the private half’s', async () => {
    await expect(verify('swap-openssh')).rejects.toMatchObject({ code: keyErrorCodes.mismatchedHalves });
    await expect(verify('foreign-n.pem')).rejects.toMatchObject({ code: keyErrorCodes.mismatchedHalves });
    await expect(verify('foreign-point.pem')).rejects.toMatchObject({ code: keyErrorCodes.mismatchedHalves });
  });
});

describe('every path that yields a public key from a private key file', () => {
  const tampered = ['swap-mac.ppk', 'swap-openssh', 'foreign-n.pem', 'foreign-point.pem'];

  it('keys:publicKey and keys:inspect refuse tampered files and give no public key for an unopened one', async () => {
    for (const file of tampered) {
      const source = { kind: 'file', path: d.path(file) } as const;
      await expect(api.invoke('keys:publicKey', { source, format: 'openssh' })).rejects.toMatchObject({
        code: keyErrorCodes.mismatchedHalves,
      });
      await expect(api.invoke('keys:inspect', { source })).rejects.toMatchObject({
        code: keyErrorCodes.mismatchedHalves,
      });
    }
    const locked = { kind: 'file', path: d.path('swap-enc.ppk') } as const;
    await expect(api.invoke('keys:publicKey', { source: locked, format: 'openssh' })).rejects.toMatchObject({
      code: keyErrorCodes.passphraseRequired,
    });
    const info = await api.invoke('keys:inspect', { source: locked });
    expect(info).toMatchObject({ kind: 'private', format: 'ppk3', encrypted: true });
    expect(info.publicKey).toBeUndefined();
    expect(info.fingerprints).toBeUndefined();
  });

  it('the CLI pubkey and fingerprint print nothing for a tampered file and exit 1 naming it', async () => {
    const run = cliInPeerDir(() => d);
    expect(await run('pubkey', 'swap-mac.ppk')).toEqual({
      code: 1,
      stdout: '',
      stderr: `keyrescue pubkey: ${d.path('swap-mac.ppk')}: the public and private parts of the file do not belong to the same key (p·q ≠ n); it was damaged or altered.\n`,
    });
    const fp = await run('fingerprint', 'swap-openssh', 'ed-b');
    expect(fp.code).toBe(1);
    expect(fp.stdout).not.toContain('swap-openssh');
    expect(fp.stderr).toContain(`${d.path('swap-openssh')}: the public and private parts`);
    const locked = await run('pubkey', 'swap-enc.ppk');
    expect(locked.code).toBe(1);
    expect(locked.stdout).toBe('');
    expect(locked.stderr).toContain('--passphrase-file');
  });

  it('the local key scan matches nothing on a tampered or unopened file, and reports the tampered one', async () => {
    for (const file of tampered) {
      const scan = await scanLocalKeys({ folders: [], files: [d.path(file)] });
      expect(scan.keys).toEqual([]);
      expect(scan.problems.map((problem) => [problem.path, problem.kind])).toEqual([
        [d.path(file), 'damaged'],
      ]);
    }
    const locked = await scanLocalKeys({ folders: [], files: [d.path('swap-enc.ppk')] });
    expect(locked.keys.map((key) => key.info)).toMatchObject([{ status: 'needsPassphrase', sha256: null }]);
    expect(locked.keys[0]?.blob).toBeUndefined();
  });
});
