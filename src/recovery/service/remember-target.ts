import type { ResolvedAccount } from '../../aws/account-types';
import type { StartedEntry } from '../journal';
import { sshEndpointText, type SshEndpoint } from '../paths/ssh-target';
import type { RecoveryServiceDeps, RunContext } from './service-deps';

/**
 * A target the user gave (now, or remembered) that just led to a verified login is remembered for
 * the instance; a typo never gets this far. Not remembering only costs typing it again next time.
 */
export async function rememberVerified(
  deps: Pick<RecoveryServiceDeps, 'sshTargets'>,
  account: ResolvedAccount,
  started: StartedEntry,
  endpoint: SshEndpoint,
  run: RunContext,
): Promise<void> {
  if (endpoint.source !== 'override' && endpoint.source !== 'remembered') return;
  try {
    await deps.sshTargets.remember(
      { accountId: account.id, region: started.region, instanceId: started.instanceId },
      { host: endpoint.host, port: endpoint.port },
    );
    run.report({
      kind: 'note',
      step: 'ssh-target',
      detail: `SSH target ${sshEndpointText(endpoint)} remembered for ${started.instanceId}.`,
    });
  } catch {
    run.report({
      kind: 'note',
      step: 'ssh-target',
      detail: `SSH target ${sshEndpointText(endpoint)} could not be remembered.`,
    });
  }
}
