import { newResourceId } from './ids';
import type { RegionState } from './model';
import { zonesOf } from './ec2-regions';

/** A region with only its default VPC, one default subnet per zone and the default security group. */
export function emptyRegion(region: string): RegionState {
  const subnets = zonesOf(region).map((zone, index) => ({
    subnetId: newResourceId('subnet'),
    availabilityZone: zone,
    cidr: `172.31.${index * 16}.0/20`,
  }));
  return {
    keyPairs: [],
    launchTemplates: [],
    instances: [],
    volumes: [],
    snapshots: [],
    invocations: [],
    instanceConnectKeys: [],
    vpcId: newResourceId('vpc'),
    subnets,
    securityGroups: [
      {
        groupId: newResourceId('sg'),
        groupName: 'default',
        description: 'default VPC security group',
        ingress: [],
      },
    ],
  };
}
