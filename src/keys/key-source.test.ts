import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKeySource } from './key-source';
import { MAX_KEY_FILE_BYTES } from './key-text';
import { makePeerDir, type PeerDir } from './test-support/peers';

/** Reading a key file: only regular, small files are read; everything else is refused up front. */
let d: PeerDir;
beforeAll(() => {
  d = makePeerDir('keyrescue-key-source-');
  d.write('key', 'some key text\n');
  writeFileSync(d.path('huge'), Buffer.alloc(MAX_KEY_FILE_BYTES + 1));
  mkdirSync(d.path('folder'));
  execFileSync('mkfifo', [d.path('fifo')]);
});
afterAll(() => d.cleanup());

const load = (name: string) =>
  loadKeySource({ kind: 'file', path: name.startsWith('/') ? name : d.path(name) });

describe('loadKeySource', () => {
  it('reads a regular file whole', async () => {
    const loaded = await load('key');
    expect(Buffer.from(loaded.data).toString()).toBe('some key text\n');
    expect(loaded).toMatchObject({ label: d.path('key'), path: d.path('key') });
  });

  it('refuses folders, devices and FIFOs without waiting on them, and files over the limit', async () => {
    // A FIFO with no writer would block a plain open() for ever; it is refused at once instead.
    for (const name of ['folder', 'fifo', '/dev/zero'])
      await expect(load(name)).rejects.toMatchObject({ code: 'keys.notAFile' });
    await expect(load('huge')).rejects.toMatchObject({ code: 'keys.tooLarge' });
    await expect(load('missing')).rejects.toMatchObject({ code: 'keys.fileNotFound' });
  });
});
