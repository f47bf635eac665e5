import { spawnSync } from 'node:child_process';
import { chmod, chown, lstat, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The target account every prefix test uses: ids no real account here has. */
export const volumeUser = { name: 'kru', uid: 4242, gid: 4343 } as const;

/** A mounted system's root in a temp folder: etc/passwd with the target user, home/kru, etc/ssh. */
export interface Volume {
  /** Holds `root` and anything a test puts beside it (the script file, "host" folders). */
  dir: string;
  root: string;
  home: string;
  ssh: string;
  keysFile: string;
  remove(): Promise<void>;
}

export async function makeVolume(): Promise<Volume> {
  const dir = await mkdtemp(join(tmpdir(), 'keyrescue-volume-'));
  const root = join(dir, 'root');
  const home = join(root, 'home', volumeUser.name);
  await mkdir(join(root, 'etc', 'ssh'), { recursive: true });
  await mkdir(home, { recursive: true, mode: 0o755 });
  await chmod(home, 0o755);
  await chown(home, volumeUser.uid, volumeUser.gid);
  await writeFile(
    join(root, 'etc', 'passwd'),
    `root:x:0:0:root:/root:/bin/sh\n${volumeUser.name}:x:${volumeUser.uid}:${volumeUser.gid}:Key Rescue:/home/${volumeUser.name}:/bin/sh\n`,
  );
  const ssh = join(home, '.ssh');
  return {
    dir,
    root,
    home,
    ssh,
    keysFile: join(ssh, 'authorized_keys'),
    remove: async () => {
      // An immutable file left by a failed test would make rm fail and leave the folder behind.
      spawnSync('chattr', ['-R', '-i', dir], { stdio: 'ignore' });
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** mode (permission bits), uid and gid of a path, without following a symlink. */
export async function ownerAndMode(path: string): Promise<{ mode: number; uid: number; gid: number }> {
  const s = await lstat(path);
  return { mode: s.mode & 0o7777, uid: s.uid, gid: s.gid };
}

/** Backups the script left beside a file (`NAME.keyrescue-YYYYmmddTHHMMSSZ`). */
export async function backupsOf(folder: string, name = 'authorized_keys'): Promise<string[]> {
  return (await readdir(folder))
    .filter((entry) => entry.startsWith(`${name}.keyrescue-`))
    .map((entry) => join(folder, entry));
}

export async function readBytes(path: string): Promise<string> {
  return (await readFile(path)).toString('latin1');
}
