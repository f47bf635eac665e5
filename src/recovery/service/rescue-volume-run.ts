import type { ResolvedAccount } from '../../aws/account-types';
import type { HostKeyChoice } from '../../ipc/contracts/recovery-run';
import type { RecoveryStep, RemoteScriptRunner } from '../engine/recovery-step';
import type { StartedEntry } from '../journal';
import { anotherLoginRunner, loginCredentials } from '../paths/another-login-runner';
import { timerSleeper } from '../paths/ssm-command-poller';
import { resolveSshEndpoint, type InstanceAddresses, type SshAddress } from '../paths/ssh-target';
import { ssmRunCommandRunner } from '../paths/ssm-run-command';
import { describeInstance, type Ec2Target } from '../rescue-volume/ebs-calls';
import { rescueMissingError, rescueNotFoundError } from '../rescue-volume/rescue-volume-errors';
import { rescueVolumeSteps } from '../rescue-volume/rescue-volume-path';
import type { LoginChoice } from './path-runners';
import type { RecoveryServiceDeps } from './service-deps';

/**
 * Path `rescueVolume` as the service runs it: the rescue instance the user picked (journaled in the
 * route, so a resume uses the same one), reached by SSM Run Command or by another login to it, and
 * the path's steps (src/recovery/rescue-volume). The `login` of the start input is the rescue's
 * login here: the target has none that works, which is why this path is chosen.
 */
export interface RescueVolumeRunInput {
  account: ResolvedAccount;
  started: StartedEntry;
  newPublicKey: string;
  newPrivateKeyOpenSsh: string;
  hostKey: HostKeyChoice;
  login: LoginChoice | undefined;
  /** Where the verification login reaches the target after its start (the route's rules). */
  endpointOf(addresses: InstanceAddresses): Promise<SshAddress>;
  signal: AbortSignal;
}

function ec2Of(deps: RecoveryServiceDeps, account: ResolvedAccount, region: string): Ec2Target {
  return { account, region, clock: deps.clock, sleep: deps.sleep ?? timerSleeper };
}

/** Where SSH reaches the rescue instance now (its own address, or the practice account's endpoint). */
export async function rescueEndpoint(
  deps: RecoveryServiceDeps,
  account: ResolvedAccount,
  region: string,
  rescueId: string,
): Promise<SshAddress> {
  const rescue = await describeInstance(ec2Of(deps, account, region), rescueId);
  if (!rescue) throw rescueNotFoundError(rescueId, region);
  const lookup = deps.sshEndpointsFor(account);
  return resolveSshEndpoint({
    instanceId: rescueId,
    region,
    addresses: rescue.addresses,
    ...(lookup ? { lookup } : {}),
  });
}

/** The runner on the rescue instance: another login to it when one is given, else SSM Run Command. */
async function rescueRunner(
  deps: RecoveryServiceDeps,
  input: RescueVolumeRunInput,
  rescueId: string,
): Promise<RemoteScriptRunner> {
  const { account, started } = input;
  if (started.route?.rescuePath !== 'ssh' || !input.login)
    return ssmRunCommandRunner({
      account,
      region: started.region,
      instanceId: rescueId,
      clock: deps.clock,
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
    });
  const endpoint = await rescueEndpoint(deps, account, started.region, rescueId);
  const { user, ...choice } = input.login;
  return anotherLoginRunner({
    endpoint,
    loginUser: user,
    credentials: await loginCredentials(choice, input.signal),
    // The user's host key rule is for the target; the rescue's key is accepted once and journaled.
    hostKey: { kind: 'accept-new' },
    connector: deps.connector,
  });
}

export async function rescueVolumeRunSteps(
  deps: RecoveryServiceDeps,
  input: RescueVolumeRunInput,
): Promise<RecoveryStep[]> {
  const { started } = input;
  const rescueId = started.route?.rescueInstanceId;
  if (!rescueId) throw rescueMissingError(started.recoveryId);
  return rescueVolumeSteps({
    ec2: ec2Of(deps, input.account, started.region),
    instanceId: started.instanceId,
    rescueInstanceId: rescueId,
    endpointOf: input.endpointOf,
    targetUser: started.targetUser,
    newPublicKey: input.newPublicKey,
    newPrivateKeyOpenSsh: input.newPrivateKeyOpenSsh,
    rescueRunner: await rescueRunner(deps, input, rescueId),
    connector: deps.connector,
    hostKey: input.hostKey,
  });
}
