import { describe, expect, it } from 'vitest';
import { kernelDeviceNames } from './block-devices.js';
import { createImageFilesystem } from './os-images.js';
import { createEmptyFilesystem, readFileText } from './sandbox-filesystem.js';
import { newInstanceOs } from './test-support.js';

const run = (os: ReturnType<typeof newInstanceOs>, cmd: string, cwd?: string) =>
  os.exec(cmd, { user: 'ec2-user', ...(cwd ? { cwd } : {}) });

describe('kernelDeviceNames', () => {
  it('maps EC2 device names to NVMe (Nitro) and xvd (Xen) kernel names', () => {
    expect(
      kernelDeviceNames({ requestedDevice: '/dev/sdf', nitro: true, nvmeIndex: 1, partitioned: true }),
    ).toEqual({ device: '/dev/nvme1n1', partition: '/dev/nvme1n1p1' });
    expect(
      kernelDeviceNames({ requestedDevice: '/dev/sdf', nitro: false, nvmeIndex: 1, partitioned: false }),
    ).toEqual({ device: '/dev/xvdf' });
    expect(
      kernelDeviceNames({ requestedDevice: '/dev/sda1', nitro: false, nvmeIndex: 0, partitioned: true }),
    ).toEqual({ device: '/dev/xvda', partition: '/dev/xvda1' });
  });
});

describe('attached volumes: lsblk, blkid, mount, umount', () => {
  it('lists an attached root volume and mounts a twin XFS only with -o nouuid', async () => {
    const os = newInstanceOs('al2023');
    const target = createImageFilesystem('al2023'); // same AMI → same XFS UUID as the rescue root
    os.attachDevice({
      device: '/dev/nvme1n1',
      partition: '/dev/nvme1n1p1',
      filesystem: target,
      volumeId: 'vol-0bbbbbbbbbbbbbbb2',
    });
    expect((await run(os, 'lsblk')).stdout).toBe(
      [
        'NAME        MAJ:MIN RM SIZE RO TYPE MOUNTPOINTS',
        'nvme0n1     259:0    0   8G  0 disk',
        '└─nvme0n1p1 259:1    0   8G  0 part /',
        'nvme1n1     259:2    0   8G  0 disk',
        '└─nvme1n1p1 259:3    0   8G  0 part',
        '',
      ].join('\n'),
    );
    expect((await run(os, 'lsblk -o NAME,SERIAL,FSTYPE -n -l /dev/nvme1n1')).stdout).toBe(
      'nvme1n1   vol0bbbbbbbbbbbbbbb2\nnvme1n1p1                      xfs\n',
    );
    expect((await run(os, 'sudo blkid -o value -s UUID /dev/nvme1n1p1')).stdout).toBe(`${target.uuid}\n`);

    expect((await run(os, 'mount /dev/nvme1n1p1 /mnt')).exitCode).toBe(32); // not root
    const twin = await run(os, 'sudo mkdir -p /mnt/rescue && sudo mount /dev/nvme1n1p1 /mnt/rescue');
    expect(twin.exitCode).toBe(32);
    expect(twin.stderr).toContain(
      'mount: /mnt/rescue: wrong fs type, bad option, bad superblock on /dev/nvme1n1p1',
    );
    expect((await run(os, 'sudo dmesg | tail -n 1')).stdout).toContain(
      `Filesystem has duplicate UUID ${target.uuid} - can't mount`,
    );
    const whole = await run(os, 'sudo mount -o nouuid /dev/nvme1n1 /mnt/rescue');
    expect(whole.exitCode).toBe(32); // the whole disk holds a partition table, not a filesystem

    // Find the disk by its NVMe serial (the volume id), as a rescue script should.
    const byId = '/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_vol0bbbbbbbbbbbbbbb2';
    expect(
      (await run(os, `ls /dev/disk/by-id; readlink -f ${byId}-part1; ls /dev/disk/by-label`)).stdout,
    ).toBe(
      'nvme-Amazon_Elastic_Block_Store_vol0aaaaaaaaaaaaaaa1\nnvme-Amazon_Elastic_Block_Store_vol0aaaaaaaaaaaaaaa1-part1\n' +
        'nvme-Amazon_Elastic_Block_Store_vol0bbbbbbbbbbbbbbb2\nnvme-Amazon_Elastic_Block_Store_vol0bbbbbbbbbbbbbbb2-part1\n/dev/nvme1n1p1\n\\x2f\n',
    );
    expect(await run(os, `sudo mount -o nouuid ${byId}-part1 /mnt/rescue`)).toEqual({
      stdout: '',
      stderr: '',
      exitCode: 0,
    });
    // The mount persists across exec calls; writes land in the attached volume's filesystem.
    const edit = await run(
      os,
      'grep ^ec2-user: /mnt/rescue/etc/passwd | cut -d: -f3,4 && sudo mkdir /mnt/rescue/home/ec2-user/.ssh && echo "ssh-ed25519 AAAAnew k" | sudo tee -a /mnt/rescue/home/ec2-user/.ssh/authorized_keys >/dev/null && lsblk -o NAME,MOUNTPOINTS -n -l',
    );
    expect(edit.stdout).toBe('1000:1000\nnvme0n1\nnvme0n1p1 /\nnvme1n1\nnvme1n1p1 /mnt/rescue\n');
    expect(readFileText(target, '/home/ec2-user/.ssh/authorized_keys')).toBe('ssh-ed25519 AAAAnew k\n');
    expect(readFileText(os.rootFilesystem, '/home/ec2-user/.ssh/authorized_keys')).toBeUndefined();
    expect((await run(os, 'mount | grep rescue')).stdout).toBe(
      '/dev/nvme1n1p1 on /mnt/rescue type xfs (rw,relatime,nouuid)\n',
    );

    const busy = await run(os, 'sudo umount /mnt/rescue', '/mnt/rescue/home');
    expect(busy).toEqual({ stdout: '', stderr: 'umount: /mnt/rescue: target is busy.\n', exitCode: 32 });
    expect(await run(os, 'sudo umount /mnt/rescue && sudo umount /mnt/rescue')).toEqual({
      stdout: '',
      stderr: 'umount: /mnt/rescue: not mounted.\n',
      exitCode: 32,
    });
    expect(os.isDeviceMounted('/dev/nvme1n1')).toBe(false);
  });

  it('mounts ext4 read-only, refuses writes, and forgets mounts on detach', async () => {
    const os = newInstanceOs('al2023');
    const data = createImageFilesystem('ubuntu-24.04');
    os.attachDevice({ device: '/dev/nvme2n1', partition: '/dev/nvme2n1p1', filesystem: data });
    expect((await run(os, 'sudo mount -t xfs /dev/nvme2n1p1 /mnt')).exitCode).toBe(32);
    expect(
      (await run(os, 'sudo mount -o ro /dev/nvme2n1p1 /mnt && cat /mnt/etc/os-release | head -n 1')).stdout,
    ).toBe('PRETTY_NAME="Ubuntu 24.04.1 LTS"\n');
    const write = await run(os, 'sudo touch /mnt/x; echo "status=$?"');
    expect(write.stdout).toBe('status=1\n');
    expect(os.isDeviceMounted('/dev/nvme2n1')).toBe(true);
    os.detachDevice('/dev/nvme2n1');
    expect(os.isDeviceMounted('/dev/nvme2n1')).toBe(false);
    expect((await run(os, 'ls /mnt')).stdout).toBe('');
    expect((await run(os, 'lsblk -d -n -o NAME')).stdout).toBe('nvme0n1\n');
  });

  it('mounts a blank-disk filesystem placed directly on the device (Xen names)', async () => {
    const os = newInstanceOs('debian-12');
    const fs = createEmptyFilesystem({ fsType: 'ext4', label: 'data' });
    os.attachDevice({ device: '/dev/xvdf', filesystem: fs });
    const r = await os.exec(
      'sudo mkdir /data && sudo mount LABEL=data /data && sudo install -d -m 750 -o admin -g admin /data/a && stat -c "%U %a" /data/a && findmnt -n -o SOURCE,FSTYPE /data',
      { user: 'admin' },
    );
    expect(r).toEqual({ stdout: 'admin 750\n/dev/xvdf ext4\n', stderr: '', exitCode: 0 });
    expect(fs.entries['/a']).toMatchObject({ type: 'dir', uid: 1000, gid: 1000, mode: 0o750 });
  });
});
