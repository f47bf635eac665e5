import type { Clock } from '../../app/clock';
import type { ResolvedAccount } from '../../aws/account-types';
import { AppError } from '../../ipc/app-error';
import type { HostKeyChoice, RunnablePath } from '../../ipc/contracts/recovery-run';
import type { RemoteScriptRunner } from '../engine/recovery-step';
import { anotherLoginRunner, loginCredentials } from '../paths/another-login-runner';
import { instanceConnectRunner, type ThrowawayKeyType } from '../paths/instance-connect';
import type { SshAddress } from '../paths/ssh-target';
import { ssmRunCommandRunner } from '../paths/ssm-run-command';
import type { Sleeper } from '../paths/ssm-command-poller';
import type { PreflightFacts } from '../preflight/preflight-facts';
import { newKeyNeededError } from '../stop-paths/user-data-errors';
import { recoveryRunErrorCodes } from './service-errors';
import type { SshConnector } from '../ssh/ssh-port';

/** The other working login of path `ssh`: a key file (maybe encrypted) or a password. */
export interface LoginChoice {
  user: string;
  keyPath?: string;
  keyPassphrase?: string;
  password?: string;
}

export interface PathRunnerInput {
  account: ResolvedAccount;
  recoveryId: string;
  region: string;
  instanceId: string;
  targetUser: string;
  facts: PreflightFacts;
  endpoint: SshAddress;
  hostKey: HostKeyChoice;
  connector: SshConnector;
  clock: Clock;
  /** Waits between SSM polls (default: the timer). */
  sleep?: Sleeper;
  login?: LoginChoice;
  /** The new private key (OpenSSH text, in memory): how path `userData` runs a script after the recovery. */
  newPrivateKey?: string;
  signal?: AbortSignal;
}

/**
 * Amazon Linux 2 builds before 2019-10 shipped an ec2-instance-connect that accepts RSA keys only;
 * every other image family that ships the package takes Ed25519.
 */
function throwawayFor(facts: PreflightFacts): ThrowawayKeyType {
  const image = facts.image;
  const oldAl2 = image?.family === 'amazonLinux2' && image.version !== null && image.version < '20191000';
  return oldAl2 ? { type: 'rsa', bits: 3072 } : { type: 'ed25519' };
}

function loginMissing(): AppError {
  return new AppError(
    recoveryRunErrorCodes.loginMissing,
    'The "another working login" path needs that login: its user and its key file or password.',
    {},
  );
}

/** The runner of the chosen path: how the authorized-keys script gets to run as root on the instance. */
export async function runnerFor(path: RunnablePath, input: PathRunnerInput): Promise<RemoteScriptRunner> {
  switch (path) {
    case 'eic':
      return instanceConnectRunner({
        account: input.account,
        region: input.region,
        instanceId: input.instanceId,
        ...(input.facts.instance?.availabilityZone
          ? { availabilityZone: input.facts.instance.availabilityZone }
          : {}),
        targetUser: input.targetUser,
        endpoint: input.endpoint,
        hostKey: input.hostKey,
        connector: input.connector,
        throwawayKey: throwawayFor(input.facts),
      });
    case 'ssm':
      return ssmRunCommandRunner({
        account: input.account,
        region: input.region,
        instanceId: input.instanceId,
        clock: input.clock,
        ...(input.sleep ? { sleep: input.sleep } : {}),
      });
    case 'userData':
    case 'rescueVolume':
      // The user data (or the rescue instance) ran the add; a later script (the cleanup's removal of the old key)
      // goes over SSH as the target user with the new key, then root through sudo.
      if (!input.newPrivateKey) throw newKeyNeededError(input.instanceId);
      return anotherLoginRunner({
        endpoint: input.endpoint,
        loginUser: input.targetUser,
        credentials: { privateKey: input.newPrivateKey },
        hostKey: input.hostKey,
        connector: input.connector,
        targetUser: input.targetUser,
      });
    case 'ssh': {
      const login = input.login;
      if (!login || (!login.keyPath && !login.password)) throw loginMissing();
      const { user, ...choice } = login;
      return anotherLoginRunner({
        endpoint: input.endpoint,
        loginUser: user,
        credentials: await loginCredentials(choice, input.signal),
        hostKey: input.hostKey,
        connector: input.connector,
        targetUser: input.targetUser,
      });
    }
  }
}
