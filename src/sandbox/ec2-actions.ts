import type { ActionDefinition } from './engine';
import { accountActions } from './ec2-account';
import { imageActions } from './ec2-images';
import { instanceConnectEndpointActions } from './ec2-instance-connect-endpoints';
import { instanceAttributeActions } from './ec2-instance-attributes';
import { instanceStateActions } from './ec2-instance-state';
import { instanceTypeActions } from './ec2-instance-types';
import { instanceActions } from './ec2-instances';
import { keyPairActions } from './ec2-keypairs';
import { launchTemplateActions } from './ec2-launch-templates';
import { networkActions } from './ec2-network';
import { networkAclActions } from './ec2-network-acls';
import { regionActions } from './ec2-regions';
import { securityGroupRuleActions } from './ec2-security-group-rules';
import { snapshotActions } from './ec2-snapshots';
import { tagActions } from './ec2-tags';
import { volumeActions } from './ec2-volumes';

/** Every EC2 action the sandbox serves, by Query `Action` name. */
export const ec2Actions: Record<string, ActionDefinition> = {
  ...regionActions,
  ...keyPairActions,
  ...launchTemplateActions,
  ...imageActions,
  ...instanceActions,
  ...instanceStateActions,
  ...instanceAttributeActions,
  ...instanceTypeActions,
  ...volumeActions,
  ...snapshotActions,
  ...networkActions,
  ...instanceConnectEndpointActions,
  ...securityGroupRuleActions,
  ...networkAclActions,
  ...tagActions,
  ...accountActions,
};
