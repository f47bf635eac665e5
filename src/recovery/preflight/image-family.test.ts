import { describe, expect, it } from 'vitest';
import { defaultUserFor, describeImage, shipsInstanceConnect, type ImageDescription } from './image-family';

// Real AMI names/owners as DescribeImages returns them (AWS, Canonical, Debian, Red Hat, … publishers).
const cases: [ImageDescription, string, string | null, 'yes' | 'no' | 'unknown'][] = [
  [
    { name: 'al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64', ownerId: '137112412989' },
    'amazonLinux2023',
    'ec2-user',
    'yes',
  ],
  [
    { name: 'amzn2-ami-kernel-5.10-hvm-2.0.20241113.1-x86_64-gp2', ownerId: '137112412989' },
    'amazonLinux2',
    'ec2-user',
    'yes',
  ],
  [
    { name: 'amzn2-ami-hvm-2.0.20190313-x86_64-gp2', ownerId: '137112412989' },
    'amazonLinux2',
    'ec2-user',
    'no',
  ],
  [
    { name: 'amzn-ami-hvm-2018.03.0.20231218.0-x86_64-gp2', ownerId: '137112412989' },
    'amazonLinux1',
    'ec2-user',
    'no',
  ],
  [
    { name: 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241119', ownerId: '099720109477' },
    'ubuntu',
    'ubuntu',
    'yes',
  ],
  [
    { name: 'ubuntu/images/hvm-ssd/ubuntu-focal-20.04-amd64-server-20240112', ownerId: '099720109477' },
    'ubuntu',
    'ubuntu',
    'yes',
  ],
  [
    { name: 'ubuntu/images/hvm-ssd/ubuntu-bionic-18.04-amd64-server-20230531', ownerId: '099720109477' },
    'ubuntu',
    'ubuntu',
    'no',
  ],
  [{ name: 'debian-12-amd64-20241125-1942', ownerId: '136693071363' }, 'debian', 'admin', 'no'],
  [
    { name: 'RHEL-9.4.0_HVM-20240605-x86_64-82-Hourly2-GP3', ownerId: '309956199498' },
    'rhel',
    'ec2-user',
    'no',
  ],
  [{ name: 'CentOS Linux 7 x86_64 HVM EBS ENA 2002_01', ownerId: '125523088429' }, 'centos', 'centos', 'no'],
  [{ name: 'Rocky-9-EC2-Base-9.4-20240523.0.x86_64', ownerId: '792107900819' }, 'rocky', 'rocky', 'no'],
  [{ name: 'AlmaLinux OS 9.4.20240805 x86_64', ownerId: '764336703387' }, 'alma', 'ec2-user', 'no'],
  [{ name: 'Fedora-Cloud-Base-AmazonEC2.x86_64-40-1.14', ownerId: '125523088429' }, 'fedora', 'fedora', 'no'],
  [{ name: 'suse-sles-15-sp6-v20240808-hvm-ssd-x86_64', ownerId: '013907871322' }, 'suse', 'ec2-user', 'no'],
  [{ name: 'OL9.4-x86_64-HVM-2024-06-17', ownerId: '131827586825' }, 'oracle', 'ec2-user', 'no'],
  [
    { name: 'bitnami-wordpress-6.6.2-r0-debian-12-amd64', ownerId: '979382823631' },
    'bitnami',
    'bitnami',
    'no',
  ],
  [{ name: 'FreeBSD 14.1-RELEASE-amd64', ownerId: '782442783595' }, 'freebsd', 'ec2-user', 'no'],
  [{ name: 'Windows_Server-2022-English-Full-Base-2024.11.13', platform: 'windows' }, 'windows', null, 'no'],
  // Only the owner is known (a copied AMI with a custom name): the publisher decides.
  [{ name: 'golden-image-2024', ownerId: '099720109477' }, 'ubuntu', 'ubuntu', 'unknown'],
  [
    { name: 'golden-image-2024', ownerId: '111122223333', description: 'Debian 12 base' },
    'debian',
    'admin',
    'no',
  ],
  [{ name: 'my-app-image', ownerId: '111122223333' }, 'unknown', null, 'unknown'],
  [{}, 'unknown', null, 'unknown'],
];

describe('the login user and Instance Connect support come from the image', () => {
  it.each(cases)('%o → %s', (image, family, user, eic) => {
    const described = describeImage(image);
    expect(described.family).toBe(family);
    expect(defaultUserFor(described.family)).toBe(user);
    expect(shipsInstanceConnect(described)).toBe(eic);
  });

  it('knows nothing without an image', () => {
    expect(shipsInstanceConnect(null)).toBe('unknown');
  });
});
