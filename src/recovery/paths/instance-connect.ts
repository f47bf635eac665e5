import { SendSSHPublicKeyCommand } from '@aws-sdk/client-ec2-instance-connect';
import type { ResolvedAccount } from '../../aws/account-types';
import { awsErrorCodes } from '../../aws/aws-errors';
import { withAwsClient } from '../../aws/with-aws-client';
import { AppError, isAppError } from '../../ipc/app-error';
import type { HostKeyChoice } from '../../ipc/contracts/recovery-run';
import { operationErrorCodes } from '../../ipc/operations/operation-errors';
import { encodePrivateKey, generatePrivateKey, publicKeyToOpenSSH } from '../../keys';
import type { RemoteScriptRunner, StepContext } from '../engine/recovery-step';
import { recoveryErrorCodes } from '../recovery-errors';
import type { SshConnector, SshSession } from '../ssh/ssh-port';
import { stepPhrase } from '../journal/step-texts';
import { hostKeyPolicyFor, runScriptOverSsh } from './script-over-ssh';
import { sshEndpointText, type SshAddress } from './ssh-target';

/**
 * The EC2 Instance Connect path (research §2): a throwaway key made in memory, pushed with
 * SendSSHPublicKey for the target user (the instance's ec2-instance-connect package serves it to
 * sshd for 60 seconds), an SSH login with it right away, the authorized-keys script via `sudo -n
 * sh`, and the throwaway dropped. Only its public half ever leaves this process (to AWS, where the
 * key expires by itself); it is never written to disk, journaled or shown.
 */

/** Ed25519 by default; RSA for images whose ec2-instance-connect predates Ed25519 support. */
export type ThrowawayKeyType = { type: 'ed25519' } | { type: 'rsa'; bits: 2048 | 3072 };

export interface InstanceConnectRunnerInput {
  account: ResolvedAccount;
  region: string;
  instanceId: string;
  /** The instance's zone; AWS refuses a push naming another one. */
  availabilityZone?: string;
  /** The user whose key is pushed and who logs in (then `sudo -n`): the target user. */
  targetUser: string;
  /** Where SSH reaches the instance (ssh-target.ts). */
  endpoint: SshAddress;
  hostKey: HostKeyChoice;
  connector: SshConnector;
  throwawayKey?: ThrowawayKeyType;
}

/**
 * The pushed key must authenticate within 60 s of the push. The login starts right after it, so a
 * connect bound well inside the window means a slow network fails as a timeout, not as a refusal
 * that would be misread as "package not installed".
 */
const connectTimeoutMs = 25_000;

function permissionDenied(input: InstanceConnectRunnerInput, cause: AppError): AppError {
  return new AppError(
    recoveryErrorCodes.eicPermissionDenied,
    `This AWS identity may not push a key to ${input.instanceId} with EC2 Instance Connect as ${input.targetUser} (ec2-instance-connect:SendSSHPublicKey on the instance, possibly limited by the ec2:osuser condition). Ask your administrator for it, or use Systems Manager or another path. Nothing was changed on the instance.`,
    { instanceId: input.instanceId, user: input.targetUser, awsCode: String(cause.details.awsCode ?? '') },
  );
}

function notRunning(input: InstanceConnectRunnerInput, cause: AppError): AppError {
  return new AppError(
    recoveryErrorCodes.eicInstanceNotRunning,
    `${input.instanceId} is not running, so EC2 Instance Connect cannot reach it (${String(cause.details.awsCode ?? 'not running')}). Start it, wait until it is running, and try again. Nothing was changed on the instance.`,
    { instanceId: input.instanceId, awsCode: String(cause.details.awsCode ?? '') },
  );
}

function notInstalled(input: InstanceConnectRunnerInput): AppError {
  const where = sshEndpointText(input.endpoint);
  return new AppError(
    recoveryErrorCodes.eicNotInstalled,
    `EC2 Instance Connect accepted the one-minute key, but ${where} refused it for ${input.targetUser}: the ec2-instance-connect package is most likely not installed on this image (or ${input.targetUser} is not a user there: AWS does not check). Nothing was changed on the instance. Use Systems Manager or another working login instead.`,
    {
      instanceId: input.instanceId,
      host: input.endpoint.host,
      port: input.endpoint.port,
      user: input.targetUser,
    },
  );
}

async function pushKey(input: InstanceConnectRunnerInput, publicKey: string): Promise<void> {
  try {
    const answer = await withAwsClient(
      'ec2-instance-connect',
      input.account,
      input.region,
      'SendSSHPublicKey',
      (client) =>
        client.send(
          new SendSSHPublicKeyCommand({
            InstanceId: input.instanceId,
            InstanceOSUser: input.targetUser,
            SSHPublicKey: publicKey,
            ...(input.availabilityZone ? { AvailabilityZone: input.availabilityZone } : {}),
          }),
        ),
    );
    if (answer.Success !== true)
      throw new AppError(
        awsErrorCodes.requestFailed,
        `EC2 Instance Connect did not accept the key for ${input.instanceId} (Success: false). Try again, or use another path. Nothing was changed on the instance.`,
        { instanceId: input.instanceId },
      );
  } catch (error) {
    if (isAppError(error) && error.code === awsErrorCodes.accessDenied) throw permissionDenied(input, error);
    if (isAppError(error) && error.code === awsErrorCodes.instanceStateInvalid)
      throw notRunning(input, error);
    throw error;
  }
}

async function loginWithThrowaway(input: InstanceConnectRunnerInput, ctx: StepContext): Promise<SshSession> {
  const type = input.throwawayKey ?? { type: 'ed25519' };
  const key = await generatePrivateKey({ ...type, comment: 'keyrescue-instance-connect' });
  // A Buffer so it can be zeroed once ssh2 has it; the key object itself is left to the GC.
  const privateKey = Buffer.from(await encodePrivateKey(key, { format: 'openssh' }));
  try {
    if (ctx.signal.aborted)
      throw new AppError(
        operationErrorCodes.cancelled,
        'Cancelled before Instance Connect; nothing was changed.',
      );
    ctx.note(
      `Pushing a one-minute ${type.type === 'rsa' ? `RSA ${type.bits}` : 'Ed25519'} key with EC2 Instance Connect`,
    );
    await pushKey(input, publicKeyToOpenSSH(key));
    ctx.note(`Logging in to ${sshEndpointText(input.endpoint)} as ${input.targetUser}`);
    return await input.connector
      .connect({
        ...input.endpoint,
        username: input.targetUser,
        credentials: { privateKey },
        hostKey: hostKeyPolicyFor(input.hostKey, ctx.facts),
        timeoutMs: connectTimeoutMs,
        signal: ctx.signal,
      })
      .catch((error: unknown) => {
        // The push succeeded, so a refused key means sshd does not ask Instance Connect for keys.
        if (isAppError(error) && error.code === recoveryErrorCodes.sshAuthFailed) throw notInstalled(input);
        throw error;
      });
  } finally {
    privateKey.fill(0);
  }
}

/** A {@link RemoteScriptRunner} over EC2 Instance Connect; facts: `hostKeyFingerprint`, `runAs`. */
export function instanceConnectRunner(input: InstanceConnectRunnerInput): RemoteScriptRunner {
  return {
    describe: `EC2 Instance Connect as ${input.targetUser}`,
    describeText: stepPhrase('runner.eic', { user: input.targetUser }),
    async run(script, ctx) {
      const session = await loginWithThrowaway(input, ctx);
      try {
        const { runAs, result } = await runScriptOverSsh(session, {
          script,
          loginUser: input.targetUser,
          targetUser: input.targetUser,
          host: input.endpoint.host,
          signal: ctx.signal,
        });
        return { result, facts: { hostKeyFingerprint: session.hostKeyFingerprint, runAs } };
      } finally {
        await session.close();
      }
    },
  };
}
