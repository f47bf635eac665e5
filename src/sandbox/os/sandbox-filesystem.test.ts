import { describe, expect, it } from 'vitest';
import { bootInstance } from './cloud-init.js';
import { InstanceOs } from './instance-os.js';
import { OS_IMAGES, createImageFilesystem } from './os-images.js';
import { parseSandboxFilesystem, putFile, readFileText } from './sandbox-filesystem.js';
import { newInstanceOs } from './test-support.js';

describe('SandboxFilesystem JSON', () => {
  it('round-trips through JSON after a boot and shell edits, and the restored disk behaves the same', async () => {
    const os = newInstanceOs('al2023');
    await bootInstance(os, {
      instanceId: 'i-json',
      keyPairPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJson k',
    });
    putFile(os.rootFilesystem, '/opt/blob.bin', new Uint8Array([0, 255, 10, 13, 128]));
    await os.exec('sudo ln -s /opt/blob.bin /opt/link && umask 077 && echo secret > ~/private', {
      user: 'ec2-user',
    });

    const restored = parseSandboxFilesystem(JSON.parse(JSON.stringify(os.rootFilesystem)));
    expect(restored).toEqual(os.rootFilesystem);
    const again = new InstanceOs({
      root: { device: '/dev/xvda', partition: '/dev/xvda1', filesystem: restored },
    });
    const r = await again.exec(
      'stat -c "%U %a %s" ~/private ~/.ssh/authorized_keys; readlink /opt/link; base64 /opt/link',
      { user: 'ec2-user' },
    );
    expect(r.stdout).toBe('ec2-user 600 7\nec2-user 600 44\n/opt/blob.bin\nAP8KDYA=\n');
    // Booting the restored disk as the same instance is not a first boot.
    expect((await bootInstance(again, { instanceId: 'i-json' })).firstBoot).toBe(false);
  });

  it('rejects malformed state', () => {
    const fs = createImageFilesystem('debian-12');
    expect(() => parseSandboxFilesystem({ ...fs, fsType: 'btrfs' })).toThrow();
    expect(() =>
      parseSandboxFilesystem({
        ...fs,
        entries: { '/etc': { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: 0 } },
      }),
    ).toThrow('no root directory');
    expect(() =>
      parseSandboxFilesystem({
        ...fs,
        entries: { ...fs.entries, '/x': { type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: 0 } },
      }),
    ).toThrow();
  });

  it('builds every image with its default user, os-release and agents', () => {
    const facts = OS_IMAGES.map((image) => {
      const fs = createImageFilesystem(image.id);
      return {
        id: image.id,
        fsType: fs.fsType,
        uuid: fs.uuid === image.rootUuid,
        user: readFileText(fs, '/etc/passwd')?.includes(`${image.defaultUser}:x:1000:1000:`) ?? false,
        osRelease: (readFileText(fs, '/usr/lib/os-release') ?? readFileText(fs, '/etc/os-release'))?.match(
          /^PRETTY_NAME="(.*)"$/m,
        )?.[1],
        ssm: [
          '/usr/bin/amazon-ssm-agent',
          '/snap/bin/amazon-ssm-agent',
          '/Program Files/Amazon/SSM/amazon-ssm-agent.exe',
        ].some((p) => fs.entries[p]),
        eic: Object.keys(fs.entries).some((p) => p.includes('eic_run_authorized_keys')),
      };
    });
    expect(facts).toEqual([
      {
        id: 'al2023',
        fsType: 'xfs',
        uuid: true,
        user: true,
        osRelease: 'Amazon Linux 2023.6.20241121',
        ssm: true,
        eic: true,
      },
      {
        id: 'ubuntu-24.04',
        fsType: 'ext4',
        uuid: true,
        user: true,
        osRelease: 'Ubuntu 24.04.1 LTS',
        ssm: true,
        eic: true,
      },
      {
        id: 'debian-12',
        fsType: 'ext4',
        uuid: true,
        user: true,
        osRelease: 'Debian GNU/Linux 12 (bookworm)',
        ssm: false,
        eic: false,
      },
      {
        id: 'windows-2022',
        fsType: 'ntfs',
        uuid: true,
        user: false,
        osRelease: undefined,
        ssm: true,
        eic: false,
      },
    ]);
    for (const image of OS_IMAGES)
      expect(image.ssmAgent === facts.find((f) => f.id === image.id)?.ssm).toBe(true);
  });
});
