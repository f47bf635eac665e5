import type { Clock } from './clock';
import type { KeyFiles } from '../keys/key-files';
import { RecoveryExecutor } from '../recovery/engine/executor';
import type { RecoveryJournals } from '../recovery/journal';
import { runPreflight } from '../recovery/preflight/preflight';
import type { SshTargetMemory } from '../recovery/paths/ssh-target';
import type { Sleeper } from '../recovery/paths/ssm-command-poller';
import { RecoveryService } from '../recovery/service/recovery-service';
import { ssh2Connector } from '../recovery/ssh/ssh2-session';
import { egressAddressFor, sshEndpointLookupFor } from './recovery-network-ports';

export interface RecoveryServiceWiring {
  journals: RecoveryJournals;
  keyFiles: KeyFiles;
  clock: Clock;
  /** Where `~/.ssh/config` is written by the cleanup (tests pass a temp home). */
  homeDir: string;
  /** SSH targets remembered per instance (the core's, in user data). */
  sshTargets: SshTargetMemory;
  /** Waits between polls (default: the timer). */
  sleep?: Sleeper;
}

/**
 * The recovery service with its real ports: ssh2 for SSH, the account's checkip and (practice
 * account) its loopback SSH endpoints, the real preflight.
 */
export function createRecoveryService(wiring: RecoveryServiceWiring): RecoveryService {
  return new RecoveryService({
    journals: wiring.journals,
    executor: new RecoveryExecutor(),
    keyFiles: wiring.keyFiles,
    clock: wiring.clock,
    homeDir: wiring.homeDir,
    connector: ssh2Connector,
    preflight: runPreflight,
    egressFor: egressAddressFor,
    sshEndpointsFor: sshEndpointLookupFor,
    sshTargets: wiring.sshTargets,
    ...(wiring.sleep ? { sleep: wiring.sleep } : {}),
  });
}
