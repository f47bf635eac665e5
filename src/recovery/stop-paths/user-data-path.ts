import type { Clock } from '../../app/clock';
import type { ResolvedAccount } from '../../aws/account-types';
import type { HostKeyChoice } from '../../ipc/contracts/recovery-run';
import type { RecoveryStep, StepContext } from '../engine/recovery-step';
import { verifyStep } from '../engine/verify-step';
import { stepDescription, stepText } from '../journal/step-texts';
import type { Sleeper } from '../paths/ssm-command-poller';
import type { InstanceAddresses, SshAddress } from '../paths/ssh-target';
import type { SshConnector } from '../ssh/ssh-port';
import { bootResultStep, type ConsoleWaitLimits } from './boot-result-step';
import type { PowerTarget, PowerWaitLimits } from './instance-power';
import { startInstanceStep, stopInstanceStep } from './power-steps';
import { withNewKeyRemoval } from './new-key-removal';
import { recoveryUserDataBytes } from './recovery-user-data';
import { endpointUnknownError } from './user-data-errors';
import { restoreUserDataStep, saveUserDataStep, setRecoveryUserDataStep } from './user-data-steps';

/**
 * The user-data path (issue 11 §2, research §4) as the engine's steps, in order: keep the original
 * user data, stop, set the recovery document, start, read the script's result from the console,
 * log in with the new key, stop, restore the original byte for byte, start, log in again. The same
 * input gives the same step ids, so a resume lines them up with the journal. A failure after the
 * first stop undoes what is marked `revertOnFailure`: the original user data goes back and the
 * instance is started again if it ran before.
 */
export interface UserDataPathInput {
  account: ResolvedAccount;
  region: string;
  instanceId: string;
  targetUser: string;
  newPublicKey: string;
  /** The new private key (OpenSSH text, in memory only) for the verification logins. */
  newPrivateKeyOpenSsh: string;
  /** Where the original user data is kept (user-data-backup.ts's backupPathOf). */
  backupPath: string;
  connector: SshConnector;
  hostKey: HostKeyChoice;
  /** Where SSH reaches the instance after a start (its public address may be new). */
  endpointOf(addresses: InstanceAddresses): Promise<SshAddress>;
  clock: Clock;
  sleep: Sleeper;
  powerLimits?: Partial<PowerWaitLimits>;
  consoleLimits?: Partial<ConsoleWaitLimits>;
}

/** Refuses a recovery document over EC2's 16 KB before anything (journal, stop) happens. */
export function checkUserDataFits(
  input: Pick<UserDataPathInput, 'instanceId' | 'targetUser' | 'newPublicKey'>,
): void {
  recoveryUserDataBytes(
    {
      recoveryId: 'rec-00000000-000000-00000000',
      runId: '000000000000',
      targetUser: input.targetUser,
      publicKey: input.newPublicKey,
    },
    input.instanceId,
  );
}

export function userDataPathSteps(input: UserDataPathInput): RecoveryStep[] {
  const target: PowerTarget = {
    account: input.account,
    region: input.region,
    instanceId: input.instanceId,
    clock: input.clock,
    sleep: input.sleep,
    ...(input.powerLimits ? { limits: input.powerLimits } : {}),
  };
  const id = input.instanceId;
  const userData = {
    target,
    backupPath: input.backupPath,
    document: { targetUser: input.targetUser, publicKey: input.newPublicKey },
  };
  const endpoint = (ctx: StepContext): SshAddress => {
    const host = ctx.facts.endpointHost;
    const port = Number(ctx.facts.endpointPort);
    if (!host || !Number.isInteger(port)) throw endpointUnknownError(target);
    return { host, port };
  };
  const verify = verifyStep({
    connector: input.connector,
    target: endpoint,
    targetUser: input.targetUser,
    privateKey: input.newPrivateKeyOpenSsh,
    hostKey: input.hostKey,
  });
  return [
    withNewKeyRemoval(saveUserDataStep(userData), {
      target,
      targetUser: input.targetUser,
      newPublicKey: input.newPublicKey,
      newPrivateKeyOpenSsh: input.newPrivateKeyOpenSsh,
      connector: input.connector,
      hostKey: input.hostKey,
      endpointOf: input.endpointOf,
    }),
    stopInstanceStep({
      id: 'stop-instance',
      text: {
        does: stepText('userData.stop.does', { instanceId: id }),
        undo: stepText('userData.stop.undo', { instanceId: id }),
      },
      target,
      restartOnUndo: true,
    }),
    setRecoveryUserDataStep(userData),
    startInstanceStep({
      id: 'start-instance',
      text: {
        does: stepText('userData.start.does', { instanceId: id }),
        undo: stepText('userData.start.undo'),
      },
      target,
      endpointOf: input.endpointOf,
    }),
    bootResultStep({
      target,
      targetUser: input.targetUser,
      ...(input.consoleLimits ? { consoleLimits: input.consoleLimits } : {}),
    }),
    verify,
    stopInstanceStep({
      id: 'stop-after-verify',
      text: {
        does: stepText('userData.stopAgain.does', { instanceId: id }),
        undo: stepText('userData.stopAgain.undo'),
      },
      target,
      restartOnUndo: false,
    }),
    restoreUserDataStep(userData),
    startInstanceStep({
      id: 'start-after-restore',
      text: {
        does: stepText('userData.startAgain.does', { instanceId: id }),
        undo: stepText('userData.startAgain.undo'),
      },
      target,
      endpointOf: input.endpointOf,
    }),
    {
      ...verify,
      id: 'verify-after-restore',
      ...stepDescription(
        stepText('userData.verifyAgain.does', { user: input.targetUser }),
        stepText('verify.undo'),
      ),
    },
  ];
}
