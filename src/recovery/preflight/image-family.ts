import type { ImageFacts, ImageFamily } from './preflight-facts';

/** What DescribeImages says about an AMI (any field may be missing on a private or deregistered one). */
export interface ImageDescription {
  name?: string;
  ownerId?: string;
  description?: string;
  platform?: string;
}

// Names first (most specific), then descriptions, then the publisher's account id. Order matters:
// "bitnami-…-ubuntu" is Bitnami, "amzn2" must not fall through to "amzn".
const namePatterns: [RegExp, ImageFamily][] = [
  [/bitnami/i, 'bitnami'],
  [/^windows|windows[_ -]server/i, 'windows'],
  [/al2023-ami|amazon linux 2023/i, 'amazonLinux2023'],
  [/amzn2-ami|amazon linux 2\b/i, 'amazonLinux2'],
  [/amzn-ami|amazon linux ami/i, 'amazonLinux1'],
  [/ubuntu/i, 'ubuntu'],
  [/debian/i, 'debian'],
  [/^rhel|red ?hat/i, 'rhel'],
  [/rocky/i, 'rocky'],
  [/almalinux/i, 'alma'],
  [/centos/i, 'centos'],
  [/fedora/i, 'fedora'],
  [/suse|sles/i, 'suse'],
  [/^ol\d|oracle ?linux/i, 'oracle'],
  [/freebsd/i, 'freebsd'],
];

/** Publishers' account ids in the commercial partition (AWS docs, distributions' own pages). */
const owners: Record<string, ImageFamily> = {
  '099720109477': 'ubuntu',
  '136693071363': 'debian',
  '309956199498': 'rhel',
  '792107900819': 'rocky',
  '764336703387': 'alma',
  '125523088429': 'centos',
  '013907871322': 'suse',
  '131827586825': 'oracle',
  '979382823631': 'bitnami',
  '782442783595': 'freebsd',
};

const defaultUsers: Record<ImageFamily, string | null> = {
  amazonLinux2023: 'ec2-user',
  amazonLinux2: 'ec2-user',
  amazonLinux1: 'ec2-user',
  ubuntu: 'ubuntu',
  debian: 'admin',
  rhel: 'ec2-user',
  centos: 'centos',
  rocky: 'rocky',
  alma: 'ec2-user',
  fedora: 'fedora',
  suse: 'ec2-user',
  oracle: 'ec2-user',
  bitnami: 'bitnami',
  freebsd: 'ec2-user',
  windows: null,
  unknown: null,
};

function familyOf(image: ImageDescription): ImageFamily {
  if (image.platform?.toLowerCase() === 'windows') return 'windows';
  for (const text of [image.name, image.description]) {
    if (!text) continue;
    const match = namePatterns.find(([pattern]) => pattern.test(text));
    if (match) return match[1];
  }
  return owners[image.ownerId ?? ''] ?? 'unknown';
}

/** Ubuntu `24.04`, Amazon Linux 2 build date `20190618`, read from the AMI name. */
function versionOf(family: ImageFamily, name: string): string | null {
  if (family === 'ubuntu') return /(\d{2}\.\d{2})/.exec(name)?.[1] ?? null;
  if (family === 'amazonLinux2') return /2\.0\.(\d{8})/.exec(name)?.[1] ?? null;
  return null;
}

export function describeImage(image: ImageDescription): ImageFacts {
  const family = familyOf(image);
  return {
    name: image.name ?? '',
    ownerId: image.ownerId ?? '',
    description: image.description ?? '',
    family,
    version: versionOf(family, image.name ?? ''),
  };
}

/** The login user cloud-init gives the key pair on this image family; null when it cannot be told. */
export function defaultUserFor(family: ImageFamily): string | null {
  return defaultUsers[family];
}

/**
 * Whether the image ships ec2-instance-connect: Amazon Linux 2 from 2.0.20190618, AL2023, Ubuntu
 * from 20.04 (research §2). Other families can install it, but nothing in the API says if they did.
 */
export function shipsInstanceConnect(image: ImageFacts | null): 'yes' | 'no' | 'unknown' {
  if (!image) return 'unknown';
  switch (image.family) {
    case 'amazonLinux2023':
      return 'yes';
    case 'amazonLinux2':
      return image.version === null ? 'unknown' : image.version >= '20190618' ? 'yes' : 'no';
    case 'ubuntu':
      return image.version === null ? 'unknown' : Number(image.version) >= 20.04 ? 'yes' : 'no';
    case 'unknown':
      return 'unknown';
    default:
      return 'no';
  }
}
