import type { ResolvedAccount } from '../../aws/account-types';
import type { HostKeyChoice, RunnablePath } from '../../ipc/contracts/recovery-run';
import type { RemoteScriptRunner, RecoveryStep } from '../engine/recovery-step';
import { scriptStep } from '../engine/script-step';
import { verifyStep } from '../engine/verify-step';
import type { EgressAddressPort } from '../network/egress-address';
import { ingressAddStep } from '../paths/ingress-step';
import type { SshAddress } from '../paths/ssh-target';
import { addKeyScript, removeKeyScript } from '../scripts/authorized-key-script';
import type { SshConnector } from '../ssh/ssh-port';
import { importKeyPairStep } from '../new-key/import-key-pair-step';
import { stepPhrase, stepText } from '../journal/step-texts';

/** Everything the run's steps need, rebuilt the same way on start and on resume (from the journal). */
export interface RunStepsInput {
  account: ResolvedAccount;
  region: string;
  instanceId: string;
  path: NoDowntimePath;
  targetUser: string;
  /** The new key: its public line goes on the instance, the private half logs in to verify. */
  newPublicKey: string;
  newPrivateKeyOpenSsh: string;
  /** The path's runner (another login, Instance Connect, SSM). */
  runner: RemoteScriptRunner;
  /** Where the verification login connects. */
  endpoint: SshAddress;
  hostKey: HostKeyChoice;
  connector: SshConnector;
  /** A temporary /32 rule for tcp/22 is part of this recovery. */
  temporaryIngress: boolean;
  egress: EgressAddressPort;
  /** This computer's address as the user gave it; the ingress rule opens to it without asking checkip. */
  egressAddress?: string;
  importKeyPairName?: string;
  /** The instance's launch key pair name (the import step explains the console keeps showing it). */
  instanceKeyName?: string;
}

/** The paths that run the script through a runner while the instance runs. */
export type NoDowntimePath = Exclude<RunnablePath, 'userData' | 'rescueVolume'>;

const pathPhrases = { ssh: 'via.ssh', eic: 'via.eic', ssm: 'via.ssm' } as const satisfies Record<
  NoDowntimePath,
  string
>;

/** What every path does first when asked: a temporary /32 rule for tcp/22, the key pair import. */
export type PreambleInput = Pick<
  RunStepsInput,
  | 'account'
  | 'region'
  | 'instanceId'
  | 'newPublicKey'
  | 'temporaryIngress'
  | 'egress'
  | 'egressAddress'
  | 'importKeyPairName'
  | 'instanceKeyName'
>;

export function preambleSteps(input: PreambleInput): RecoveryStep[] {
  const steps: RecoveryStep[] = [];
  if (input.temporaryIngress)
    steps.push(
      ingressAddStep({
        account: input.account,
        region: input.region,
        instanceId: input.instanceId,
        egress: input.egress,
        ...(input.egressAddress ? { clientAddress: input.egressAddress } : {}),
      }),
    );
  if (input.importKeyPairName)
    steps.push(
      importKeyPairStep({
        account: input.account,
        region: input.region,
        name: input.importKeyPairName,
        publicKeyLine: input.newPublicKey,
        instanceId: input.instanceId,
        ...(input.instanceKeyName ? { instanceKeyName: input.instanceKeyName } : {}),
      }),
    );
  return steps;
}

/**
 * The steps of a no-downtime recovery, in order: open tcp/22 to this computer when chosen, import
 * the key pair when asked, append the new key through the path, and prove it with a fresh login.
 * The same input always gives the same ids, so a resume lines them up with the journal.
 */
export function runSteps(input: RunStepsInput): RecoveryStep[] {
  const steps: RecoveryStep[] = preambleSteps(input);
  const script = { targetUser: input.targetUser, publicKey: input.newPublicKey };
  steps.push(
    scriptStep({
      id: 'append-key',
      text: {
        does: stepText('appendKey.does', {
          user: input.targetUser,
          via: stepPhrase(pathPhrases[input.path]),
        }),
        undo: stepText('appendKey.undo', { user: input.targetUser }),
      },
      runner: input.runner,
      script: addKeyScript(script),
      accept: ['added', 'alreadyPresent'],
      targetUser: input.targetUser,
      revert: { script: removeKeyScript(script), accept: ['removed', 'notPresent'] },
    }),
  );
  steps.push(
    verifyStep({
      connector: input.connector,
      target: () => input.endpoint,
      targetUser: input.targetUser,
      privateKey: input.newPrivateKeyOpenSsh,
      hostKey: input.hostKey,
    }),
  );
  return steps;
}
