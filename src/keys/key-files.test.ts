import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import {
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../app/core';
import { staleTempAgeMs } from '../fs/atomic-temp-files';
import { encodePrivateKey, generatePrivateKey } from './index';
import { KeyFiles, writePrivateKeyFile, type PrivateKeyWrite } from './key-files';

const posix = process.platform !== 'win32';

async function opensshKey(comment: string): Promise<string> {
  return encodePrivateKey(await generatePrivateKey({ type: 'ed25519', comment }), { format: 'openssh' });
}

describe('KeyFiles, the one private key writer', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-keyfiles-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes 0600, never over an existing file unless asked, and remembers what it wrote', async () => {
    const remembered: string[][] = [];
    const files = new KeyFiles({ written: { remember: async (paths) => void remembered.push([...paths]) } });
    const path = join(dir, 'id_new');
    await files.writePrivateKey(path, 'first', { overwrite: false, caller: 'renderer' });
    if (posix) expect((await stat(path)).mode & 0o777).toBe(0o600);
    await expect(
      files.writePrivateKey(path, 'second', { overwrite: false, caller: 'renderer' }),
    ).rejects.toMatchObject({ code: 'file.exists', details: { path } });
    await expect(files.checkTarget(path, { overwrite: false, caller: 'cli' })).rejects.toThrow(
      `${path} already exists (use --force to replace it)`,
    );
    expect(await readFile(path, 'utf8')).toBe('first');
    await files.writePrivateKey(path, 'second', { overwrite: true, caller: 'renderer' });
    expect(await readFile(path, 'utf8')).toBe('second');
    expect(remembered).toEqual([[path], [path]]);
    expect(await readdir(dir)).toEqual(['id_new']);
  });

  it('writes a key pair as both files or neither', async () => {
    const files = new KeyFiles();
    const path = join(dir, 'pair');
    await mkdir(`${path}.pub`); // the .pub cannot be written: the private key must not stay
    await expect(
      files.writeKeyPair(path, 'private', 'ssh-ed25519 AAAA', { overwrite: true, caller: 'cli' }),
    ).rejects.toMatchObject({ code: 'file.isFolder' });
    expect((await readdir(dir)).sort()).toEqual(['pair.pub']);
    await rm(`${path}.pub`, { recursive: true });
    await writeFile(`${path}.pub`, 'kept');
    // Without overwrite an existing .pub refuses the pair before anything is written.
    await expect(
      files.writeKeyPair(path, 'private', 'ssh-ed25519 AAAA', { overwrite: false, caller: 'cli' }),
    ).rejects.toMatchObject({ code: 'file.exists', details: { path: `${path}.pub` } });
    expect(await readdir(dir)).toEqual(['pair.pub']);
  });

  it('writes a batch all or nothing: a failed write removes the files the batch created, and nothing is remembered', async () => {
    const remembered: string[] = [];
    // The one stand-in: a disk that fails on the third file (a real full disk cannot be made here).
    const failing: PrivateKeyWrite = async (path, text, options) => {
      if (path.endsWith('k2')) throw Object.assign(new Error('full'), { code: 'ENOSPC' });
      await writePrivateKeyFile(path, text, options);
    };
    const files = new KeyFiles({
      write: failing,
      written: { remember: async (paths) => void remembered.push(...paths) },
    });
    const batch = ['k0', 'k1', 'k2', 'k3'].map((name) => ({ path: join(dir, name), text: name }));
    const outcomes = await files.writeAll(batch, { overwrite: false, caller: 'cli', concurrency: 2 });
    expect(outcomes.map((outcome) => (outcome === undefined ? 'ok' : 'failed'))).toEqual([
      'ok',
      'ok',
      'failed',
      'ok',
    ]);
    expect(await readdir(dir)).toEqual([]);
    expect(remembered).toEqual([]);
    const ok = await new KeyFiles({
      written: { remember: async (paths) => void remembered.push(...paths) },
    }).writeAll(batch, { overwrite: false, caller: 'cli', concurrency: 2 });
    expect(ok).toEqual([undefined, undefined, undefined, undefined]);
    expect(remembered).toEqual(batch.map((file) => file.path));
  });
});

/**
 * C6: a process killed with SIGKILL in the middle of writing a key leaves its temp file behind (with
 * part of an unencrypted private key in it). The next run that writes into that folder removes it —
 * and nothing that merely looks like it.
 */
describe('temp files of a killed write', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-killed-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** Runs the real writeFileAtomic in a child that SIGKILLs itself while it waits on the fsync. */
  async function killedWrite(keyText: string, target: string): Promise<number> {
    const bundle = join(dir, 'atomic-write.cjs');
    await build({
      entryPoints: [resolve('src/fs/atomic-write.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'error',
    });
    // The fsync is the one moment a write waits (on the disk): the temp file holds the whole key,
    // and the rename or link has not happened. The child is killed right there.
    const script = `
      require('node:fs').fsync = () => process.kill(process.pid, 'SIGKILL');
      const { writeFileAtomic } = require(${JSON.stringify(bundle)});
      writeFileAtomic(${JSON.stringify(target)}, process.env.KEY_TEXT, { mode: 0o600, ownerOnly: true });
    `;
    const child = spawn(process.execPath, ['-e', script], {
      env: { ...process.env, KEY_TEXT: keyText },
      stdio: 'ignore',
    });
    const signal = await new Promise<NodeJS.Signals | null>((done) =>
      child.on('exit', (_code, sig) => done(sig)),
    );
    expect(signal).toBe('SIGKILL');
    await rm(bundle);
    return child.pid!;
  }

  it('the next convert into that folder removes the dead run’s temp file and leaves look-alikes alone', async () => {
    const out = join(dir, 'out');
    await mkdir(out);
    const secret = await opensshKey('killed');
    const deadPid = await killedWrite(secret, join(out, 'web.ppk'));
    const leftovers = (await readdir(out)).filter((name) => name.endsWith('.tmp'));
    expect(leftovers).toHaveLength(1);
    expect(leftovers[0]).toMatch(new RegExp(`^\\.web\\.ppk\\.${deadPid}\\.[0-9a-f]{12}\\.tmp$`));
    const leftover = join(out, leftovers[0]!);
    expect(await readFile(leftover, 'utf8')).toBe(secret);
    expect(secret).toContain('BEGIN OPENSSH PRIVATE KEY');

    // Things that are not a dead run's temp file, each of which must survive.
    const outside = join(dir, 'outside-target');
    await writeFile(outside, 'a file the symlink points at');
    const keep = {
      live: `.id_rsa.${process.ppid}.0123456789ab.tmp`, // a live process's write in progress
      own: `.id_rsa.${process.pid}.0123456789ab.tmp`, // this process's own write in progress
      freshLegacy: '.id_rsa.0123456789ab.tmp', // old naming, but recent
      noDot: `id_rsa.${deadPid}.0123456789ab.tmp`,
      upperHex: `.id_rsa.${deadPid}.0123456789AB.tmp`,
      shortHex: `.id_rsa.${deadPid}.0123456789a.tmp`,
      userTmp: '.notes.tmp',
      userFile: 'web.pem.tmp',
    };
    for (const name of Object.values(keep)) await writeFile(join(out, name), 'user data');
    const link = `.link.${deadPid}.0123456789ab.tmp`;
    await symlink(outside, join(out, link));
    const folder = `.dir.${deadPid}.0123456789ab.tmp`;
    await mkdir(join(out, folder));
    // An old-style temp file abandoned long ago is removed too.
    const oldLegacy = join(out, '.old.ppk.abcdefabcdef.tmp');
    await writeFile(oldLegacy, 'stale');
    const longAgo = new Date(Date.now() - staleTempAgeMs - 60_000);
    await utimes(oldLegacy, longAgo, longAgo);

    // The next run: a convert into that folder, through the router as the CLI drives it.
    const input = join(dir, 'input-key');
    await writeFile(input, await opensshKey('next'), { mode: 0o600 });
    const core = createCore({ userDataDir: join(dir, 'user-data'), runtime: 'test' });
    const envelope = await core.router.dispatch(
      'keys:convert',
      { items: [{ source: { kind: 'file', path: input } }], target: 'ppk3', outDir: out, allOrNothing: true },
      { caller: 'cli', emit: () => undefined },
    );
    await core.dispose();
    expect(envelope).toMatchObject({
      ok: true,
      value: { results: [{ ok: true, outputPath: join(out, 'input-key.ppk') }] },
    });

    expect((await readdir(out)).sort()).toEqual(
      [...Object.values(keep), link, folder, 'input-key.ppk'].sort(),
    );
    expect((await lstat(join(out, link))).isSymbolicLink()).toBe(true);
    expect(await readFile(outside, 'utf8')).toBe('a file the symlink points at');
    for (const name of Object.values(keep)) expect(await readFile(join(out, name), 'utf8')).toBe('user data');
  });
});
