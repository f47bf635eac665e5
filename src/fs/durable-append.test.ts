import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, open, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appendLineDurably, dropTornTail } from './durable-append';

const posix = process.platform !== 'win32';

describe('appendLineDurably (real files)', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'keyrescue-append-'));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  it('creates the file 0600 inside a new 0700 folder and appends whole lines in order', async () => {
    const path = join(root, 'journals', 'deep', 'r1.jsonl');
    expect(await appendLineDurably(path, '{"a":1}')).toEqual({ created: true, size: 8 });
    expect(await appendLineDurably(path, '{"b":"日本"}')).toEqual({ created: false, size: 8 + 15 });
    expect(await readFile(path, 'utf8')).toBe('{"a":1}\n{"b":"日本"}\n');
    if (posix) {
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect((await stat(join(root, 'journals'))).mode & 0o777).toBe(0o700);
      expect((await stat(join(root, 'journals', 'deep'))).mode & 0o777).toBe(0o700);
    }
  });

  it('tightens an existing KeyRescue folder others could read', async () => {
    const folder = join(root, 'journals');
    await mkdir(folder, { mode: 0o755 });
    await chmod(folder, 0o755);
    await appendLineDurably(join(folder, 'r.jsonl'), 'x');
    if (posix) expect((await stat(folder)).mode & 0o777).toBe(0o700);
  });

  it('fsyncs the file on every append and the folder only when the file is created', async () => {
    // A crash cannot be staged in a unit test, so the fsync calls themselves are observed: a spy
    // on the real FileHandle.sync (it still runs), with the descriptor's target read from /proc.
    const probe = await open(join(root, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
    await probe.close();
    const synced: string[] = [];
    const original = proto.sync;
    vi.spyOn(proto, 'sync').mockImplementation(async function (this: { fd: number }) {
      synced.push(process.platform === 'linux' ? readlinkSync(`/proc/self/fd/${this.fd}`) : '?');
      return original.call(this);
    });
    const folder = join(root, 'journals');
    const path = join(folder, 'r.jsonl');
    await appendLineDurably(path, 'first');
    if (process.platform !== 'linux') return;
    expect(synced).toEqual([path, folder]);
    synced.length = 0;
    await appendLineDurably(path, 'second');
    expect(synced).toEqual([path]);
  });

  it('keeps every line whole when many appends run at once', async () => {
    const path = join(root, 'j', 'r.jsonl');
    await appendLineDurably(path, 'start');
    const lines = Array.from({ length: 40 }, (_, i) => `line-${i}-${'x'.repeat(200)}`);
    await Promise.all(lines.map((line) => appendLineDurably(path, line)));
    const written = (await readFile(path, 'utf8')).split('\n');
    expect(written.pop()).toBe('');
    expect(written[0]).toBe('start');
    expect([...written.slice(1)].sort()).toEqual([...lines].sort());
  });

  it.skipIf(!posix)(
    'refuses a symlink at the path, existing or dangling, and writes nothing through it',
    async () => {
      const folder = join(root, 'j');
      await mkdir(folder, { mode: 0o700 });
      const target = join(root, 'victim.txt');
      await writeFile(target, 'precious\n');
      const link = join(folder, 'r.jsonl');
      await symlink(target, link);
      await expect(appendLineDurably(link, 'evil')).rejects.toMatchObject({
        code: 'file.symlinkRefused',
        message: `${link} is a symbolic link. KeyRescue never writes its records through a link; remove the link and try again.`,
      });
      expect(await readFile(target, 'utf8')).toBe('precious\n');

      const dangling = join(folder, 'd.jsonl');
      const nowhere = join(root, 'created-through-link');
      await symlink(nowhere, dangling);
      await expect(appendLineDurably(dangling, 'evil')).rejects.toMatchObject({
        code: 'file.symlinkRefused',
      });
      await expect(stat(nowhere)).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(dropTornTail(link)).rejects.toMatchObject({ code: 'file.symlinkRefused' });
    },
  );

  it.skipIf(!posix)('refuses a FIFO at the path at once instead of hanging', async () => {
    const fifo = join(root, 'fifo.jsonl');
    execFileSync('mkfifo', [fifo]);
    await expect(appendLineDurably(fifo, 'x')).rejects.toMatchObject({ code: 'file.notRegularFile' });
  });

  it('refuses a line with a line break or over the bound, writing nothing', async () => {
    const path = join(root, 'j', 'r.jsonl');
    await appendLineDurably(path, 'ok');
    await expect(appendLineDurably(path, 'a\nb')).rejects.toMatchObject({ code: 'file.lineInvalid' });
    await expect(appendLineDurably(path, 'a\rb')).rejects.toMatchObject({ code: 'file.lineInvalid' });
    await expect(appendLineDurably(path, 'x'.repeat(101), { maxLineBytes: 100 })).rejects.toMatchObject({
      code: 'file.lineInvalid',
      message: 'A line of 101 bytes is longer than the 100 allowed; nothing was written.',
    });
    // Bytes, not characters: 34 three-byte characters are 102 bytes.
    await expect(appendLineDurably(path, 'あ'.repeat(34), { maxLineBytes: 100 })).rejects.toMatchObject({
      code: 'file.lineInvalid',
    });
    await appendLineDurably(path, 'x'.repeat(100), { maxLineBytes: 100 });
    expect(await readFile(path, 'utf8')).toBe(`ok\n${'x'.repeat(100)}\n`);
  });

  it('refuses to append after a torn last line until dropTornTail cuts it off', async () => {
    const path = join(root, 'j', 'r.jsonl');
    await appendLineDurably(path, '{"seq":1}');
    // What a crash mid-write leaves: part of a line, no newline.
    await writeFile(path, '{"seq":2,"ki', { flag: 'a' });
    await expect(appendLineDurably(path, '{"seq":2}')).rejects.toMatchObject({
      code: 'file.unterminatedLine',
      message: `${path} ends in an unfinished line (a write cut short); nothing was appended.`,
    });
    expect(await dropTornTail(path)).toBe(12);
    expect(await dropTornTail(path)).toBe(0);
    await appendLineDurably(path, '{"seq":2}');
    expect(await readFile(path, 'utf8')).toBe('{"seq":1}\n{"seq":2}\n');
  });

  it('dropTornTail empties a file that holds only a torn line, across read blocks', async () => {
    const path = join(root, 'torn.jsonl');
    await writeFile(path, 'y'.repeat(10_000), { mode: 0o600 });
    expect(await dropTornTail(path)).toBe(10_000);
    expect(await readFile(path, 'utf8')).toBe('');
    const longer = join(root, 'longer.jsonl');
    await writeFile(longer, `a\n${'z'.repeat(9000)}`, { mode: 0o600 });
    expect(await dropTornTail(longer)).toBe(9000);
    expect(await readFile(longer, 'utf8')).toBe('a\n');
  });
});
