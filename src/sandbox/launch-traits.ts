import type { SandboxState } from './model';

/**
 * What a launch the sandbox does not model gives an instance: an instance-store AMI's root device,
 * a Marketplace AMI's product codes, the tag an Auto Scaling group puts on its members (`aws:` tags
 * cannot be set through the API). Tests use it to make an instance with such a trait.
 */
export interface LaunchTraits {
  rootDeviceType?: 'instance-store';
  productCodes?: string[];
  autoScalingGroup?: string;
}

export const autoScalingGroupTag = 'aws:autoscaling:groupName';

/** Applies launch traits to one instance of a region; throws when there is no such instance. */
export function applyLaunchTraits(
  state: SandboxState,
  region: string,
  instanceId: string,
  traits: LaunchTraits,
): void {
  const instance = state.regions[region]?.instances.find((entry) => entry.instanceId === instanceId);
  if (!instance) throw new Error(`The sandbox has no instance ${instanceId} in ${region}.`);
  if (traits.rootDeviceType) instance.rootDeviceType = traits.rootDeviceType;
  if (traits.productCodes) instance.productCodes = [...traits.productCodes];
  if (traits.autoScalingGroup) {
    instance.tags = instance.tags.filter((tag) => tag.Key !== autoScalingGroupTag);
    instance.tags.push({ Key: autoScalingGroupTag, Value: traits.autoScalingGroup });
  }
}
