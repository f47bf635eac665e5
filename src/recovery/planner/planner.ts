import type {
  PathAssessment,
  PlanReason,
  PlanReasonCode,
  RecoveryPathId,
} from '../../ipc/contracts/recovery';
import type { PreflightFacts, ProbedAction } from '../preflight/preflight-facts';

/** What only the user can say: another login still works (true), does not (false), or not asked. */
export interface PlanOptions {
  hasOtherLogin?: boolean;
}

function reason(code: PlanReasonCode, params: Record<string, string> = {}): PlanReason {
  return { code, params };
}

/** Blockers, facts in favour and unknowns of one path, before the advice is chosen. */
interface Draft {
  path: RecoveryPathId;
  blockers: PlanReason[];
  reasons: PlanReason[];
  uncertainties: PlanReason[];
  hazards: PlanReason[];
  downtime: boolean;
}

function draft(path: RecoveryPathId, downtime: boolean): Draft {
  return { path, blockers: [], reasons: [], uncertainties: [], hazards: [], downtime };
}

/** Reasons no path can work on this instance at all. */
function instanceBlockers(facts: PreflightFacts): PlanReason[] {
  const instance = facts.instance;
  if (!instance) {
    return [
      reason(facts.instanceNotFound ? 'instanceMissing' : 'instanceUnreadable', {
        instanceId: facts.instanceId,
        region: facts.region,
      }),
    ];
  }
  const blockers: PlanReason[] = [];
  if (instance.platform === 'windows') blockers.push(reason('windowsUnsupported'));
  if (instance.managedBy) blockers.push(reason('managedByService', { principal: instance.managedBy }));
  if (instance.state === 'terminated' || instance.state === 'shutting-down')
    blockers.push(reason('instanceGone', { state: instance.state }));
  return blockers;
}

/** The paths that log in over SSH (another login, Instance Connect) need the instance running and tcp/22. */
function addNetwork(facts: PreflightFacts, target: Draft): void {
  const instance = facts.instance;
  if (!instance) return;
  if (instance.state !== 'running') target.blockers.push(reason('notRunning', { state: instance.state }));
  if (!instance.publicIp && !instance.privateIp && instance.ipv6Addresses.length === 0)
    target.blockers.push(reason('noAddress'));
  const port = facts.port22;
  if (port.kind === 'open')
    target.reasons.push(reason('port22Open', { cidr: port.cidr, groupId: port.groupId }));
  else if (port.kind === 'closed') {
    const ingress = facts.permissions.AuthorizeSecurityGroupIngress;
    if (ingress === 'denied')
      target.blockers.push(reason('port22ClosedNoIngress', { address: port.address }));
    else {
      target.reasons.push(reason('port22NeedsIngress', { address: port.address }));
      if (ingress === 'unknown')
        target.uncertainties.push(reason('permissionUnknown', { action: 'AuthorizeSecurityGroupIngress' }));
    }
  } else target.uncertainties.push(reason('port22Unknown', { why: port.reason }));
  const nacl = facts.nacl;
  if (nacl.kind === 'deniesInbound' || nacl.kind === 'deniesReturn')
    target.blockers.push(reason('naclBlocks', { aclId: nacl.aclId, ruleNumber: String(nacl.ruleNumber) }));
}

function assessSsh(facts: PreflightFacts, options: PlanOptions): Draft {
  const result = draft('ssh', false);
  addNetwork(facts, result);
  if (options.hasOtherLogin === true) result.reasons.unshift(reason('otherLoginGiven'));
  else if (options.hasOtherLogin === false) result.blockers.push(reason('needsOtherLogin'));
  else result.uncertainties.unshift(reason('needsOtherLogin'));
  return result;
}

function assessEic(facts: PreflightFacts): Draft {
  const result = draft('eic', false);
  addNetwork(facts, result);
  const instance = facts.instance;
  if (instance && !instance.imdsEnabled) result.blockers.push(reason('imdsDisabled'));
  const family = facts.image?.family ?? 'unknown';
  if (facts.eicPackage === 'no') result.blockers.push(reason('eicNotOnImage', { family }));
  else if (facts.eicPackage === 'yes') result.reasons.unshift(reason('eicImageShips', { family }));
  else result.uncertainties.push(reason('eicImageUnknown'));
  result.uncertainties.push(
    reason('untestedPermission', { action: 'ec2-instance-connect:SendSSHPublicKey' }),
  );
  return result;
}

function assessSsm(facts: PreflightFacts): Draft {
  const result = draft('ssm', false);
  const instance = facts.instance;
  if (instance && instance.state !== 'running')
    result.blockers.push(reason('notRunning', { state: instance.state }));
  if (!facts.ssm) result.uncertainties.push(reason('ssmUnknown'));
  else if (!facts.ssm.managed) result.blockers.push(reason('ssmNotManaged'));
  else if (facts.ssm.pingStatus !== 'Online')
    result.blockers.push(reason('ssmNotOnline', { pingStatus: facts.ssm.pingStatus ?? '' }));
  else result.reasons.push(reason('ssmOnline'));
  result.uncertainties.push(reason('untestedPermission', { action: 'ssm:SendCommand' }));
  return result;
}

/** KMS keys of the encrypted volumes, once each (the hazard names them). */
function kmsKeys(facts: PreflightFacts): string {
  const keys = (facts.encryptedVolumes ?? []).map((volume) => volume.kmsKeyId ?? 'aws/ebs');
  return [...new Set(keys)].join(', ');
}

/** What makes stopping the instance unsafe or impossible (§4, §11.5): refused, never worked around. */
function addStopRefusals(facts: PreflightFacts, result: Draft): void {
  const instance = facts.instance;
  if (!instance) return;
  if (instance.rootDeviceType === 'instance-store') result.blockers.push(reason('instanceStoreRoot'));
  if (instance.hibernated) result.blockers.push(reason('hibernated'));
  if (instance.state === 'pending' || instance.state === 'stopping')
    result.blockers.push(reason('transitional', { state: instance.state }));
  // KeyRescue cannot see or set Standby yet: any member is refused, with what to do instead.
  if (instance.autoScalingGroup)
    result.blockers.push(reason('autoScalingNoStandby', { group: instance.autoScalingGroup }));
  if (facts.stopProtection === true) result.blockers.push(reason('stopProtectionOn'));
  else if (facts.stopProtection === null) result.uncertainties.push(reason('stopProtectionUnknown'));
  if (instance.lifecycle === 'spot') {
    if (facts.spotRequestType === 'one-time') result.blockers.push(reason('spotOneTime'));
    else if (facts.spotRequestType === 'persistent') result.hazards.push(reason('hazardSpotPersistent'));
    else {
      result.uncertainties.push(reason('spotRequestUnknown'));
      result.hazards.push(reason('hazardSpot'));
    }
  }
}

/** Stop, change, start: what both stop paths share (preconditions, permissions, hazards). */
function assessStopPath(facts: PreflightFacts, path: 'userData' | 'rescueVolume'): Draft {
  const result = draft(path, true);
  const instance = facts.instance;
  if (!instance) return result;
  addStopRefusals(facts, result);
  if (path === 'rescueVolume' && instance.marketplaceCodes.length > 0)
    result.blockers.push(reason('marketplaceRoot', { productCodes: instance.marketplaceCodes.join(', ') }));
  const actions: ProbedAction[] = ['StopInstances', 'StartInstances', 'ModifyInstanceAttribute'];
  if (path === 'rescueVolume') actions.push('CreateSnapshot', 'DetachVolume');
  for (const action of actions) {
    const state = facts.permissions[action];
    if (state === 'denied') result.blockers.push(reason('permissionDenied', { action }));
    else if (state === 'unknown') result.uncertainties.push(reason('permissionUnknown', { action }));
  }
  if (instance.state === 'running') {
    result.reasons.push(reason('needsStop'));
    result.hazards.push(reason('hazardDowntime'));
  }
  if (instance.publicIp && facts.elasticIp !== true)
    result.hazards.push(reason('hazardPublicIpChanges', { publicIp: instance.publicIp }));
  const store = facts.instanceStore;
  if (store === null) result.uncertainties.push(reason('instanceStoreUnknown'));
  else if (store.count > 0 && instance.rootDeviceType === 'ebs')
    result.hazards.push(
      reason('hazardInstanceStoreData', { count: String(store.count), sizeGb: String(store.totalSizeGb) }),
    );
  if (facts.encryptedVolumes === null) result.uncertainties.push(reason('volumesUnknown'));
  else if (facts.encryptedVolumes.length > 0)
    result.hazards.push(
      reason(path === 'rescueVolume' ? 'hazardEncryptedRescue' : 'hazardEncryptedStart', {
        keys: kmsKeys(facts),
      }),
    );
  if (facts.shutdownBehavior === 'terminate') result.hazards.push(reason('hazardTerminateOnShutdown'));
  return result;
}

/** Decision table §0: the first possible path in this order is advised, with the reason why. */
function chooseAdvice(drafts: Record<RecoveryPathId, Draft>, facts: PreflightFacts, options: PlanOptions) {
  const ok = (path: RecoveryPathId) => drafts[path].blockers.length === 0;
  const eicKnown = ok('eic') && facts.eicPackage === 'yes';
  if (options.hasOtherLogin === true && ok('ssh')) return { path: 'ssh', code: 'advisedOtherLogin' } as const;
  if (eicKnown && facts.port22.kind === 'open') return { path: 'eic', code: 'advisedEic' } as const;
  if (ok('ssm') && facts.ssm?.pingStatus === 'Online') return { path: 'ssm', code: 'advisedSsm' } as const;
  if (eicKnown)
    return {
      path: 'eic',
      code: facts.port22.kind === 'closed' ? 'advisedEicWithIngress' : 'advisedEic',
    } as const;
  if (ok('userData')) return { path: 'userData', code: 'advisedUserData' } as const;
  if (ok('rescueVolume')) return { path: 'rescueVolume', code: 'advisedRescueVolume' } as const;
  return undefined;
}

/**
 * Pure: preflight facts → one assessment per recovery path (ssh, eic, ssm, userData, rescueVolume),
 * each possible or not (with the reasons), at most one advised (with why), stop paths with their
 * hazards.
 */
export function planRecovery(facts: PreflightFacts, options: PlanOptions = {}): PathAssessment[] {
  const global = instanceBlockers(facts);
  const drafts: Record<RecoveryPathId, Draft> = {
    ssh: assessSsh(facts, options),
    eic: assessEic(facts),
    ssm: assessSsm(facts),
    userData: assessStopPath(facts, 'userData'),
    rescueVolume: assessStopPath(facts, 'rescueVolume'),
  };
  for (const path of Object.values(drafts)) path.blockers.unshift(...global);
  const advice = chooseAdvice(drafts, facts, options);
  return Object.values(drafts).map((path): PathAssessment => {
    const blocked = path.blockers.length > 0;
    const advised = advice?.path === path.path;
    return {
      path: path.path,
      verdict: blocked ? 'notPossible' : advised ? 'advised' : 'possible',
      reasons: blocked
        ? path.blockers
        : advised && advice
          ? [reason(advice.code), ...path.reasons]
          : path.reasons,
      uncertainties: blocked ? [] : path.uncertainties,
      hazards: blocked ? [] : path.hazards,
      downtime: path.downtime,
    };
  });
}
