import { createHash } from 'node:crypto';
import { OS_IMAGES, type OsImage } from './os';

/** An AMI of the sandbox: an OS image published in one region under a stable id. */
export interface SandboxAmi {
  imageId: string;
  region: string;
  os: OsImage;
  ownerId: string;
  ownerAlias: string;
  creationDate: string;
  snapshotId: string;
}

const owners: Record<string, string> = {
  al2023: '137112412989',
  'ubuntu-24.04': '099720109477',
  'debian-12': '136693071363',
  'windows-2022': '801119661308',
};

function stableId(prefix: string, seed: string): string {
  return `${prefix}-${createHash('sha256').update(seed).digest('hex').slice(0, 17)}`;
}

const amisByRegion = new Map<string, readonly SandboxAmi[]>();

/**
 * The AMIs of a region (the same OS images in every region, each with its own regional id).
 * Computed once per region: every described instance looks its AMI up.
 */
export function amisOf(region: string): readonly SandboxAmi[] {
  let amis = amisByRegion.get(region);
  if (!amis) {
    amis = Object.freeze(computeAmis(region));
    amisByRegion.set(region, amis);
  }
  return amis;
}

function computeAmis(region: string): SandboxAmi[] {
  return OS_IMAGES.map((os) => ({
    imageId: stableId('ami', `${region}/${os.id}`),
    region,
    os,
    ownerId: owners[os.id] ?? '137112412989',
    ownerAlias: 'amazon',
    creationDate: '2024-11-21T00:00:00.000Z',
    snapshotId: stableId('snap', `${region}/${os.id}`),
  }));
}

/** Finds an AMI of a region by id. */
export function findAmi(region: string, imageId: string): SandboxAmi | undefined {
  return amisOf(region).find((ami) => ami.imageId === imageId);
}

/** The AMI id of an OS image in a region (seeds use it). */
export function amiIdFor(region: string, osId: string): string {
  return stableId('ami', `${region}/${osId}`);
}

/** Nitro types expose EBS as NVMe; t2/m4/c4/r4 and older are Xen. */
export function isNitro(instanceType: string): boolean {
  return !/^(t1|t2|m1|m2|m3|m4|c1|c3|c4|r3|r4|i2|d2|x1)\./.test(instanceType);
}
