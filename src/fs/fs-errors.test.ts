import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../app/core';
import type { HandlerContext } from '../ipc/router';
import { shownPath } from './fs-errors';

const run = promisify(execFile);
const ctx: HandlerContext = { caller: 'test', emit: () => undefined };

/**
 * Real file system failures on user paths, through the real router: each errno gets its own code
 * (never `ipc.internal`, "Unexpected error"), for reading keys, public keys, folders and writing keys.
 */
describe('file system errors on user paths have their own codes', () => {
  let dir: string;
  let core: Core;
  const paths: Record<string, string> = {};
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-fs-errors-'));
    core = createCore({ userDataDir: join(dir, 'user-data'), runtime: 'test', accounts: { homeDir: dir } });
    await symlink(join(dir, 'loop-b'), join(dir, 'loop-a'));
    await symlink(join(dir, 'loop-a'), join(dir, 'loop-b'));
    await writeFile(join(dir, 'a-file'), 'not a folder');
    paths.loop = join(dir, 'loop-a');
    paths.long = join(dir, 'x'.repeat(300));
    paths.nul = join(dir, 'key\0.pem');
    paths.notAFolder = join(dir, 'a-file', 'key');
  });
  afterAll(async () => {
    await core.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const expected = {
    loop: 'file.symlinkLoop',
    long: 'file.nameTooLong',
    nul: 'file.invalidPath',
    notAFolder: 'file.notAFolder',
  } as const;

  async function codeOf(channel: string, input: unknown): Promise<string> {
    const result = await core.router.dispatch(channel, input, ctx);
    if (result.ok) {
      // keys:convert reports per-item failures inside an ok envelope.
      const item = (result.value as { results?: Array<{ ok: boolean; error?: { code: string } }> })
        .results?.[0];
      return item && !item.ok && item.error ? item.error.code : 'ok';
    }
    return result.error.code;
  }

  for (const [name, code] of Object.entries(expected)) {
    it(`${name}: ${code} when reading a key, a public key or a folder, and when writing a key`, async () => {
      const path = paths[name] as string;
      const source = { kind: 'file', path };
      expect({
        inspect: await codeOf('keys:inspect', { source }),
        publicKey: await codeOf('keys:publicKey', { source }),
        convert: await codeOf('keys:convert', { items: [{ source }], target: 'ppk3' }),
        previewPublicKey: await codeOf('keypairs:previewPublicKey', { source }),
        addFolder: await codeOf('inventory:addFolder', { path }),
        // Writing: a path through the loop (the loop's own name exists, so writing it is "exists").
        generate: await codeOf('keys:generate', {
          type: 'ed25519',
          format: 'openssh',
          outputPath: name === 'loop' ? join(path, 'key') : path,
        }),
      }).toEqual({
        inspect: code,
        publicKey: code,
        convert: code,
        previewPublicKey: code,
        addFolder: code,
        generate: code,
      });
    });
  }

  it('messages show a NUL as "?" and cut a long path, so errors never echo unbounded input', async () => {
    const nul = await core.router.dispatch(
      'keys:inspect',
      { source: { kind: 'file', path: paths.nul } },
      ctx,
    );
    expect(!nul.ok && nul.error.message).toBe(
      `The path ${join(dir, 'key?.pem')} contains a NUL character, which no file name may hold. Choose the file again.`,
    );
    const huge = `/${'a'.repeat(4000)}`;
    expect(shownPath(huge)).toHaveLength(299);
    expect(shownPath(huge)).toMatch(/^\/a+…a+$/);
  });
});

/**
 * EACCES needs a user the kernel refuses: as root (CI containers) the real CLI runs as `nobody`
 * through setpriv; otherwise as the current user.
 */
describe.skipIf(process.platform === 'win32')('permission denied through the real CLI', () => {
  let dir: string;
  const asRoot = process.getuid?.() === 0;
  beforeAll(async () => {
    if (!existsSync('out/cli/keyrescue-main.cjs'))
      await run('node', ['scripts/build.mjs'], { timeout: 180_000 });
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-eacces-'));
    await chmod(dir, 0o755);
    await writeFile(join(dir, 'locked.pem'), 'x');
    await chmod(join(dir, 'locked.pem'), 0o000);
    await mkdir(join(dir, 'read-only'), { mode: 0o555 });
    await chmod(join(dir, 'read-only'), 0o555);
  }, 200_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function cli(...args: string[]) {
    const command = asRoot
      ? [
          'setpriv',
          ['--reuid=65534', '--regid=65534', '--clear-groups', 'node', 'out/cli/keyrescue.cjs', ...args],
        ]
      : ['node', ['out/cli/keyrescue.cjs', ...args]];
    try {
      await run(command[0] as string, command[1] as string[], {
        env: {
          PATH: process.env.PATH,
          HOME: dir,
          KEYRESCUE_HOME: join(dir, 'home'),
          KEYRESCUE_COMPILE_CACHE: 'off',
        },
      });
      return { code: 0, stderr: '' };
    } catch (error) {
      const e = error as { code: number; stderr: string };
      return { code: e.code, stderr: e.stderr };
    }
  }

  it('reading a key nobody may read, and writing into a read-only folder, say so', async () => {
    const read = await cli('fingerprint', join(dir, 'locked.pem'));
    expect(read.code).toBe(1);
    expect(read.stderr).toContain(`${join(dir, 'locked.pem')}: no permission to read the file.`);
    const write = await cli('generate', '--type', 'ed25519', '-o', join(dir, 'read-only', 'key'));
    expect(write.code).toBe(1);
    expect(write.stderr).toContain(`No permission to write ${join(dir, 'read-only', 'key')}.`);
    expect(`${read.stderr}${write.stderr}`).not.toMatch(/unexpected/i);
  });
});
