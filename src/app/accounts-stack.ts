import { homedir } from 'node:os';
import type { AppInfo } from '../ipc/contracts/app';
import type { Handlers } from '../ipc/router';
import type { accountsContract } from '../ipc/contracts/accounts';
import type { inventoryContract } from '../ipc/contracts/inventory';
import type { keypairsContract } from '../ipc/contracts/keypairs';
import type { recoveryContract } from '../ipc/contracts/recovery';
import type { recoveryRunContract } from '../ipc/contracts/recovery-run';
import type { RecoveryJournals } from '../recovery/journal';
import type { Sleeper } from '../recovery/paths/ssm-command-poller';
import { createRecoveryRunHandlers } from './recovery-run-handlers';
import { createRecoveryService } from './recovery-service-factory';
import { createRecoveryHandlers } from './recovery-handlers';
import { InventoryCache } from '../inventory/inventory-cache';
import { createInventoryHandlers } from '../inventory/inventory-handlers';
import type { Clock } from './clock';
import type { DialogPort } from './ports';
import { InventoryExportFiles } from '../inventory/inventory-export-file';
import type { LoadOptions } from '../inventory/inventory-loader';
import { InventoryService } from '../inventory/inventory-service';
import type { LocalKeySources } from '../inventory/local-sources';
import { KeyPairService } from '../keypairs/key-pair-service';
import { createKeypairsHandlers } from '../keypairs/keypairs-handlers';
import type { KeyFiles } from '../keys/key-files';
import type { OperationRegistry } from '../ipc/operations/operation-registry';
import type { SettingsStore } from '../settings/settings-store';
import type { RememberedSshTargets } from '../settings/remembered-ssh-targets';
import { AccountRegistry } from '../aws/account-registry';
import { practiceAccountId, type PracticeEndpoint } from '../aws/account-types';
import { createAccountsHandlers } from './accounts-handlers';
import { defaultAwsEnvironment, type AwsEnvironment } from '../aws/aws-environment';
import { EndpointOverrides } from '../aws/endpoint-overrides';
import { MfaBroker } from '../aws/mfa-broker';
import { lazyPracticeAccount } from './practice-account';

/** What drivers and tests may set about accounts, inventory and key pairs. */
export interface AccountsStackOptions {
  /** AWS env variables and home folder (default: the real process and home). */
  environment?: AwsEnvironment;
  /** The practice account's sandbox; default: one started lazily with its state in user data. */
  practice?: () => Promise<PracticeEndpoint>;
  /** Folder whose `.ssh` is scanned for local keys (default: the user's home; read by `createCore`). */
  homeDir?: string;
  /** Region concurrency, page size, retries. */
  inventory?: Omit<LoadOptions, 'onProgress' | 'signal'>;
  /** The recovery's waits between polls (default: the timer; the recovery benchmark scales time). */
  recoverySleep?: Sleeper;
}

/** What the stack shares with the rest of the core (built by `createCore`). */
export interface AccountsStackShared {
  /** Where local keys are looked for; the key-file writer adds the keys it writes. */
  sources: LocalKeySources;
  /** The one private key writer (New key, AWS-created keys). */
  keyFiles: KeyFiles;
  /** The Save dialog exports ask for a path; none in the CLI. */
  dialogs?: DialogPort;
  /** Where long-running work (the inventory refresh) runs as an operation. */
  operations: OperationRegistry;
  /** The core's clock (inventory load times, export names). */
  clock: Clock;
  /** The recovery journals (the core's, so the journal channels and the engine share them). */
  journals: RecoveryJournals;
  /** SSH targets remembered per instance (the recovery remembers and uses them). */
  sshTargets: RememberedSshTargets;
}

type AccountsHandlers = Pick<
  Handlers,
  | keyof typeof accountsContract
  | keyof typeof inventoryContract
  | keyof typeof keypairsContract
  | keyof typeof recoveryContract
  | keyof typeof recoveryRunContract
>;

export interface AccountsStack {
  accounts: AccountRegistry;
  inventory: InventoryService;
  keyPairs: KeyPairService;
  sources: LocalKeySources;
  mfa: MfaBroker;
  handlers: AccountsHandlers;
  /** `sandbox` while the practice account is active (app:info). */
  mode: () => Promise<AppInfo['mode']>;
  dispose: () => Promise<void>;
}

/** Builds the account, inventory and key pair services and their IPC handlers for `createCore`. */
export function createAccountsStack(
  userDataDir: string,
  settings: SettingsStore,
  shared: AccountsStackShared,
  options: AccountsStackOptions = {},
): AccountsStack {
  const { sources, keyFiles } = shared;
  const mfa = new MfaBroker();
  const lazyPractice = options.practice ? undefined : lazyPracticeAccount(userDataDir);
  const accounts = new AccountRegistry({
    environment: options.environment ?? defaultAwsEnvironment(),
    overrides: new EndpointOverrides(userDataDir),
    mfa,
    practice: options.practice ?? (() => (lazyPractice as NonNullable<typeof lazyPractice>).endpoint()),
    loadSelection: async () => (await settings.get()).lastProfile,
    saveSelection: async (accountId) => {
      await settings.update({ lastProfile: accountId });
    },
  });
  const inventory = new InventoryService({
    accounts,
    cache: new InventoryCache(userDataDir),
    sources,
    clock: shared.clock,
    loadOptions: options.inventory,
  });
  const keyPairs = new KeyPairService(keyFiles);
  return {
    accounts,
    inventory,
    keyPairs,
    sources,
    mfa,
    handlers: {
      ...createAccountsHandlers({ accounts, mfa }),
      ...createInventoryHandlers({
        accounts,
        inventory,
        sources,
        mfa,
        operations: shared.operations,
        exportFiles: new InventoryExportFiles(options.homeDir ?? homedir(), shared.clock, shared.dialogs),
      }),
      ...createKeypairsHandlers({ accounts, keyPairs, mfa }),
      ...createRecoveryHandlers({ accounts, mfa, operations: shared.operations }),
      ...createRecoveryRunHandlers({
        accounts,
        mfa,
        operations: shared.operations,
        journals: shared.journals,
        sshTargets: shared.sshTargets,
        service: createRecoveryService({
          journals: shared.journals,
          keyFiles,
          clock: shared.clock,
          homeDir: options.homeDir ?? homedir(),
          sshTargets: shared.sshTargets,
          ...(options.recoverySleep ? { sleep: options.recoverySleep } : {}),
        }),
      }),
    },
    mode: async () => ((await accounts.activeId()) === practiceAccountId ? 'sandbox' : 'aws'),
    dispose: async () => {
      await lazyPractice?.stop();
    },
  };
}
