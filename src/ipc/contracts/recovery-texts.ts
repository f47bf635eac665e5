import type { FindingCode, PlanReasonCode, PreflightCheckId } from './recovery';

// English for every preflight finding and plan reason code, in one place: the core stamps it on each
// finding (`message`), the CLI prints it, and the window's English locale is this very table
// (renderer/features/recover/preflight-locales.ts adds Japanese with the same placeholders).

export const findingTexts: Record<FindingCode, string> = {
  savedKeyPairParameter:
    'A private key for key pair {{keyName}} is saved in Parameter Store ({{parameter}}): you may not need a recovery — retrieve it first.',
  savedKeyPairParameterAbsent: 'No private key for key pair {{keyName}} is saved in Parameter Store.',
  savedKeyPairNoKeyName: 'The instance was launched without a key pair, so no saved key is looked for.',
  savedEc2rlParameter:
    'An earlier AWSSupport-ResetAccess run saved a private key in Parameter Store ({{parameter}}): you may not need a recovery — retrieve it first.',
  savedEc2rlParameterAbsent: 'No key from an earlier AWSSupport-ResetAccess run is saved for this instance.',
  checkDenied: 'KeyRescue is not allowed to call {{operation}}, so this could not be checked.',
  checkFailed: '{{operation}} failed ({{awsCode}}), so this could not be checked.',
  identityOk: 'Signed in to account {{accountId}} as {{arn}}.',
  instanceNotFound: 'Instance {{instanceId}} does not exist in {{region}}. Check the id and the region.',
  instanceRunning: 'The instance is running.',
  instanceStopped: 'The instance is stopped: only the paths that start it can be used.',
  instanceTransitional: 'The instance is {{state}}. Wait until it is running or stopped, then check again.',
  instanceGone: 'The instance is {{state}}: it cannot be recovered.',
  platformLinux: 'The instance runs Linux ({{platformDetails}}).',
  platformWindows:
    'The instance runs Windows. Windows uses a password, not authorized_keys; KeyRescue does not recover Windows instances yet.',
  managedByService: 'The instance is managed by {{principal}}. Change it through that service, not directly.',
  rootEbs: 'The root device ({{device}}) is an EBS volume.',
  rootInstanceStore:
    'The root device is instance store: the instance cannot be stopped without losing its disk, so only the no-downtime paths work.',
  lifecycleOnDemand: 'The instance is an on-demand instance.',
  lifecycleSpot:
    'The instance is a Spot instance: it can be stopped only if it came from a persistent request, and it may not come back.',
  lifecycleOther: 'The instance is a {{lifecycle}} instance: stopping it may lose its capacity.',
  instanceHibernated:
    'The instance is hibernated: start (resume) it first; its disk must not be edited while hibernated.',
  autoScalingNone: 'The instance is not in an Auto Scaling group.',
  autoScalingMember:
    'The instance belongs to Auto Scaling group {{group}}: the group would replace a stopped member, so KeyRescue does not stop it. To use a stop path, put it in Standby first (aws autoscaling enter-standby --auto-scaling-group-name {{group}} --instance-ids {{instanceId}} --should-decrement-desired-capacity), check again, and run exit-standby afterwards.',
  stopProtectionOff: 'Stop protection is off.',
  stopProtectionOn:
    'Stop protection is on, and KeyRescue never turns it off. To use a stop path, turn it off yourself (EC2 console: Actions → Instance settings → Change stop protection), check again, and turn it back on afterwards.',
  terminationProtectionOn: 'Termination protection is on.',
  terminationProtectionOff: 'Termination protection is off.',
  shutdownBehaviorStop: 'Shutting down from inside the instance stops it.',
  shutdownBehaviorTerminate:
    'Shutting down from inside the instance TERMINATES it: nothing may run shutdown there.',
  addressesPublic: 'Public address {{publicIp}}, private address {{privateIp}}.',
  addressesPrivateOnly:
    'Private address {{privateIp}} only: SSH needs a VPN, a bastion or another host on the same network.',
  addressesNone: 'The instance has no IP address right now.',
  publicIpElastic: 'The public address {{publicIp}} is an Elastic IP: it stays when the instance stops.',
  publicIpChangesOnStop:
    'The public address {{publicIp}} is not an Elastic IP: it changes if the instance is stopped.',
  imdsEnabled: 'The instance metadata service is on (tokens {{tokens}}).',
  imdsDisabled: 'The instance metadata service is off: EC2 Instance Connect cannot work.',
  keyNameSet: 'The instance was launched with key pair {{keyName}}.',
  keyNameNone: 'The instance was launched without a key pair.',
  defaultUserFromImage: 'The login user for this image ({{image}}) is {{user}}.',
  defaultUserOverride: 'The login user is {{user}} (as you chose).',
  defaultUserGuess:
    'The login user for this image ({{image}}) is not known; {{user}} is tried. Change it if the image uses another.',
  sshOpenToAddress:
    'Security group {{groupId}} allows SSH (tcp/22) from {{cidr}}, which includes this computer ({{address}}).',
  sshOpenToAnywhere: 'Security group {{groupId}} allows SSH (tcp/22) from anywhere ({{cidr}}).',
  sshClosedToAddress:
    'No security group allows SSH (tcp/22) from this computer ({{address}}). KeyRescue can add a temporary rule for this address only.',
  sshUnknownNoAddress:
    'This computer’s public address is not known, so it cannot be told whether SSH (tcp/22) is allowed from here.',
  sshPrefixListUnchecked:
    'A rule allows SSH (tcp/22) from a managed prefix list; whether it includes this computer was not checked.',
  eicEndpointUsable:
    'No public address, so this computer cannot reach it directly; the EC2 Instance Connect Endpoint {{endpointId}} in {{vpcId}} can (keyrescue tunnel / ssh-proxy).',
  eicEndpointSeveral:
    'No public address; {{count}} usable EC2 Instance Connect Endpoints in {{vpcId}} can reach it ({{endpointIds}}): name one with --eic-endpoint.',
  eicEndpointNone:
    'No public address, and no usable EC2 Instance Connect Endpoint in {{vpcId}}: this computer cannot reach its SSH port. Create an endpoint in its subnet, or use a path without SSH.',
  eicEndpointGroupsClosed:
    'The EC2 Instance Connect Endpoint {{endpointId}} is in {{vpcId}}, but none of the instance’s security groups allows tcp/22 from the endpoint’s group ({{endpointGroups}}) or from the VPC.',
  naclAllows: 'The subnet’s network ACL {{aclId}} lets SSH in and the replies out.',
  naclDeniesInbound:
    'The subnet’s network ACL {{aclId}} blocks SSH (tcp/22) from this computer (rule {{ruleNumber}}).',
  naclDeniesReturn:
    'The subnet’s network ACL {{aclId}} blocks the replies back to this computer (outbound rule {{ruleNumber}}).',
  naclUnknownNoAddress: 'Without this computer’s address the network ACL could not be checked.',
  ssmOnline: 'Systems Manager manages the instance and its agent is online (version {{agentVersion}}).',
  ssmNotOnline: 'Systems Manager knows the instance but its agent is not online ({{pingStatus}}).',
  ssmNotManagedNoProfile:
    'Systems Manager does not manage the instance: it has no instance profile (IAM role).',
  ssmNotManaged:
    'Systems Manager does not manage the instance (no agent, no permission for it, or no route to SSM).',
  eicImageShips: 'The image ({{image}}) comes with EC2 Instance Connect.',
  eicNotOnImage:
    'The image ({{image}}) does not come with EC2 Instance Connect; it works only if someone installed it.',
  eicImageUnknown:
    'Whether EC2 Instance Connect is installed cannot be told from the image ({{image}}); only trying shows it.',
  eicImdsDisabled: 'EC2 Instance Connect needs the instance metadata service, which is off.',
  permissionAllowed: 'You may call {{action}} (checked with a dry run).',
  permissionDenied: 'You may not call {{action}} (the dry run was refused).',
  permissionUnknown: 'Whether you may call {{action}} could not be checked ({{awsCode}}).',
  permissionUntestable: '{{action}} has no dry run: it is known only when tried.',
  instanceStoreNone: 'The instance type {{instanceType}} has no instance store volumes.',
  instanceStoreData:
    'The instance type {{instanceType}} has {{count}} instance store volume(s), {{sizeGb}} GB in all: everything on them is erased when the instance stops.',
  spotPersistent:
    'The Spot request {{requestId}} is persistent: the instance can be stopped, but it may not get capacity back when it is started.',
  spotOneTime:
    'The Spot request {{requestId}} is one-time: EC2 cannot stop this instance, so the stop paths cannot be used.',
  volumesUnencrypted: 'The EBS volumes ({{volumes}}) are not encrypted.',
  volumesEncrypted:
    'Encrypted volumes: {{volumes}} (KMS key {{keys}}). Starting the instance again needs kms:CreateGrant and kms:Decrypt on the key; the rescue volume also needs kms:DescribeKey, kms:GenerateDataKeyWithoutPlaintext and kms:ReEncrypt*. KMS permissions have no dry run.',
  marketplaceRoot:
    'The instance was launched from AWS Marketplace product {{productCodes}}: its root volume cannot be attached to another instance as a second disk, so the rescue-volume path cannot be used.',
};

export const planReasonTexts: Record<PlanReasonCode, string> = {
  windowsUnsupported: 'Windows instances are not supported yet.',
  instanceMissing: 'Instance {{instanceId}} does not exist in {{region}}.',
  instanceUnreadable: 'Instance {{instanceId}} could not be read in {{region}}.',
  instanceGone: 'The instance is {{state}}.',
  managedByService: 'The instance is managed by {{principal}}.',
  notRunning: 'Needs the instance running (it is {{state}}).',
  transitional: 'The instance is {{state}}; wait until it is running or stopped.',
  needsOtherLogin: 'Needs another login that still works (a user and key or password, with sudo).',
  otherLoginGiven: 'You have another login that works.',
  noAddress: 'The instance has no address to connect to.',
  port22Open: 'SSH is allowed from here by {{groupId}} ({{cidr}}).',
  port22NeedsIngress:
    'SSH is not allowed from {{address}}: a temporary rule for this address will be added and removed afterwards.',
  port22ClosedNoIngress: 'SSH is not allowed from {{address}}, and you may not add a security group rule.',
  port22Unknown: 'Whether SSH is allowed from here is not known.',
  naclBlocks: 'Network ACL {{aclId}} blocks SSH (rule {{ruleNumber}}).',
  eicImageShips: 'The image comes with EC2 Instance Connect.',
  eicNotOnImage: 'The image does not come with EC2 Instance Connect.',
  eicImageUnknown: 'Whether EC2 Instance Connect is installed is known only by trying.',
  imdsDisabled: 'The instance metadata service is off.',
  ssmOnline: 'The Systems Manager agent is online.',
  ssmNotOnline: 'The Systems Manager agent is not online ({{pingStatus}}).',
  ssmNotManaged: 'Systems Manager does not manage the instance.',
  ssmUnknown: 'Whether Systems Manager manages the instance could not be checked.',
  untestedPermission: 'Whether you may call {{action}} is known only by trying.',
  permissionDenied: 'You may not call {{action}}.',
  permissionUnknown: 'Whether you may call {{action}} could not be checked.',
  instanceStoreRoot: 'The root device is instance store: the instance cannot be stopped safely.',
  hibernated: 'The instance is hibernated.',
  needsStop: 'The instance is stopped and started again.',
  advisedOtherLogin: 'Advised: your other login adds the new key with no downtime.',
  advisedEic: 'Advised: EC2 Instance Connect adds the new key with no downtime.',
  advisedSsm: 'Advised: Systems Manager adds the new key with no downtime and no open port.',
  advisedEicWithIngress:
    'Advised: EC2 Instance Connect with a temporary SSH rule for this computer, no downtime.',
  advisedUserData: 'Advised: no path without downtime is open; user data is the least invasive stop path.',
  advisedRescueVolume: 'Advised: the only path left is editing the root volume from a rescue instance.',
  hazardPublicIpChanges:
    'The public address {{publicIp}} is not an Elastic IP and changes: KeyRescue connects to the new address afterwards, and the ~/.ssh/config entry follows the new one.',
  hazardSpot: 'A Spot instance may not be stoppable, or may not get capacity back.',
  hazardTerminateOnShutdown: 'A shutdown from inside the instance would terminate it.',
  hazardDowntime: 'The instance is down while it is stopped (minutes).',
  autoScalingNoStandby:
    'Auto Scaling group {{group}} would replace the stopped instance: put it in Standby (EnterStandby), check again, and exit Standby (ExitStandby) afterwards.',
  stopProtectionOn:
    'Stop protection is on; KeyRescue never turns it off. Turn it off yourself, check again, and turn it back on afterwards.',
  stopProtectionUnknown: 'Whether stop protection is on could not be checked.',
  spotOneTime: 'A Spot instance from a one-time request cannot be stopped.',
  spotRequestUnknown:
    'Whether the Spot request is persistent (the instance can be stopped) could not be checked.',
  marketplaceRoot:
    'The root volume carries AWS Marketplace product code {{productCodes}}: it cannot be attached to a rescue instance as a second disk.',
  instanceStoreUnknown:
    'Whether the instance type has instance store volumes (erased at a stop) could not be checked.',
  volumesUnknown: 'Whether the volumes are encrypted (and need KMS permissions) could not be checked.',
  hazardInstanceStoreData:
    'The {{count}} instance store volume(s) ({{sizeGb}} GB) are erased when the instance stops.',
  hazardSpotPersistent: 'A Spot instance may not get capacity back when it is started again.',
  hazardEncryptedStart:
    'Encrypted volumes (KMS key {{keys}}): starting the instance again needs kms:CreateGrant and kms:Decrypt on the key, or it falls back to stopped.',
  hazardEncryptedRescue:
    'Encrypted volumes (KMS key {{keys}}): attaching the root volume to the rescue instance and starting needs kms:CreateGrant, kms:Decrypt, kms:DescribeKey, kms:GenerateDataKeyWithoutPlaintext and kms:ReEncrypt* on the key.',
};

/** Each preflight check's name, as the checklist and the CLI show it while it runs. */
export const checkNameTexts: Record<PreflightCheckId, string> = {
  identity: 'Who you are signed in as (STS)',
  instance: 'Instance facts',
  'savedKey.ec2rl': 'Key saved by AWSSupport-ResetAccess',
  attributes: 'Stop and termination protection',
  image: 'Login user and EC2 Instance Connect (from the image)',
  network: 'SSH from this computer (security groups, network ACL)',
  ssm: 'Systems Manager',
  permissions: 'Permissions the recovery paths need',
  'savedKey.keyPair': 'Key pair’s private key in Parameter Store',
};
