import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AppInfo } from '../ipc/contracts/app';
import {
  createRouter,
  type HandlerContext,
  type Handlers,
  type Router,
  type RouterOptions,
} from '../ipc/router';
import { createSettingsHandlers } from '../settings/settings-handlers';
import { SettingsStore } from '../settings/settings-store';
import { RememberedSshTargets } from '../settings/remembered-ssh-targets';
import { createAppHandlers } from './app-handlers';
import { createKeysHandlers } from '../keys/keys-handlers';
import { KeyFiles, type PrivateKeyWrite } from '../keys/key-files';
import { LocalKeySources } from '../inventory/local-sources';
import { systemClock, type Clock } from './clock';
import type { DialogPort } from './ports';
import { QuitBlockers } from './quit-blockers';
import { approvingDialogs, WriteApprovals } from './write-approvals';
import type { AccountsStack, AccountsStackOptions } from './accounts-stack';
import { accountsContract } from '../ipc/contracts/accounts';
import { inventoryContract } from '../ipc/contracts/inventory';
import { keypairsContract } from '../ipc/contracts/keypairs';
import { recoveryContract } from '../ipc/contracts/recovery';
import { recoveryRunContract } from '../ipc/contracts/recovery-run';
import { OperationRegistry, type OperationClock } from '../ipc/operations/operation-registry';
import { createOperationsHandlers } from '../ipc/operations/operations-handlers';
import { RecoveryJournals } from '../recovery/journal';
import { createRecoveryJournalHandlers } from './recovery-journal-handlers';
import { RecoveryReportFiles } from './recovery-report-files';

export interface CoreOptions extends RouterOptions {
  /** Where settings, caches and journals live (Electron's userData; `~/.keyrescue` for the CLI). */
  userDataDir: string;
  runtime: AppInfo['runtime'];
  /** Overrides how the active account's mode is found (tests, the e2e harness). */
  mode?: () => Promise<AppInfo['mode']>;
  /** Native file dialogs (Electron main); the e2e harness passes a fake, the CLI none. */
  dialogs?: DialogPort;
  /** AWS config files, environment, practice account, ~/.ssh and inventory tuning (owner: inventory). */
  accounts?: AccountsStackOptions;
  /** Replaces the private key file write (tests simulate a failing disk). */
  privateKeyWrite?: PrivateKeyWrite;
  /** Time and timers of the operation registry (tests move time by hand). */
  operationClock?: OperationClock;
  /** Where services take the time from (default: the wall clock; tests pass a TestClock). */
  clock?: Clock;
}

export interface Core {
  router: Router;
  settings: SettingsStore;
  /** Where the window may have files written; main adds the files dropped on the window. */
  approvals: WriteApprovals;
  /**
   * Accounts, inventory and key pair services, for the CLI and tests. Loaded on first use: the AWS
   * SDK and the sandbox take most of a second to load, which `keyrescue convert` should not pay.
   */
  aws(): Promise<AccountsStack>;
  /** What quitting now would lose; main asks it before quitting, other areas register providers. */
  quitBlockers: QuitBlockers;
  /** Long-running operations (inventory refresh, …): status, cancel, replay by id. */
  operations: OperationRegistry;
  /** The clock every service stamps times with (the recovery journal takes it from here). */
  clock: Clock;
  /** The recovery journals in `<userDataDir>/journals` (the CLI's `journal` commands, the engine). */
  journals: RecoveryJournals;
  /** SSH targets remembered per instance after a verified login (`<userDataDir>/ssh-targets.json`). */
  sshTargets: RememberedSshTargets;
  /** Stops what the core started (the practice sandbox); drivers call it before exiting. */
  dispose(): Promise<void>;
}

/**
 * The composition root every driver shares — Electron main, the CLI, the e2e harness and tests —
 * so they all dispatch to the same services through the same router.
 */
export function createCore(options: CoreOptions): Core {
  const settings = new SettingsStore(options.userDataDir);
  const clock = options.clock ?? systemClock;
  const sshDir = join(options.accounts?.homeDir ?? homedir(), '.ssh');
  const sources = new LocalKeySources(options.userDataDir, sshDir);
  const approvals = new WriteApprovals(sshDir);
  // Every key written is remembered as a local key source, so the inventory finds it (src/keys
  // knows nothing of the inventory: this port is the link).
  const keyFiles = new KeyFiles({
    guard: approvals,
    written: { remember: (paths) => sources.addWrittenKeys(paths) },
    ...(options.privateKeyWrite ? { write: options.privateKeyWrite } : {}),
  });
  const dialogs = options.dialogs ? approvingDialogs(options.dialogs, approvals) : undefined;
  const operations = new OperationRegistry({
    ...(options.operationClock ? { clock: options.operationClock } : {}),
    ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
  });
  const journals = new RecoveryJournals(options.userDataDir, clock);
  const sshTargets = new RememberedSshTargets(options.userDataDir, () => clock.now());
  let loaded: Promise<AccountsStack> | undefined;
  const aws = () =>
    (loaded ??= import('./accounts-stack').then(({ createAccountsStack }) =>
      createAccountsStack(
        options.userDataDir,
        settings,
        { sources, keyFiles, operations, clock, journals, sshTargets, ...(dialogs ? { dialogs } : {}) },
        options.accounts,
      ),
    ));
  const mode = options.mode ?? (async () => (await aws()).mode());
  const quitBlockers = new QuitBlockers();
  // AWS-created private keys live only in this process until saved; not loaded yet means none.
  quitBlockers.register(async () => {
    if (!loaded) return [];
    const count = (await loaded).keyPairs.pendingCount();
    return [{ kind: 'keypairs.unsavedPrivateKeys', count }];
  });
  const handlers: Handlers = {
    ...createAppHandlers({ runtime: options.runtime, mode, quitBlockers }),
    ...createSettingsHandlers(settings),
    ...createKeysHandlers({ keyFiles, ...(dialogs ? { dialogs } : {}) }),
    ...createOperationsHandlers(operations),
    ...createRecoveryJournalHandlers(
      journals,
      new RecoveryReportFiles(options.accounts?.homeDir ?? homedir(), dialogs),
    ),
    ...lazyAwsHandlers(aws),
  };
  return {
    router: createRouter(handlers, options),
    settings,
    approvals,
    aws,
    quitBlockers,
    operations,
    clock,
    journals,
    sshTargets,
    dispose: async () => {
      // Running operations stop first, so none is left calling a sandbox that is going away.
      await operations.dispose();
      if (loaded) await (await loaded).dispose();
    },
  };
}

type AwsChannel =
  | keyof typeof accountsContract
  | keyof typeof inventoryContract
  | keyof typeof keypairsContract
  | keyof typeof recoveryContract
  | keyof typeof recoveryRunContract;

/** Handlers for the account, inventory and key pair channels that load their services on first call. */
function lazyAwsHandlers(aws: () => Promise<AccountsStack>): Pick<Handlers, AwsChannel> {
  const channels = Object.keys({
    ...accountsContract,
    ...inventoryContract,
    ...keypairsContract,
    ...recoveryContract,
    ...recoveryRunContract,
  }) as AwsChannel[];
  return Object.fromEntries(
    channels.map((channel) => [
      channel,
      async (input: never, ctx: HandlerContext) => {
        const handler = (await aws()).handlers[channel] as (
          input: never,
          ctx: HandlerContext,
        ) => Promise<unknown>;
        return handler(input, ctx);
      },
    ]),
  ) as unknown as Pick<Handlers, AwsChannel>;
}
