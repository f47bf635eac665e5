import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanLocalKeys } from './local-key-scan';
import { hasUnreadableFiles } from './local-scan-summary';
import { sshKeygen } from './test-support/local-keys';

/** What the scan makes of files that are not there, and of KeyRescue's own temp files, on a real disk. */
describe('scanLocalKeys: missing paths and atomic-write temp files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-scan-files-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes over writeFileAtomic temp files (`.NAME.PID.HEX.tmp`, and the older `.NAME.HEX.tmp`)', async () => {
    const ssh = join(dir, '.ssh');
    await mkdir(join(ssh, 'work'), { recursive: true });
    const key = join(ssh, 'id_ed25519');
    await sshKeygen(key, 'ed25519');
    // A killed convert's leftovers: whole copies of the private key under temp names.
    await copyFile(key, join(ssh, '.id_ed25519.4242.0123456789ab.tmp'));
    await copyFile(key, join(ssh, '.id_ed25519.0123456789ab.tmp'));
    await copyFile(key, join(ssh, 'work', '.deploy.pem.77.abcdef012345.tmp'));

    const scan = await scanLocalKeys({ folders: [{ path: ssh, kind: 'sshDir' }], files: [] });
    expect(scan.keys.map((found) => found.info.path)).toEqual([key]);
    expect(scan.problems).toEqual([]);
    expect(scan.sources).toEqual([{ kind: 'sshDir', path: ssh, keys: 1, status: 'ok' }]);
  });

  it('reports a missing file with the shared file.* codes, and counts it missing, not unreadable', async () => {
    const plain = join(dir, 'plain');
    await writeFile(plain, 'x\n');
    const gone = join(dir, 'gone.pem');
    const underFile = join(plain, 'key');
    const scan = await scanLocalKeys({
      folders: [join(dir, 'no-folder'), plain],
      files: [gone, underFile],
    });
    expect(scan.problems).toEqual([
      { path: gone, kind: 'unreadable', code: 'file.notFound', message: `${gone} does not exist.` },
      {
        path: underFile,
        kind: 'unreadable',
        code: 'file.notAFolder',
        message: `Part of the path ${underFile} is a file, not a folder.`,
      },
    ]);
    expect(scan.sources.map(({ path, status }) => [path, status])).toEqual([
      [join(dir, 'no-folder'), 'missing'],
      [plain, 'missing'],
      [gone, 'missing'],
      [underFile, 'missing'],
    ]);
    // A path that is not there holds no key: the scan is complete and a key pair may be called at risk.
    expect(hasUnreadableFiles(scan)).toBe(false);
  });
});
