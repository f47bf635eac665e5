import { isAppError } from '../../ipc/app-error';
import type { HostKeyChoice } from '../../ipc/contracts/recovery-run';
import type { RecoveryStep, StepContext, StepOutcome } from '../engine/recovery-step';
import { checkResult, scriptOutcomeSentences } from '../engine/script-step';
import { stepDescription, stepResult, stepText, type StepText } from '../journal/step-texts';
import { anotherLoginRunner } from '../paths/another-login-runner';
import type { InstanceAddresses, SshAddress } from '../paths/ssh-target';
import { recoveryErrorCodes } from '../recovery-errors';
import { removeKeyScript } from '../scripts/authorized-key-script';
import type { SshConnector } from '../ssh/ssh-port';
import { describeInstance, type PowerTarget } from './instance-power';

/**
 * A rollback of the user-data path also takes the new key off the instance: the boot script may
 * have appended it whatever the journal got to say (a crash while the instance booted). It is the
 * undo of the first step, so it runs last, once the instance runs again as before: log in with the
 * new key and remove its line (root through sudo). A login the new key cannot make means the line
 * is not there; an instance that was not running before is left as it is, and the result says so.
 * The rescue-volume path's rollback does the same (its edit may have happened whatever the journal says).
 */
export interface NewKeyRemovalInput {
  target: PowerTarget;
  targetUser: string;
  newPublicKey: string;
  newPrivateKeyOpenSsh: string;
  connector: SshConnector;
  hostKey: HostKeyChoice;
  endpointOf(addresses: InstanceAddresses): Promise<SshAddress>;
  /** The undo's sentence and the one for an instance left stopped, when not the user data path's. */
  sentences?: { undo: StepText; left: 'userData.newKeyLeft' | 'rescueVolume.newKeyLeft' };
}

async function removeNewKey(input: NewKeyRemovalInput, ctx: StepContext): Promise<StepOutcome> {
  const { target, targetUser } = input;
  const instanceId = target.instanceId;
  const view = await describeInstance(target, ctx.signal);
  if (view.state !== 'running')
    return stepResult(
      stepText(input.sentences?.left ?? 'userData.newKeyLeft', { instanceId, state: view.state }),
    );
  const runner = anotherLoginRunner({
    endpoint: await input.endpointOf(view.addresses),
    loginUser: targetUser,
    credentials: { privateKey: input.newPrivateKeyOpenSsh },
    hostKey: input.hostKey,
    connector: input.connector,
    targetUser,
  });
  try {
    const { result } = await runner.run(removeKeyScript({ targetUser, publicKey: input.newPublicKey }), ctx);
    checkResult(result, ['removed', 'notPresent'], runner.describe);
    return stepResult(...scriptOutcomeSentences(result, targetUser));
  } catch (error) {
    // sshd refused the new key: no line of it is in the user's authorized_keys.
    if (isAppError(error) && error.code === recoveryErrorCodes.sshAuthFailed)
      return stepResult(stepText('userData.newKeyAbsent', { instanceId, user: targetUser }));
    throw error;
  }
}

/** A first step with the new key's removal as its undo (rollback only; nothing reverts it on failure). */
export function withNewKeyRemoval(save: RecoveryStep, input: NewKeyRemovalInput): RecoveryStep {
  return {
    ...save,
    ...stepDescription(
      save.text?.does ?? stepText('userData.save.does', { instanceId: input.target.instanceId }),
      input.sentences?.undo ?? stepText('userData.removeNewKey.undo', { user: input.targetUser }),
    ),
    revert: (ctx) => removeNewKey(input, ctx),
  };
}
