import { readFileSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../../app/clock';
import { fileErrorCodes } from '../../fs/file-errors';
import { AppError } from '../../ipc/app-error';
import { KeyFiles } from '../../keys/key-files';
import { makePeerDir, peer, type PeerDir } from '../../keys/test-support/peers';
import { prepareNewKey, type PreparedNewKey } from '../new-key/prepare-new-key';
import { writePpkCopy } from './ppk-copy';

// The PPK copy read back by the real puttygen 0.78: the public key it prints is the new key's line.

let d: PeerDir;
const posix = process.platform !== 'win32';

beforeEach(() => {
  d = makePeerDir('keyrescue-ppkcopy-');
});
afterEach(() => d.cleanup());

async function newKey(type: 'ed25519' | 'rsa'): Promise<PreparedNewKey> {
  return prepareNewKey(
    {
      choice: { kind: 'generate', type, outputPath: d.path(`id_${type}`), format: 'openssh' },
      instanceId: 'i-0123456789abcdef0',
      caller: 'cli',
    },
    { keyFiles: new KeyFiles(), clock: new TestClock('2026-03-04T00:00:00Z') },
  );
}

describe('writePpkCopy', () => {
  it('writes a PPK v3 (0600) that puttygen reads as the same public key, and remembers it', async () => {
    for (const type of ['ed25519', 'rsa'] as const) {
      const key = await newKey(type);
      const path = d.path(`copy-${type}.ppk`);
      const remembered: string[] = [];
      const keyFiles = new KeyFiles({
        written: { remember: async (paths) => void remembered.push(...paths) },
      });
      const result = await writePpkCopy(keyFiles, { path, ...key, caller: 'cli' });
      expect(result).toEqual({ path, status: 'written' });
      expect(readFileSync(path, 'utf8')).toMatch(/^PuTTY-User-Key-File-3: /);
      if (posix) expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(peer('puttygen', [path, '-O', 'public-openssh']).trim()).toBe(key.publicKeyLine);
      expect(remembered).toEqual([path]);
    }
  });

  it('with a passphrase: puttygen needs it, and reads the same key with it', async () => {
    const key = await newKey('ed25519');
    const path = d.path('protected.ppk');
    await writePpkCopy(new KeyFiles(), { path, ...key, passphrase: 'p4ss', caller: 'cli' });
    expect(readFileSync(path, 'utf8')).toMatch(/\nEncryption: aes256-cbc\nComment: .*\n/);
    const passFile = d.write('pass', 'p4ss\n');
    expect(peer('puttygen', [path, '--old-passphrase', passFile, '-O', 'public-openssh']).trim()).toBe(
      key.publicKeyLine,
    );
  });

  it('never over another file; a repeat finds its own copy', async () => {
    const key = await newKey('ed25519');
    const taken = d.write('taken.ppk', 'not mine to replace');
    const error = await writePpkCopy(new KeyFiles(), { path: taken, ...key, caller: 'cli' }).catch(
      (e: unknown) => e as AppError,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(fileErrorCodes.exists);
    expect(readFileSync(taken, 'utf8')).toBe('not mine to replace');

    const path = d.path('copy.ppk');
    await writePpkCopy(new KeyFiles(), { path, ...key, caller: 'cli' });
    const first = readFileSync(path, 'utf8');
    expect(await writePpkCopy(new KeyFiles(), { path, ...key, caller: 'cli' })).toEqual({
      path,
      status: 'alreadyPresent',
    });
    expect(readFileSync(path, 'utf8')).toBe(first);
  });
});
