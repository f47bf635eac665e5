import {
  DescribeInstanceTypes$,
  type DescribeInstanceTypesRequest,
  type DescribeInstanceTypesResult,
  type InstanceTypeInfo,
} from '@aws-sdk/client-ec2';
import { apiError } from './api-error';
import { defineAction, type ActionDefinition } from './engine';
import { paginate } from './pagination';

// The instance types the sandbox knows, with what a recovery reads: instance store volumes (erased
// when the instance stops) and the architecture. Sizes as AWS publishes them.

interface TypeSpec {
  vcpus: number;
  memoryMiB: number;
  /** Instance store disks: count × size (GB), type. */
  disks?: { count: number; sizeGb: number; type: 'ssd' | 'hdd' };
  nitro: boolean;
}

const types: Record<string, TypeSpec> = {
  'm1.small': { vcpus: 1, memoryMiB: 1740, disks: { count: 1, sizeGb: 160, type: 'hdd' }, nitro: false },
  't2.micro': { vcpus: 1, memoryMiB: 1024, nitro: false },
  't2.small': { vcpus: 1, memoryMiB: 2048, nitro: false },
  't3.nano': { vcpus: 2, memoryMiB: 512, nitro: true },
  't3.micro': { vcpus: 2, memoryMiB: 1024, nitro: true },
  't3.small': { vcpus: 2, memoryMiB: 2048, nitro: true },
  't3.medium': { vcpus: 2, memoryMiB: 4096, nitro: true },
  't3.large': { vcpus: 2, memoryMiB: 8192, nitro: true },
  'm5.large': { vcpus: 2, memoryMiB: 8192, nitro: true },
  'm5d.large': { vcpus: 2, memoryMiB: 8192, disks: { count: 1, sizeGb: 75, type: 'ssd' }, nitro: true },
  'c5d.large': { vcpus: 2, memoryMiB: 4096, disks: { count: 1, sizeGb: 50, type: 'ssd' }, nitro: true },
  'i3.large': { vcpus: 2, memoryMiB: 15616, disks: { count: 1, sizeGb: 475, type: 'ssd' }, nitro: true },
  'd2.xlarge': { vcpus: 4, memoryMiB: 31232, disks: { count: 3, sizeGb: 2000, type: 'hdd' }, nitro: false },
};

function typeInfo(name: string, spec: TypeSpec): InstanceTypeInfo {
  return {
    InstanceType: name as InstanceTypeInfo['InstanceType'],
    CurrentGeneration: name !== 'm1.small',
    VCpuInfo: { DefaultVCpus: spec.vcpus },
    MemoryInfo: { SizeInMiB: spec.memoryMiB },
    ProcessorInfo: { SupportedArchitectures: ['x86_64'] },
    Hypervisor: spec.nitro ? 'nitro' : 'xen',
    InstanceStorageSupported: spec.disks !== undefined,
    InstanceStorageInfo: spec.disks
      ? {
          TotalSizeInGB: spec.disks.count * spec.disks.sizeGb,
          Disks: [{ Count: spec.disks.count, SizeInGB: spec.disks.sizeGb, Type: spec.disks.type }],
          NvmeSupport: spec.nitro ? 'required' : 'unsupported',
        }
      : undefined,
    SupportedRootDeviceTypes: spec.disks && !spec.nitro ? ['ebs', 'instance-store'] : ['ebs'],
  };
}

const describeInstanceTypes = defineAction<DescribeInstanceTypesRequest, DescribeInstanceTypesResult>(
  DescribeInstanceTypes$,
  (_ctx, input) => {
    const asked = input.InstanceTypes ?? [];
    const unknown = asked.filter((name) => !(name in types));
    if (unknown.length > 0)
      throw apiError(
        'InvalidInstanceType',
        `The following supplied instance types do not exist: [${unknown.join(', ')}]`,
      );
    const names = asked.length > 0 ? [...new Set(asked)] : Object.keys(types);
    const { page, nextToken } = paginate(
      names.map((name) => typeInfo(name, types[name] as TypeSpec)),
      input,
      { min: 5, max: 100 },
    );
    return { InstanceTypes: page, NextToken: nextToken };
  },
  { readOnly: true },
);

/** DescribeInstanceTypes over the sandbox's table of types. */
export const instanceTypeActions: Record<string, ActionDefinition> = {
  DescribeInstanceTypes: describeInstanceTypes,
};
