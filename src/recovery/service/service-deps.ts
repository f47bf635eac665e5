import type { Clock } from '../../app/clock';
import type { ResolvedAccount } from '../../aws/account-types';
import type { StepReport } from '../../ipc/operations/operation-registry';
import type { KeyFileCaller, KeyFiles } from '../../keys/key-files';
import type { RecoveryExecutor } from '../engine/executor';
import type { RecoveryJournals } from '../journal';
import type { EgressAddressPort } from '../network/egress-address';
import type { SshEndpointLookup, SshTargetMemory } from '../paths/ssh-target';
import type { Sleeper } from '../paths/ssm-command-poller';
import type { PreflightOptions, PreflightResult } from '../preflight/preflight';
import type { SshConnector } from '../ssh/ssh-port';

/** What the recovery service needs from the core (wired in src/app). */
export interface RecoveryServiceDeps {
  journals: RecoveryJournals;
  executor: RecoveryExecutor;
  keyFiles: KeyFiles;
  clock: Clock;
  /** The user's home: the cleanup's `~/.ssh/config` entry goes there. */
  homeDir: string;
  connector: SshConnector;
  /** Waits between polls of every path's waits (the timer when not given; tests pass a short one). */
  sleep?: Sleeper;
  preflight(account: ResolvedAccount, options: PreflightOptions): Promise<PreflightResult>;
  /** This computer's public address as the account's network sees it (checkip; the sandbox's own). */
  egressFor(account: ResolvedAccount): EgressAddressPort;
  /** The practice account's loopback SSH endpoints; none for real AWS. */
  sshEndpointsFor(account: ResolvedAccount): SshEndpointLookup | undefined;
  /** SSH targets the user gave per instance, remembered after a verified login through them. */
  sshTargets: SshTargetMemory;
}

/** The operation a run belongs to: its cancel signal, its progress, who asked. */
export interface RunContext {
  signal: AbortSignal;
  report(entry: StepReport): void;
  caller: KeyFileCaller;
}
