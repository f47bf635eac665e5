/**
 * The sandbox's OS images (what an AMI contains): facts the EC2 API reports about them and a
 * builder for each image's root filesystem. Every volume created from an image gets the image's
 * filesystem UUID — like a real AMI snapshot — which is why two AL2023 roots clash on XFS mount.
 */
import type { SandboxFilesystem, SandboxFsType } from './sandbox-filesystem.js';
import { createEmptyFilesystem, putDir, putFile, putSymlink } from './sandbox-filesystem.js';
import * as files from './image-files.js';

/** Ids of the built-in images. */
export type OsImageId = 'al2023' | 'ubuntu-24.04' | 'debian-12' | 'windows-2022';

/** What the sandbox server needs to know about an image. */
export interface OsImage {
  id: OsImageId;
  name: string;
  description: string;
  platform: 'linux' | 'windows';
  /** DescribeInstances PlatformDetails. */
  platformDetails: 'Linux/UNIX' | 'Windows';
  /** Login user ('Administrator' on Windows, which has no SSH here). */
  defaultUser: string;
  rootFsType: SandboxFsType;
  rootLabel: string;
  /** UUID baked into the image's root filesystem. */
  rootUuid: string;
  /** RootDeviceName as EC2 reports it. */
  rootDeviceName: string;
  /** Root volume carries a partition table (kernel shows nvme0n1p1 / xvda1). */
  partitioned: boolean;
  ssh: boolean;
  ssmAgent: boolean;
  instanceConnect: boolean;
  cloudInit: boolean;
  /** What /bin/sh is: bash on Amazon Linux, dash on Ubuntu and Debian, none on Windows. */
  binSh: 'bash' | 'dash' | null;
  architecture: 'x86_64';
}

/** The built-in images. */
export const OS_IMAGES: readonly OsImage[] = [
  {
    id: 'al2023',
    name: 'al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64',
    description: 'Amazon Linux 2023 AMI 2023.6.20241121.0 x86_64 HVM kernel-6.1',
    platform: 'linux',
    platformDetails: 'Linux/UNIX',
    defaultUser: 'ec2-user',
    rootFsType: 'xfs',
    rootLabel: '/',
    rootUuid: '6a2e44d1-2f7c-4d3a-9a54-0c3a1b3e5f21',
    rootDeviceName: '/dev/xvda',
    partitioned: true,
    ssh: true,
    ssmAgent: true,
    instanceConnect: true,
    cloudInit: true,
    binSh: 'bash',
    architecture: 'x86_64',
  },
  {
    id: 'ubuntu-24.04',
    name: 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241119',
    description: 'Canonical, Ubuntu, 24.04, amd64 noble image',
    platform: 'linux',
    platformDetails: 'Linux/UNIX',
    defaultUser: 'ubuntu',
    rootFsType: 'ext4',
    rootLabel: 'cloudimg-rootfs',
    rootUuid: 'c0a1f3e2-7b6d-4e59-8f0a-2d4c6b8e1a37',
    rootDeviceName: '/dev/sda1',
    partitioned: true,
    ssh: true,
    ssmAgent: true,
    instanceConnect: true,
    cloudInit: true,
    binSh: 'dash',
    architecture: 'x86_64',
  },
  {
    id: 'debian-12',
    name: 'debian-12-amd64-20241125-1942',
    description: 'Debian 12 (20241125-1942)',
    platform: 'linux',
    platformDetails: 'Linux/UNIX',
    defaultUser: 'admin',
    rootFsType: 'ext4',
    rootLabel: '',
    rootUuid: '3f9d2b71-58c4-4a0e-b6d2-91e7c5a40f18',
    rootDeviceName: '/dev/xvda',
    partitioned: true,
    ssh: true,
    ssmAgent: false,
    instanceConnect: false,
    cloudInit: true,
    binSh: 'dash',
    architecture: 'x86_64',
  },
  {
    id: 'windows-2022',
    name: 'Windows_Server-2022-English-Full-Base-2024.11.13',
    description: 'Microsoft Windows Server 2022 Full Locale English AMI',
    platform: 'windows',
    platformDetails: 'Windows',
    defaultUser: 'Administrator',
    rootFsType: 'ntfs',
    rootLabel: '',
    rootUuid: '6E8C5F3A8C5F0123',
    rootDeviceName: '/dev/sda1',
    partitioned: true,
    ssh: false,
    ssmAgent: true,
    instanceConnect: false,
    cloudInit: false,
    binSh: null,
    architecture: 'x86_64',
  },
];

/** Looks an image up by id; throws for an unknown id. */
export function getOsImage(id: OsImageId | string): OsImage {
  const image = OS_IMAGES.find((i) => i.id === id);
  if (!image)
    throw new Error(`Unknown sandbox OS image "${id}"; known: ${OS_IMAGES.map((i) => i.id).join(', ')}`);
  return image;
}

/** Builds a fresh root filesystem of an image (pass `uuid` only to model a re-made filesystem). */
export function createImageFilesystem(
  id: OsImageId | string,
  opts: { uuid?: string } = {},
): SandboxFilesystem {
  const image = getOsImage(id);
  const fs = createEmptyFilesystem({
    fsType: image.rootFsType,
    label: image.rootLabel,
    uuid: opts.uuid ?? image.rootUuid,
  });
  if (image.platform === 'windows') {
    buildWindows(fs);
    return fs;
  }
  buildLinuxBase(fs);
  if (image.id === 'al2023') buildAl2023(fs);
  else if (image.id === 'ubuntu-24.04')
    buildDebianFamily(
      fs,
      'ubuntu',
      files.UBUNTU_PASSWD,
      files.UBUNTU_GROUP,
      files.UBUNTU_OS_RELEASE,
      'Ubuntu',
      'adm, cdrom, dip, lxd, sudo',
      true,
    );
  else
    buildDebianFamily(
      fs,
      'admin',
      files.DEBIAN_PASSWD,
      files.DEBIAN_GROUP,
      files.DEBIAN_OS_RELEASE,
      'Debian',
      'adm, dialout, cdrom, floppy, sudo, audio, dip, video, plugdev',
      false,
    );
  return fs;
}

function buildLinuxBase(fs: SandboxFilesystem): void {
  for (const dir of [
    '/usr/bin',
    '/usr/sbin',
    '/usr/lib',
    '/usr/share',
    '/etc/ssh/sshd_config.d',
    '/etc/cloud',
    '/home',
    '/var/log',
    '/var/lib/cloud',
    '/mnt',
    '/boot',
    '/run',
    '/proc',
    '/dev',
    '/opt',
    '/srv',
    '/media',
  ]) {
    putDir(fs, dir);
  }
  putSymlink(fs, '/bin', 'usr/bin');
  putSymlink(fs, '/sbin', 'usr/sbin');
  putSymlink(fs, '/lib', 'usr/lib');
  putDir(fs, '/tmp', { mode: 0o1777 });
  putDir(fs, '/var/tmp', { mode: 0o1777 });
  putDir(fs, '/etc/sudoers.d', { mode: 0o750 });
  putFile(fs, '/etc/ssh/sshd_config', files.SSHD_CONFIG, { mode: 0o600 });
  putFile(fs, '/etc/hostname', 'localhost\n');
  putFile(fs, '/etc/fstab', '');
  // Built-in commands appear as virtual /usr/bin/<name>; sbin paths some scripts call directly:
  for (const tool of ['sshd', 'blkid', 'restorecon', 'selinuxenabled', 'getenforce'])
    putSymlink(fs, `/usr/sbin/${tool}`, `../bin/${tool}`);
}

function addHome(fs: SandboxFilesystem, home: string, uid: number, gid: number, mode: number): void {
  putDir(fs, home, { mode, uid, gid });
  putFile(fs, `${home}/.bashrc`, files.SKEL_BASHRC, { uid, gid });
  putFile(fs, `${home}/.bash_profile`, files.SKEL_PROFILE, { uid, gid });
}

function buildAl2023(fs: SandboxFilesystem): void {
  putFile(fs, '/etc/os-release', files.AL2023_OS_RELEASE);
  putFile(fs, '/etc/system-release', 'Amazon Linux release 2023.6.20241121 (Amazon Linux)\n');
  putFile(fs, '/etc/passwd', files.AL2023_PASSWD);
  putFile(fs, '/etc/group', files.AL2023_GROUP);
  putFile(fs, '/etc/shadow', 'root:*LOCK*:14600::::::\nec2-user:!!:20050:0:99999:7:::\n', { mode: 0o000 });
  putFile(fs, '/etc/sudoers', files.sudoers('wheel'), { mode: 0o440 });
  putFile(fs, '/etc/sudoers.d/90-cloud-init-users', files.cloudInitSudoers('ec2-user'), { mode: 0o440 });
  putFile(
    fs,
    '/etc/cloud/cloud.cfg',
    files.cloudCfg('ec2-user', 'EC2 Default User', 'wheel, adm, systemd-journal'),
  );
  putDir(fs, '/root', { mode: 0o550 });
  addHome(fs, '/home/ec2-user', 1000, 1000, 0o700);
  putFile(fs, '/usr/bin/amazon-ssm-agent', '#!/bin/bash\n# amazon-ssm-agent 3.3.1142.0\n', { mode: 0o755 });
  putFile(
    fs,
    '/opt/aws/bin/eic_run_authorized_keys',
    '#!/bin/sh\n# ec2-instance-connect: keys come from IMDS\n',
    { mode: 0o755 },
  );
  putFile(
    fs,
    '/etc/ssh/sshd_config.d/60-ec2-instance-connect.conf',
    files.eicSshdDropIn('/opt/aws/bin/eic_run_authorized_keys'),
    { mode: 0o600 },
  );
  putFile(fs, '/etc/selinux/config', 'SELINUX=permissive\nSELINUXTYPE=targeted\n');
}

function buildDebianFamily(
  fs: SandboxFilesystem,
  user: string,
  passwd: string,
  group: string,
  osRelease: string,
  gecos: string,
  groups: string,
  ubuntu: boolean,
): void {
  putFile(fs, '/usr/lib/os-release', osRelease);
  putSymlink(fs, '/etc/os-release', '../usr/lib/os-release');
  putFile(fs, '/etc/debian_version', ubuntu ? 'trixie/sid\n' : '12.8\n');
  putFile(fs, '/etc/passwd', passwd);
  putFile(fs, '/etc/group', group);
  putFile(fs, '/etc/shadow', `root:*:20050:0:99999:7:::\n${user}:!:20050:0:99999:7:::\n`, {
    mode: 0o640,
    gid: 42,
  });
  putFile(fs, '/etc/sudoers', files.sudoers('sudo'), { mode: 0o440 });
  putFile(fs, '/etc/sudoers.d/90-cloud-init-users', files.cloudInitSudoers(user), { mode: 0o440 });
  putFile(fs, '/etc/cloud/cloud.cfg', files.cloudCfg(user, gecos, groups));
  putDir(fs, '/root', { mode: 0o700 });
  addHome(fs, `/home/${user}`, 1000, 1000, 0o750);
  if (ubuntu) {
    putFile(fs, '/snap/bin/amazon-ssm-agent', '#!/bin/sh\n# snap amazon-ssm-agent 3.3.987.0\n', {
      mode: 0o755,
    });
    putFile(
      fs,
      '/usr/share/ec2-instance-connect/eic_run_authorized_keys',
      '#!/bin/sh\n# ec2-instance-connect: keys come from IMDS\n',
      { mode: 0o755 },
    );
    putFile(
      fs,
      '/etc/ssh/sshd_config.d/60-ec2-instance-connect.conf',
      files.eicSshdDropIn('/usr/share/ec2-instance-connect/eic_run_authorized_keys'),
      { mode: 0o644 },
    );
    putFile(fs, '/etc/ssh/sshd_config.d/60-cloudimg-settings.conf', 'PasswordAuthentication no\n');
  }
}

function buildWindows(fs: SandboxFilesystem): void {
  for (const dir of [
    '/Windows/System32/config',
    '/Program Files/Amazon/SSM',
    '/ProgramData/Amazon/EC2Launch/config',
    '/Users/Administrator/Desktop',
    '/Users/Public',
  ]) {
    putDir(fs, dir, { mode: 0o777 });
  }
  putFile(fs, '/Program Files/Amazon/SSM/amazon-ssm-agent.exe', 'MZ', { mode: 0o777 });
  putFile(
    fs,
    '/ProgramData/Amazon/EC2Launch/config/agent-config.yml',
    'version: 1.0\nconfig:\n  - stage: boot\n',
    { mode: 0o777 },
  );
}
