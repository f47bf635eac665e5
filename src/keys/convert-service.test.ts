import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePrivateKey, generatePrivateKey } from './index';
import { convertKeys } from './convert-service';

/** The all-or-nothing batch (the CLI's mode) when a write fails after others have already landed. */
describe('convertKeys, all or nothing', () => {
  let dir: string;
  const names = Array.from({ length: 12 }, (_, i) => `key${i}`);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-convert-'));
    await mkdir(join(dir, 'in'));
    for (const name of names) {
      const key = await generatePrivateKey({ type: 'ed25519', comment: name });
      await writeFile(join(dir, 'in', name), await encodePrivateKey(key, { format: 'openssh' }), {
        mode: 0o600,
      });
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('removes every file it wrote when one write fails, and says which input failed', async () => {
    const out = join(dir, 'out');
    await mkdir(out);
    // A folder where key7.ppk would go: allowed past the checks by `overwrite`, so the write itself fails.
    await mkdir(join(out, 'key7.ppk'));
    const items = names.map((name) => ({ source: { kind: 'file' as const, path: join(dir, 'in', name) } }));
    const results = await convertKeys(
      { items, target: 'ppk3', outDir: out, overwrite: true, allOrNothing: true },
      () => undefined,
    );
    expect(await readdir(out)).toEqual(['key7.ppk']);
    expect(results.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual(
      names.map((name) => (name === 'key7' ? 'file.isFolder' : 'keys.batchAborted')),
    );
  });

  it('writes every file when nothing fails, reporting progress once per file', async () => {
    const out = join(dir, 'out-ok');
    await mkdir(out);
    const progress: number[] = [];
    const items = names.map((name) => ({ source: { kind: 'file' as const, path: join(dir, 'in', name) } }));
    const results = await convertKeys({ items, target: 'ppk3', outDir: out, allOrNothing: true }, (done) =>
      progress.push(done),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect((await readdir(out)).sort()).toEqual(names.map((name) => `${name}.ppk`).sort());
    expect(progress).toEqual(names.map((_, i) => i + 1));
  });

  it('refuses the later of two inputs that would be written to the same file, writing nothing', async () => {
    const out = join(dir, 'out-clash');
    await mkdir(out);
    const items = names.slice(0, 4).map((name, i) => ({
      source: { kind: 'file' as const, path: join(dir, 'in', name) },
      // key1 and key3 both name clash.ppk; the others get their own names.
      outputPath: join(out, i % 2 === 1 ? 'clash.ppk' : `${name}.ppk`),
    }));
    const results = await convertKeys({ items, target: 'ppk3', allOrNothing: true }, () => undefined);
    expect(results.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual([
      'keys.batchAborted',
      'keys.batchAborted',
      'keys.batchAborted',
      'keys.badOption',
    ]);
    const refused = results[3];
    expect(refused?.ok === false && refused.error.message).toContain(
      `two inputs would both be written to ${join(out, 'clash.ppk')}`,
    );
    expect(await readdir(out)).toEqual([]);
  });

  it('refuses an existing output without overwrite and leaves it untouched', async () => {
    const out = join(dir, 'out-exists');
    await mkdir(out);
    await writeFile(join(out, 'key5.ppk'), 'keep me');
    const items = names.map((name) => ({ source: { kind: 'file' as const, path: join(dir, 'in', name) } }));
    const results = await convertKeys(
      { items, target: 'ppk3', outDir: out, allOrNothing: true },
      () => undefined,
    );
    expect(results.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual(
      names.map((name) => (name === 'key5' ? 'file.exists' : 'keys.batchAborted')),
    );
    expect(await readdir(out)).toEqual(['key5.ppk']);
    expect(await readFile(join(out, 'key5.ppk'), 'utf8')).toBe('keep me');
  });
});
